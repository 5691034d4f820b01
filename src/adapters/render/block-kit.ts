import type { Block, Reply } from "../../app/reply.ts";
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

function convert(block: Block, reply: Reply, state: { tableUsed: boolean }): SlackBlock[] {
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
      // Slack allows one table block per message: the reply's first (main) table gets it.
      if (!state.tableUsed && fitsTableBlock(block)) {
        state.tableUsed = true;
        return [tableBlock(block)];
      }
      return [codeBlock(monospace(block))];
    case "bars":
      return block.items.length ? [barChart(block.items)] : [];
    case "notes":
      return notes(block.items);
    case "context":
      return [context(block.text)];
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

/** Over 50 blocks: keep the head and the trailing buttons/hints, and say what was left out. */
function fitBlockCount(blocks: SlackBlock[]): SlackBlock[] {
  if (blocks.length <= BLOCK_KIT_LIMITS.blocks) return blocks;
  let tail = 0;
  while (tail < 2 && ["actions", "context"].includes(blocks[blocks.length - 1 - tail]!.type)) tail++;
  const head = BLOCK_KIT_LIMITS.blocks - tail - 1;
  const left = blocks.length - tail - head;
  return [
    ...blocks.slice(0, head),
    context(`… ${left} more parts left out to fit Slack; the CLI shows the whole reply.`),
    ...blocks.slice(blocks.length - tail),
  ];
}

export function renderBlockKit(reply: Reply): SlackMessage {
  const state = { tableUsed: false };
  const blocks = reply.blocks.flatMap((b) => convert(b, reply, state));
  return {
    text: clip(escapeMrkdwn(reply.summary), BLOCK_KIT_LIMITS.fallbackText) || " ",
    blocks: fitBlockCount(blocks),
  };
}

/** An extra context line under a rendered message (e.g. "invite the bot"), still inside the limits. */
export function withNote(message: SlackMessage, note: string): SlackMessage {
  const blocks = [...message.blocks, context(note)];
  if (blocks.length > BLOCK_KIT_LIMITS.blocks) blocks.splice(BLOCK_KIT_LIMITS.blocks - 1, 1);
  return { ...message, blocks };
}
