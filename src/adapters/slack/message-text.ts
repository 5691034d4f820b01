/**
 * What people type in Slack, turned into the command language's text. Slack escapes
 * `&`, `<` and `>` in message text and writes mentions as `<@U123>`.
 */
export function fromSlack(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/**
 * `<@U123>` or `<@U123|name>`. Both parts are bounded (Slack ids are about 11 characters,
 * display names at most 80): unbounded, every `<@` in a 250 KB message scanned to its end
 * looking for a `>` (11 s), so each match is now a bounded amount of work and the pass is linear.
 */
const MENTION = /<@([UW][A-Z0-9]{1,31})(?:\|[^>]{0,255})?>/g;
const LEADING_MENTION = /^\s*<@[UW][A-Z0-9]{1,31}(?:\|[^>]{0,255})?>/;

/** True when the text mentions the bot (the `app_mention` listener answers those). */
export function mentions(text: string, botUserId: string | undefined): boolean {
  return [...text.matchAll(MENTION)].some((m) => botUserId === undefined || m[1] === botUserId);
}

/** The text of a mention without the bot's `<@…>`; without a known bot id, the leading mention goes. */
export function withoutMention(text: string, botUserId: string | undefined): string {
  const stripped = botUserId
    ? text.replace(MENTION, (all, id: string) => (id === botUserId ? " " : all))
    : text.replace(LEADING_MENTION, " ");
  return stripped.replace(/\s+/g, " ").trim();
}

/** `what if …`: a what-if whatever follows (the pipeline says what is wrong with it). */
export function startsWithWhatIf(text: string): boolean {
  return /^\s*what\s+if\b/i.test(text);
}

const PAIR = /^([a-z_][a-z0-9_]*)=\S+$/i;

/**
 * The keys when every word of the text is `key=value` (`users=5000 model=nova-lite`); undefined
 * when any word is not, or there is none. People talking (`ok then users=5000`) are not a what-if.
 */
export function pairKeys(text: string): string[] | undefined {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return undefined;
  const keys: string[] = [];
  for (const word of words) {
    const match = PAIR.exec(word);
    if (!match) return undefined;
    keys.push(match[1]!.toLowerCase());
  }
  return keys;
}
