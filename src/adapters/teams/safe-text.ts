import type { TeamsMessage } from "../render/adaptive-card.ts";

/**
 * Teams renders Markdown in a card's TextBlocks, and has no private replies: an error that
 * echoes what someone typed (`unknown template [click](https://…)`) would show the whole
 * channel a link the bot seems to vouch for. A zero-width space between `]` and `(` keeps the
 * text as typed but stops it being a link (images too: `![x](…)`).
 */
const LINK = /\]\(/g;
const defuse = (text: string) => text.replace(LINK, "]\u200b(");

function walk(value: unknown): unknown {
  if (typeof value === "string") return defuse(value);
  if (Array.isArray(value)) return value.map(walk);
  // Every string: texts and titles, but also activity.summary, chart labels and legends.
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
  return value;
}

/** The message with every text's Markdown links made inert. */
export function withoutLinks(message: TeamsMessage): TeamsMessage {
  return walk(message) as TeamsMessage;
}
