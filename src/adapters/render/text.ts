import type { Block, Column, Reply } from "../../app/reply.ts";
import { bar } from "./bars.ts";

const plain = (text: string) => text.replace(/`([^`]*)`/g, "$1").replace(/\*([^*]+)\*/g, "$1");
/** Width in terminal cells: wide (CJK) characters take two. */
const cells = (text: string) =>
  [...text].reduce(
    (n, ch) =>
      n +
      (/[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u.test(
        ch,
      )
        ? 2
        : 1),
    0,
  );
const pad = (text: string, width: number, align: Column["align"]) => {
  const space = " ".repeat(Math.max(0, width - cells(text)));
  return align === "right" ? space + text : text + space;
};

/** Splits a word longer than `width` cells into pieces that fit. */
function hardBreak(word: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = "";
  for (const ch of word) {
    if (piece && cells(piece + ch) > width) {
      pieces.push(piece);
      piece = "";
    }
    piece += ch;
  }
  return [...pieces, piece];
}

/**
 * Word-wraps one line to `width` cells (no limit: as it is); continuation lines start with
 * `indent`, which counts towards the width.
 */
export function wrap(text: string, width = Number.POSITIVE_INFINITY, indent = ""): string[] {
  if (cells(text) <= width) return [text];
  const lines: string[] = [];
  let line = "";
  const room = () => width - (lines.length ? cells(indent) : 0);
  for (const word of text.split(/ +/)) {
    for (const piece of cells(word) > width - cells(indent)
      ? hardBreak(word, width - cells(indent))
      : [word]) {
      const next = line ? `${line} ${piece}` : piece;
      if (line && cells(next) > room()) {
        lines.push(line);
        line = piece;
      } else line = next;
    }
  }
  return [...lines, line].map((l, i) => (i ? `${indent}${l}` : l));
}

/** A paragraph, each line wrapped, continuation lines indented by `indent`. */
function paragraph(text: string, width: number, first = "", indent = ""): string[] {
  return plain(text)
    .split("\n")
    .flatMap((l, i) => wrap(`${i === 0 ? first : indent}${l}`, width, indent));
}

const GAP = 2;
/** Below this a left column is not narrowed further; the table turns into one record per row instead. */
const MIN_COLUMN = 10;

/**
 * A table that fits `width`: as it is when it fits. Else, in this order: columns marked
 * `narrow: "below"` (explanations) leave the table and follow it as notes, one per row;
 * columns marked `narrow: "drop"` are left out, the last first (a line says which); the
 * left-aligned columns of prose wrap inside their cells; and when even that cannot fit, each
 * row becomes a small record, "Header: value" per line.
 */
function table(
  allColumns: readonly Column[],
  allRows: readonly (readonly string[])[],
  width: number,
): string[] {
  const fullWidth = (cols: readonly number[]) =>
    cols.reduce(
      (sum, i) =>
        sum + Math.max(cells(allColumns[i]!.header), ...allRows.map((r) => cells(plain(r[i] ?? "")))),
      0,
    ) +
    GAP * (cols.length - 1);
  let keep = allColumns.map((_, i) => i);
  const below = fullWidth(keep) > width ? keep.filter((i) => allColumns[i]!.narrow === "below") : [];
  keep = keep.filter((i) => !below.includes(i));
  const dropped: number[] = [];
  for (const i of [...keep].reverse()) {
    if (fullWidth(keep) <= width) break;
    if (allColumns[i]!.narrow !== "drop") continue;
    keep = keep.filter((k) => k !== i);
    dropped.unshift(i);
  }
  const columns = keep.map((i) => allColumns[i]!);
  const body = allRows.map((r) => keep.map((i) => plain(r[i] ?? "")));
  const after = [
    ...allRows.flatMap((r) =>
      below.flatMap((i) => (r[i] ? paragraph(`${plain(r[0] ?? "")}: ${r[i]}`, width, "• ", "  ") : [])),
    ),
    ...(dropped.length
      ? wrap(
          `(${dropped.map((i) => allColumns[i]!.header).join(", ")} left out to fit ${width} columns; --json has everything)`,
          width,
        )
      : []),
  ];
  const headers = columns.map((c) => c.header);
  const widths = columns.map((_, i) => Math.max(cells(headers[i]!), ...body.map((r) => cells(r[i]!))));
  const total = () => widths.reduce((a, b) => a + b, 0) + GAP * (widths.length - 1);
  // Prose (cells with spaces) wraps first, down to MIN_COLUMN; any long header wraps down to its
  // column's widest cell (figures and names never break).
  const prose = columns.map((c, i) => c.align === "left" && body.some((r) => / /.test(r[i]!)));
  const floors = columns.map((_c, i) => {
    const cellsWidth = Math.max(0, ...body.map((r) => cells(r[i]!)));
    return prose[i] ? Math.min(cellsWidth, MIN_COLUMN) : Math.max(cellsWidth, 6);
  });
  while (total() > width) {
    const shrinkable = columns.map((_c, i) => ({ i, w: widths[i]! })).filter(({ i, w }) => w > floors[i]!);
    if (!shrinkable.length) break;
    const widest = shrinkable.reduce((a, b) => (b.w > a.w ? b : a));
    widths[widest.i] = Math.max(floors[widest.i]!, widest.w - (total() - width));
  }
  if (total() > width) return [...records(headers, body, width), ...(after.length ? ["", ...after] : [])];
  const line = (r: readonly string[]) => {
    const parts = r.map((cell, i) => wrap(cell, widths[i]));
    const height = Math.max(...parts.map((p) => p.length));
    return Array.from({ length: height }, (_, k) =>
      columns
        .map((c, i) => pad(parts[i]![k] ?? "", widths[i]!, c.align))
        .join(" ".repeat(GAP))
        .trimEnd(),
    );
  };
  return [
    ...line(headers),
    widths.map((w) => "─".repeat(w)).join(" ".repeat(GAP)),
    ...body.flatMap(line),
    ...(after.length ? ["", ...after] : []),
  ];
}

/** The narrow layout: the first cell as a title, then "Header: value" for the rest. */
function records(headers: readonly string[], body: readonly (readonly string[])[], width: number): string[] {
  return body.flatMap((r, n) => [
    ...(n ? [""] : []),
    ...wrap(r[0]!, width),
    ...r
      .slice(1)
      .flatMap((cell, i) => (cell ? paragraph(`${headers[i + 1]}: ${cell}`, width, "  ", "    ") : [])),
  ]);
}

function block(b: Block, width: number): string[] {
  switch (b.type) {
    case "heading":
      return [...paragraph(b.text, width), ""];
    case "text":
      return [...paragraph(b.text, width), ""];
    case "table":
      return [...table(b.columns, b.rows, width), ""];
    case "bars": {
      const valueWidth = Math.max(...b.items.map((i) => cells(i.value)));
      // The bar gives way first (down to 10 cells), then long labels are cut.
      const labelWidth = Math.min(
        Math.max(...b.items.map((i) => cells(i.label))),
        Math.max(8, width - valueWidth - 10 - 2 * GAP),
      );
      const barWidth = Math.max(10, Math.min(30, width - labelWidth - valueWidth - 2 * GAP));
      const cut = (label: string) =>
        cells(label) <= labelWidth ? label : `${hardBreak(label, labelWidth - 1)[0]}…`;
      return [
        ...b.items.map(
          (i) =>
            `${pad(cut(i.label), labelWidth, "left")}  ${pad(bar(i.share, barWidth), barWidth, "left")}  ${i.value}`,
        ),
        "",
      ];
    }
    case "notes":
      return [...b.items.flatMap((n) => paragraph(n, width, "• ", "  ")), ""];
    case "context":
      return paragraph(b.text, width);
    case "code":
      return [...b.text.replace(/\n$/, "").split("\n"), ""];
    case "actions":
      return [];
  }
}

/**
 * The CLI's rendering: aligned tables, block-character bars, no markup. With a `width` (the
 * terminal's columns) every line fits it; without one (piped output) nothing is wrapped.
 */
export function renderText(reply: Reply, width = Number.POSITIVE_INFINITY): string {
  return `${reply.blocks
    .flatMap((b) => block(b, width))
    .join("\n")
    .trimEnd()}\n`;
}
