import type { Block, Column, Reply } from "../../app/reply.ts";
import { bar } from "./bars.ts";

/**
 * Reply → a Teams message: an Adaptive Card with the same content as Slack's blocks, and the
 * summary as the activity text. Version 1.5 is the newest Teams renders (Table needs it).
 */
export const ADAPTIVE_CARD_VERSION = "1.5";
export const ADAPTIVE_CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
/**
 * Teams refuses bot messages above about 28 KB for the whole activity, counted as UTF-16
 * (two bytes per code unit). We hold every message to it, keeping room for the envelope the
 * SDK adds (conversation, from, recipient, replyToId, serviceUrl).
 */
export const TEAMS_MESSAGE_LIMIT_BYTES = 28 * 1024;
export const ENVELOPE_RESERVE_BYTES = 2 * 1024;
/** The Save button posts this back (Action.Submit) with the typed name under `name`. */
export const SAVE_ACTION = "save_scenario";
/** The button that confirms deleting someone else's scenario posts this, with `name` and `confirm`. */
export const CONFIRM_DELETE_ACTION = "confirm_delete";

const BAR_WIDTH = 16;
const MAX_SUMMARY_CHARS = 1_000;

export type CardElement = { readonly type: string } & Readonly<Record<string, unknown>>;

export interface AdaptiveCard {
  readonly type: "AdaptiveCard";
  readonly $schema: string;
  readonly version: typeof ADAPTIVE_CARD_VERSION;
  readonly body: readonly CardElement[];
  /** Teams-only: use the whole message width, which tables need. */
  readonly msteams: { readonly width: "Full" };
}

export interface TeamsMessage {
  readonly type: "message";
  readonly text: string;
  readonly attachments: readonly [{ readonly contentType: string; readonly content: AdaptiveCard }];
}

export interface CardOptions {
  /** Extra data the Save button submits (e.g. the reply chain it belongs to). */
  readonly save?: Readonly<Record<string, unknown>>;
}

/** Adaptive Card markdown has **bold** but no inline code: `x` shows as x. */
const markdown = (text: string) => text.replace(/`([^`]*)`/g, "$1").replace(/\*([^*\n]+)\*/g, "**$1**");
const textBlock = (text: string, extra: Record<string, unknown> = {}): CardElement => ({
  type: "TextBlock",
  text: markdown(text),
  wrap: true,
  ...extra,
});
const cell = (item: CardElement): CardElement => ({ type: "TableCell", items: [item] });

function table(columns: readonly Column[], rows: readonly (readonly string[])[]): CardElement {
  return {
    type: "Table",
    firstRowAsHeaders: true,
    gridStyle: "accent",
    columns: columns.map((c, i) => ({
      width: i === 0 ? 3 : 2,
      horizontalCellContentAlignment: c.align === "right" ? "Right" : "Left",
    })),
    rows: [
      { type: "TableRow", cells: columns.map((c) => cell(textBlock(c.header, { weight: "Bolder" }))) },
      ...rows.map((r) => ({ type: "TableRow", cells: columns.map((_, i) => cell(textBlock(r[i] ?? ""))) })),
    ],
  };
}

function bars(items: Extract<Block, { type: "bars" }>["items"]): CardElement {
  return {
    type: "Table",
    firstRowAsHeaders: false,
    showGridLines: false,
    columns: [{ width: 3 }, { width: 3 }, { width: 2, horizontalCellContentAlignment: "Right" }],
    rows: items.map((i) => ({
      type: "TableRow",
      cells: [
        cell(textBlock(i.label)),
        // Block characters line up only in a monospace font.
        cell({
          type: "TextBlock",
          text: bar(i.share, BAR_WIDTH) || " ",
          fontType: "Monospace",
          color: "Accent",
        }),
        cell(textBlock(i.value)),
      ],
    })),
  };
}

const omitted = (n: number): CardElement =>
  textBlock(`… ${n} more not shown: Teams limits a message's size (the CLI with --json shows everything).`, {
    size: "Small",
    isSubtle: true,
  });

/** One block; `cap` bounds its rows or items so an oversized reply can be cut down to fit. */
function element(b: Block, cap: number, options: CardOptions): CardElement[] {
  const cut = <T>(list: readonly T[]) => ({
    kept: list.slice(0, cap),
    dropped: Math.max(0, list.length - cap),
  });
  switch (b.type) {
    case "heading":
      return [textBlock(b.text, { size: "Large", weight: "Bolder" })];
    case "text":
      return b.text.split("\n").map((line) => textBlock(line));
    case "table": {
      const { kept, dropped } = cut(b.rows);
      return [table(b.columns, kept), ...(dropped ? [omitted(dropped)] : [])];
    }
    case "bars": {
      const { kept, dropped } = cut(b.items);
      return [bars(kept), ...(dropped ? [omitted(dropped)] : [])];
    }
    case "notes": {
      const { kept, dropped } = cut(b.items);
      const items = kept.map((n) => textBlock(`• ${n}`, { spacing: "Small" }));
      return [{ type: "Container", items }, ...(dropped ? [omitted(dropped)] : [])];
    }
    case "context":
      return [textBlock(b.text, { size: "Small", isSubtle: true })];
    case "actions":
      return b.actions.flatMap((a) =>
        a.id === "confirm-delete"
          ? [
              {
                type: "ActionSet",
                actions: [
                  {
                    type: "Action.Submit",
                    title: a.label,
                    style: "destructive",
                    data: { action: CONFIRM_DELETE_ACTION, name: a.name, confirm: a.confirm },
                  },
                ],
              },
            ]
          : saveAction(a.label, options),
      );
  }
}

function saveAction(label: string, options: CardOptions): CardElement[] {
  return [
    {
      type: "Input.Text",
      id: "name",
      label: "Save as",
      placeholder: "a name, e.g. prod-estimate",
      maxLength: 64,
      isRequired: true,
      errorMessage: "Give the scenario a name",
    },
    {
      type: "ActionSet",
      actions: [{ type: "Action.Submit", title: label, data: { ...options.save, action: SAVE_ACTION } }],
    },
  ];
}

/** `caps[i]` bounds the rows or items of block i (all of them when absent). */
export function renderAdaptiveCard(
  reply: Reply,
  options: CardOptions = {},
  caps: readonly number[] = [],
): AdaptiveCard {
  return {
    type: "AdaptiveCard",
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    version: ADAPTIVE_CARD_VERSION,
    body: reply.blocks.flatMap((b, i) => element(b, caps[i] ?? Infinity, options)),
    msteams: { width: "Full" },
  };
}

/** The size Teams counts: the activity's JSON as UTF-16, plus room for the SDK's envelope. */
export function messageBytes(message: TeamsMessage): number {
  return JSON.stringify(message).length * 2 + ENVELOPE_RESERVE_BYTES;
}

const message = (text: string, card: AdaptiveCard): TeamsMessage => ({
  type: "message",
  text,
  attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }],
});

/**
 * The reply as a Teams message within TEAMS_MESSAGE_LIMIT_BYTES. Lists are cut from the last
 * block backwards (details come after the headline table, so the headline survives longest),
 * each to the most rows that fit, with a line saying how many were left out. If even one row
 * each is too much, a short card says where to get the full answer.
 */
export function teamsMessage(reply: Reply, options: CardOptions = {}): TeamsMessage {
  const text =
    reply.summary.length > MAX_SUMMARY_CHARS
      ? `${reply.summary.slice(0, MAX_SUMMARY_CHARS - 1)}…`
      : reply.summary;
  const build = (caps: readonly number[]) => message(text, renderAdaptiveCard(reply, options, caps));
  const fits = (m: TeamsMessage) => messageBytes(m) <= TEAMS_MESSAGE_LIMIT_BYTES;
  const caps: number[] = [];
  let current = build(caps);
  for (let i = reply.blocks.length - 1; i >= 0 && !fits(current); i--) {
    const length = listLength(reply.blocks[i]!);
    if (length <= 1) continue;
    // Bisect the most rows of block i that fit; settle for one and move on if none does.
    let low = 1;
    let high = length - 1;
    caps[i] = 1;
    while (low <= high) {
      const cap = Math.floor((low + high) / 2);
      caps[i] = cap;
      if (fits(build(caps))) low = cap + 1;
      else high = cap - 1;
    }
    caps[i] = Math.max(1, high);
    current = build(caps);
  }
  return fits(current) ? current : message(text, tooLarge(reply));
}

function listLength(b: Block): number {
  if (b.type === "table") return b.rows.length;
  if (b.type === "bars" || b.type === "notes") return b.items.length;
  return 0;
}

function tooLarge(reply: Reply): AdaptiveCard {
  const heading = reply.blocks.find((b) => b.type === "heading");
  return renderAdaptiveCard({
    ...reply,
    blocks: [
      ...(heading ? [heading] : []),
      {
        type: "text",
        text: "This answer is too large for a Teams message; run the same command in the CLI.",
      },
    ],
  });
}
