import type { Block, Chart, Reply } from "../../app/reply.ts";
import { bar } from "./bars.ts";
import { renderText } from "./text.ts";

/**
 * Reply → a Slack message (`text` fallback + Block Kit blocks). Slack rejects the whole
 * message when one block breaks a limit, so every limit is enforced here by shortening
 * with a visible note, never by failing.
 */
export const BLOCK_KIT_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  contextElements: 10,
  tableBlocks: 1,
  tableRows: 100,
  tableColumns: 20,
  tableChars: 10_000,
  buttonValue: 2000,
  fallbackText: 3000,
  /** data_visualization: docs.slack.dev/reference/block-kit/blocks/data-visualization-block */
  charts: 2,
  chartTitle: 50,
  chartLabel: 20,
  chartCategories: 20,
  /** Slack's page says up to 12 series; bar and line charts are held to 6, the stricter figure some clients document. */
  chartSeries: 6,
} as const;

/** The action id of the "Save scenario" button; the Slack adapter listens for it. */
export const SAVE_ACTION_ID = "save_scenario";
/** The button that confirms deleting someone else's scenario; its value is `{ name, confirm }`. */
export const CONFIRM_DELETE_ACTION_ID = "confirm_delete";

interface TextObject {
  readonly type: "plain_text" | "mrkdwn";
  readonly text: string;
  readonly emoji?: boolean;
}
interface RawText {
  readonly type: "raw_text";
  readonly text: string;
}
export type SlackBlock =
  | { readonly type: "header"; readonly text: TextObject }
  | { readonly type: "section"; readonly text: TextObject }
  | { readonly type: "context"; readonly elements: readonly TextObject[] }
  | {
      readonly type: "table";
      readonly rows: readonly (readonly RawText[])[];
      readonly column_settings: readonly { readonly align: "left" | "right" }[];
    }
  | {
      readonly type: "data_visualization";
      readonly title: string;
      readonly chart: {
        readonly type: "bar" | "line";
        readonly series: readonly {
          readonly name: string;
          readonly data: readonly { readonly label: string; readonly value: number }[];
        }[];
        readonly axis_config: {
          readonly categories: readonly string[];
          readonly x_label: string;
          readonly y_label: string;
        };
      };
    }
  | {
      readonly type: "actions";
      readonly elements: readonly {
        readonly type: "button";
        readonly action_id: string;
        readonly text: TextObject;
        readonly value?: string;
        readonly style?: "danger";
      }[];
    };

export interface SlackMessage {
  readonly text: string;
  readonly blocks: SlackBlock[];
}

/** Slack parses `&`, `<` and `>` in mrkdwn (`<!channel>` would ping everyone): escape user text. */
export const escapeMrkdwn = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const plain = (text: string) => text.replace(/`([^`]*)`/g, "$1").replace(/\*([^*]+)\*/g, "$1");
const clip = (text: string, max: number) =>
  [...text].length <= max ? text : `${[...text].slice(0, max - 1).join("")}…`;

const mrkdwn = (text: string): TextObject => ({ type: "mrkdwn", text });
const section = (text: string): SlackBlock => ({
  type: "section",
  text: mrkdwn(clip(escapeMrkdwn(text), BLOCK_KIT_LIMITS.sectionText)),
});
const context = (text: string): SlackBlock => ({
  type: "context",
  elements: [mrkdwn(clip(escapeMrkdwn(text), BLOCK_KIT_LIMITS.sectionText))],
});

/** Lines in a code block, cut at whole lines (with a count of what was left out) to fit a section. */
function codeBlock(lines: readonly string[]): SlackBlock {
  const fence = (body: readonly string[]) => `\`\`\`\n${body.join("\n")}\n\`\`\``;
  const escaped = lines.map(escapeMrkdwn);
  let kept = escaped.length;
  const text = () =>
    fence([
      ...escaped.slice(0, kept),
      ...(kept < escaped.length ? [`… ${escaped.length - kept} more lines`] : []),
    ]);
  while (kept > 0 && text().length > BLOCK_KIT_LIMITS.sectionText) kept--;
  return { type: "section", text: mrkdwn(clip(text(), BLOCK_KIT_LIMITS.sectionText)) };
}

/** Long text (a workload model) in as many code blocks as it takes: nothing of it cut. */
function codeBlocks(lines: readonly string[]): SlackBlock[] {
  const out: SlackBlock[] = [];
  let chunk: string[] = [];
  // Fence and escaping (`&` → `&amp;`) make a chunk longer than its text: keep a margin.
  const room = BLOCK_KIT_LIMITS.sectionText - 200;
  for (const line of lines) {
    if (chunk.length && [...chunk, line].join("\n").length * 1.25 > room) {
      out.push(codeBlock(chunk));
      chunk = [];
    }
    chunk.push(line);
  }
  if (chunk.length) out.push(codeBlock(chunk));
  return out;
}

/** The CLI's aligned table (same widths, same CJK handling) as the lines of a code block. */
function monospace(block: Block): string[] {
  return renderText({ kind: "info", visibility: "channel", summary: "", blocks: [block], status: 0 })
    .trimEnd()
    .split("\n");
}

type TableModel = Extract<Block, { type: "table" }>;

function fitsTableBlock(t: TableModel): boolean {
  const cells = [t.columns.map((c) => c.header), ...t.rows].flat();
  return (
    t.columns.length <= BLOCK_KIT_LIMITS.tableColumns &&
    t.rows.length + 1 <= BLOCK_KIT_LIMITS.tableRows &&
    cells.reduce((n, c) => n + c.length, 0) <= BLOCK_KIT_LIMITS.tableChars
  );
}

function tableBlock(t: TableModel): SlackBlock {
  // raw_text cells must not be empty, and every row needs a cell per column.
  const cell = (text: string | undefined): RawText => ({ type: "raw_text", text: plain(text ?? "") || " " });
  return {
    type: "table",
    rows: [t.columns.map((c) => cell(c.header)), ...t.rows.map((r) => t.columns.map((_, i) => cell(r[i])))],
    column_settings: t.columns.map((c) => ({ align: c.align })),
  };
}

const BAR_WIDTH = 20;
const LABEL_WIDTH = 26;

function barChart(items: Extract<Block, { type: "bars" }>["items"]): SlackBlock {
  const width = Math.min(LABEL_WIDTH, Math.max(0, ...items.map((i) => [...i.label].length)));
  return codeBlock(
    items.map(
      (i) =>
        `${clip(i.label, width).padEnd(width)}  ${bar(i.share, BAR_WIDTH).padEnd(BAR_WIDTH)}  ${i.value}`,
    ),
  );
}

/** Labels clipped to Slack's 20 characters, kept distinct (a clip can make two the same). */
function distinctLabels(labels: readonly string[]): string[] {
  const max = BLOCK_KIT_LIMITS.chartLabel;
  const seen = new Set<string>();
  return labels.map((label) => {
    let text = clip(plain(label), max) || "-";
    for (let n = 2; seen.has(text); n++) text = `${clip(plain(label), max - String(n).length - 1)}~${n}`;
    seen.add(text);
    return text;
  });
}

/**
 * A chart as Slack's data_visualization block, inside its limits: over 20 categories it draws
 * every k-th (with a context line saying so), at most 6 series, titles and labels clipped.
 */
function chartBlocks(chart: Chart): SlackBlock[] {
  const n = chart.categories.length;
  const step = Math.ceil(n / BLOCK_KIT_LIMITS.chartCategories);
  const kept = chart.categories.map((_, i) => i).filter((i) => i % step === 0);
  const categories = distinctLabels(kept.map((i) => chart.categories[i]!));
  const names = distinctLabels(chart.series.slice(0, BLOCK_KIT_LIMITS.chartSeries).map((s) => s.name));
  const block: SlackBlock = {
    type: "data_visualization",
    title: clip(plain(chart.title), BLOCK_KIT_LIMITS.chartTitle) || " ",
    chart: {
      type: chart.kind,
      series: names.map((name, s) => ({
        name,
        data: kept.map((i, c) => ({ label: categories[c]!, value: chart.series[s]!.values[i] ?? 0 })),
      })),
      axis_config: {
        categories,
        x_label: clip(plain(chart.xLabel), BLOCK_KIT_LIMITS.chartLabel),
        y_label: clip(plain(chart.yLabel), BLOCK_KIT_LIMITS.chartLabel),
      },
    },
  };
  const left = [
    ...(step > 1 ? [`the chart shows every ${ordinal(step)} of the ${n} points`] : []),
    ...(chart.series.length > names.length
      ? [`${chart.series.length - names.length} more series left out`]
      : []),
  ];
  return [
    block,
    ...(left.length ? [context(`${capitalise(left.join("; "))}; the table has them all.`)] : []),
  ];
}

const ordinal = (n: number) => (n === 2 ? "2nd" : n === 3 ? "3rd" : `${n}th`);
const capitalise = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);

/** Notes as context lines, several per block, each block under the text limit. */
function notes(items: readonly string[]): SlackBlock[] {
  const chunks: string[][] = [[]];
  for (const note of items) {
    const current = chunks.at(-1)!;
    const length = [...current, note].map((n) => `• ${n}`).join("\n").length;
    if (current.length && length > BLOCK_KIT_LIMITS.sectionText) chunks.push([note]);
    else current.push(note);
  }
  return chunks.filter((c) => c.length).map((c) => context(c.map((n) => `• ${n}`).join("\n")));
}

function saveValue(reply: Reply): string | undefined {
  // The scenario rides on the button, so saving works even where the thread was never linked.
  const value = reply.scenario ? JSON.stringify(reply.scenario) : undefined;
  return value && value.length <= BLOCK_KIT_LIMITS.buttonValue ? value : undefined;
}

interface RenderState {
  /** Tables go into Slack's table block (one, the reply's only table), else aligned code. */
  readonly tableBlock: boolean;
  /** Bars with a chart become data_visualization blocks (at most two), else code-block bars. */
  charts: number;
}

function convert(block: Block, reply: Reply, state: RenderState): SlackBlock[] {
  switch (block.type) {
    case "heading":
      return [
        {
          type: "header",
          text: {
            type: "plain_text",
            text: clip(plain(block.text), BLOCK_KIT_LIMITS.headerText) || " ",
            emoji: true,
          },
        },
      ];
    case "text":
      return [section(block.text)];
    case "table":
      return state.tableBlock && fitsTableBlock(block) ? [tableBlock(block)] : [codeBlock(monospace(block))];
    case "bars":
      if (block.chart?.categories.length && state.charts > 0) {
        state.charts--;
        return chartBlocks(block.chart);
      }
      return block.items.length ? [barChart(block.items)] : [];
    case "notes":
      return notes(block.items);
    case "context":
      return [context(block.text)];
    case "code":
      return codeBlocks(block.text.replace(/\n$/, "").split("\n"));
    case "actions": {
      const value = saveValue(reply);
      return [
        {
          type: "actions",
          elements: block.actions.map((a) =>
            a.id === "confirm-delete"
              ? {
                  type: "button" as const,
                  action_id: CONFIRM_DELETE_ACTION_ID,
                  text: { type: "plain_text" as const, text: clip(a.label, 75) },
                  value: JSON.stringify({ name: a.name, confirm: a.confirm }),
                  style: "danger" as const,
                }
              : {
                  type: "button" as const,
                  action_id: SAVE_ACTION_ID,
                  text: { type: "plain_text" as const, text: a.label },
                  ...(value ? { value } : {}),
                },
          ),
        },
      ];
    }
  }
}

/** Over 50 blocks (with `reserved` kept for the table): keep the head and the trailing buttons/hints, and say what was left out. */
function fitBlockCount(blocks: SlackBlock[], reserved = 0): SlackBlock[] {
  const max = BLOCK_KIT_LIMITS.blocks - reserved;
  if (blocks.length <= max) return blocks;
  let tail = 0;
  while (tail < 2 && ["actions", "context"].includes(blocks[blocks.length - 1 - tail]!.type)) tail++;
  const head = max - tail - 1;
  const left = blocks.length - tail - head;
  return [
    ...blocks.slice(0, head),
    context(`… ${left} more parts left out to fit Slack; the CLI shows the whole reply.`),
    ...blocks.slice(blocks.length - tail),
  ];
}

export interface RenderOptions {
  /** Draw charts as data_visualization blocks (default true); false gives the text bars. */
  readonly charts?: boolean;
  /** Use Slack's table block (default: for channel messages posted with chat.postMessage). */
  readonly tableBlock?: boolean;
}

/** What each rendered message was made from, so it can be drawn again another way. */
const sources = new WeakMap<SlackMessage, { reply: Reply; options: RenderOptions; notes: string[] }>();

/**
 * Laid out to read top to bottom the way Slack shows it: Slack draws a `table` block at the
 * bottom of a message whatever its place, so the (only) table block goes last, after the total,
 * chart, notes and buttons. A reply with several tables (audit, plan, detail=full) keeps them as
 * aligned code in their places, next to the text that names them. Private replies (ephemeral,
 * the slash command's response) use code blocks: Slack documents the table block for messages.
 */
export function renderBlockKit(reply: Reply, options: RenderOptions = {}): SlackMessage {
  const tables = reply.blocks.filter((b) => b.type === "table").length;
  const state: RenderState = {
    tableBlock: (options.tableBlock ?? reply.visibility === "channel") && tables === 1,
    charts: options.charts === false ? 0 : BLOCK_KIT_LIMITS.charts,
  };
  const blocks = reply.blocks.flatMap((b) => convert(b, reply, state));
  const table = blocks.filter((b) => b.type === "table");
  const message: SlackMessage = {
    text: clip(escapeMrkdwn(reply.summary), BLOCK_KIT_LIMITS.fallbackText) || " ",
    blocks: [
      ...fitBlockCount(
        blocks.filter((b) => b.type !== "table"),
        table.length,
      ),
      ...table,
    ],
  };
  sources.set(message, { reply, options, notes: [] });
  return message;
}

/**
 * The same message with the text bars in place of its charts, for a workspace whose Slack
 * refuses data_visualization (`invalid_blocks`); undefined when it has no chart to drop.
 */
export function withoutCharts(message: SlackMessage): SlackMessage | undefined {
  if (!message.blocks.some((b) => b.type === "data_visualization")) return undefined;
  const source = sources.get(message);
  if (!source) {
    const blocks = message.blocks.filter((b) => b.type !== "data_visualization");
    return { ...message, blocks };
  }
  return source.notes.reduce(
    (m, note) => addNote(m, note),
    renderBlockKit(source.reply, { ...source.options, charts: false }),
  );
}

function addNote(message: SlackMessage, note: string): SlackMessage {
  const table = message.blocks.filter((b) => b.type === "table");
  const blocks = [...message.blocks.filter((b) => b.type !== "table"), context(note)];
  const room = BLOCK_KIT_LIMITS.blocks - table.length;
  if (blocks.length > room) blocks.splice(room - 1, 1);
  const noted = { ...message, blocks: [...blocks, ...table] };
  const source = sources.get(message);
  if (source) sources.set(noted, { ...source, notes: [...source.notes, note] });
  return noted;
}

/**
 * An extra context line under a rendered message (e.g. "invite the bot"), still inside the
 * limits. Such messages go through a response_url, whose payloads Slack documents without
 * table or chart blocks: the message is drawn again with aligned code and text bars.
 */
export function withNote(message: SlackMessage, note: string): SlackMessage {
  const source = sources.get(message);
  const plainer = source
    ? renderBlockKit(source.reply, { ...source.options, tableBlock: false, charts: false })
    : message;
  return addNote(plainer, note);
}
