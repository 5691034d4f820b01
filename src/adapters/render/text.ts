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

function table(columns: readonly Column[], rows: readonly (readonly string[])[]): string[] {
  const all = [columns.map((c) => c.header), ...rows.map((r) => r.map(plain))];
  const widths = columns.map((_, i) => Math.max(...all.map((r) => cells(r[i] ?? ""))));
  const line = (r: readonly string[]) =>
    columns
      .map((c, i) => pad(r[i] ?? "", widths[i]!, c.align))
      .join("  ")
      .trimEnd();
  return [line(all[0]!), widths.map((w) => "─".repeat(w)).join("  "), ...all.slice(1).map(line)];
}

function block(b: Block): string[] {
  switch (b.type) {
    case "heading":
      return [plain(b.text), ""];
    case "text":
      return [...plain(b.text).split("\n"), ""];
    case "table":
      return [...table(b.columns, b.rows), ""];
    case "bars": {
      const width = Math.max(...b.items.map((i) => cells(i.label)));
      return [
        ...b.items.map(
          (i) => `${pad(i.label, width, "left")}  ${pad(bar(i.share, 30), 30, "left")}  ${i.value}`,
        ),
        "",
      ];
    }
    case "notes":
      return [...b.items.map((n) => `• ${plain(n)}`), ""];
    case "context":
      return [plain(b.text)];
    case "code":
      return [...b.text.replace(/\n$/, "").split("\n"), ""];
    case "actions":
      return [];
  }
}

/** The CLI's rendering: aligned tables, block-character bars, no markup. */
export function renderText(reply: Reply): string {
  return `${reply.blocks.flatMap(block).join("\n").trimEnd()}\n`;
}
