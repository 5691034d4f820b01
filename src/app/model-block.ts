/**
 * `workload add` in chat carries the model in a code block of the same message (README, Your own workload):
 * "workload add ```yaml … ```". The command's words and the block are split before a surface
 * tidies the text (mentions out, whitespace collapsed), which would flatten the YAML. The
 * command keeps its 2,000-character limit; the block is bounded by the format's 64 KB.
 */
export interface SplitMessage {
  /** The message without its code block: the command's words. */
  readonly command: string;
  /** The code block's text, as written; absent when the message has none. */
  readonly model?: string;
}

const FENCE = "```";
/** A language tag right after the opening fence (```yaml, ```json). */
const LANGUAGE = /^[ \t]*(yaml|yml|json)?[ \t]*\r?\n/i;

/** Only a `workload add|check` message has its code block taken out; any other text is left whole. */
export function splitModelBlock(text: string): SplitMessage {
  const open = text.indexOf(FENCE);
  // Bounded: the words before the block are a mention and a command, never kilobytes.
  if (open < 0 || open > 2000 || !/\bworkload\s+(add|check)\b/i.test(text.slice(0, open)))
    return { command: text };
  const close = text.indexOf(FENCE, open + FENCE.length);
  if (close < 0)
    return { command: text.slice(0, open), model: text.slice(open + FENCE.length).replace(LANGUAGE, "") };
  const inner = text.slice(open + FENCE.length, close);
  const model = LANGUAGE.test(inner) ? inner.replace(LANGUAGE, "") : inner.replace(/^\r?\n/, "");
  return { command: `${text.slice(0, open)} ${text.slice(close + FENCE.length)}`.trim(), model };
}
