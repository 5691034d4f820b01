import type { Block, Chart, Column, Reply } from "../../app/reply.ts";
import { bar } from "./bars.ts";

/**
 * Reply → a Teams message: an Adaptive Card with the same content as Slack's blocks, the
 * summary in activity.summary and only its headline as the text. Version 1.5 is the newest Teams renders (Table needs it).
 */
export const ADAPTIVE_CARD_VERSION = "1.5";
export const ADAPTIVE_CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
/**
 * Microsoft documents the size of a bot's message to Teams as about 100 KB (text, card and
 * envelope). We count the activity's JSON as UTF-16 (two bytes per code unit, the strict
 * reading) and hold every message to 80 KB, a fifth under the limit, keeping room for the
 * envelope the SDK adds (conversation, from, recipient, replyToId, serviceUrl).
 */
export const TEAMS_DOCUMENTED_LIMIT_BYTES = 100 * 1024;
export const TEAMS_MESSAGE_LIMIT_BYTES = 80 * 1024;
export const ENVELOPE_RESERVE_BYTES = 2 * 1024;
/** The Save button's data carries this action name, with the typed name under `name`. */
export const SAVE_ACTION = "save_scenario";
/** The Save button is an Action.Execute with this verb: Teams sends it as an adaptiveCard/action invoke. */
export const SAVE_VERB = "saveScenario";
/** The `text` beside a card: short (the card and `summary` carry the rest). */
export const SHORT_TEXT_CHARS = 160;
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
  /** Short: what a notification or a client without cards shows. */
  readonly text: string;
  /** The whole plain-text summary (activity.summary), for notifications and screen readers. */
  readonly summary: string;
  readonly attachments: readonly [{ readonly contentType: string; readonly content: AdaptiveCard }];
}

export interface CardOptions {
  /** Extra data the Save button submits (e.g. the reply chain it belongs to). */
  readonly save?: Readonly<Record<string, unknown>>;
  /** Leave the Save button out (the card that replaces a saved one). */
  readonly withoutActions?: boolean;
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

/** Rows as plain lines: what a client that cannot draw the element shows (Teams mobile renders some tables blank). */
function linesFallback(lines: readonly string[], monospace = false): CardElement {
  return {
    type: "Container",
    items: lines.map((line) =>
      textBlock(line || " ", { spacing: "None", ...(monospace ? { fontType: "Monospace" } : {}) }),
    ),
  };
}

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
    fallback: linesFallback([
      `**${columns.map((c) => c.header).join(" · ")}**`,
      ...rows.map((r) => columns.map((_, i) => r[i] ?? "").join(" · ")),
    ]),
  };
}

type BarItems = Extract<Block, { type: "bars" }>["items"];

/**
 * The text bars as monospace lines: bar, value, label, padded with no-break spaces (which
 * renderers do not collapse) so values and labels line up.
 */
function barLines(items: BarItems): string[] {
  const pad = "\u00a0";
  const width = Math.max(0, ...items.map((i) => i.value.length));
  return items.map(
    (i) =>
      `${(bar(i.share, BAR_WIDTH) || "▏").padEnd(BAR_WIDTH, pad)}${pad}${i.value.padStart(width, pad)}${pad}${pad}${i.label}`,
  );
}

function bars(items: BarItems): CardElement {
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
    fallback: linesFallback(barLines(items), true),
  };
}

/**
 * Teams' chart elements (learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/
 * cards/charts-in-adaptive-cards): a bar chart as Chart.HorizontalBar (one series: label → value)
 * or, with several series, Chart.VerticalBar.Grouped; a line chart as Chart.Line. Where a client
 * cannot draw them, the `fallback` shows the text bars.
 */
function chart(c: Chart, items: BarItems): CardElement {
  const head = { title: c.title, xAxisTitle: c.xLabel, yAxisTitle: c.yLabel };
  const fallback = linesFallback(barLines(items), true);
  const points = (values: readonly number[]) => c.categories.map((x, i) => ({ x, y: values[i] ?? 0 }));
  if (c.kind !== "line" && c.series.length === 1)
    return { type: "Chart.HorizontalBar", ...head, data: points(c.series[0]!.values), fallback };
  return {
    type: c.kind === "line" ? "Chart.Line" : "Chart.VerticalBar.Grouped",
    ...head,
    data: c.series.map((s) => ({ legend: s.name, values: points(s.values) })),
    fallback,
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
      if (b.chart?.categories.length) {
        // A chart is cut as a whole: its points are few, and its fallback lists them all.
        if (cap < b.items.length) return [];
        return [chart(b.chart, b.items)];
      }
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
    case "code":
      // A TextRun is never read as Markdown: `agents * 40 * 22` stays as written.
      return [{ type: "RichTextBlock", inlines: [{ type: "TextRun", text: b.text, fontType: "Monospace" }] }];
    case "actions":
      if (options.withoutActions) return [];
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
      actions: [
        {
          type: "Action.Execute",
          title: label,
          verb: SAVE_VERB,
          data: { ...options.save, action: SAVE_ACTION },
        },
      ],
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

const message = (summary: string, card: AdaptiveCard): TeamsMessage => ({
  type: "message",
  text: shortText(summary),
  summary,
  attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }],
});

/** The summary's headline (before its parenthesised detail), at most SHORT_TEXT_CHARS. */
export function shortText(summary: string): string {
  const headline = summary.split("\n")[0]!.replace(/ \(top: .*\)$/, "");
  return headline.length > SHORT_TEXT_CHARS ? `${headline.slice(0, SHORT_TEXT_CHARS - 1)}…` : headline;
}

/**
 * The reply as a Teams message within TEAMS_MESSAGE_LIMIT_BYTES. Lists are cut from the last
 * block backwards (details come after the headline table, so the headline survives longest),
 * each to the most rows that fit, with a line saying how many were left out. If even one row
 * each is too much, a short card says where to get the full answer.
 */
export function teamsMessage(reply: Reply, options: CardOptions = {}): TeamsMessage {
  const summary =
    reply.summary.length > MAX_SUMMARY_CHARS
      ? `${reply.summary.slice(0, MAX_SUMMARY_CHARS - 1)}…`
      : reply.summary;
  const build = (caps: readonly number[]) => message(summary, renderAdaptiveCard(reply, options, caps));
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
  return fits(current) ? current : message(summary, tooLarge(reply));
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
