import type { Reply, ReplyKind } from "./ports/reply.ts";

/** The Reply model is the ports' (src/app/ports/reply.ts); here, the replies every command shares. */
export type { Action, Block, Chart, Column, Reply, ReplyKind } from "./ports/reply.ts";

/** The one apology for a failure of ours: short, and naming the reference the log carries. */
export function apologyReply(reference: string): Reply {
  return {
    ...errorReply(`Sorry, something went wrong on our side (reference ${reference}). Please try again.`),
    code: "internal",
    status: 1,
  };
}

export function errorReply(message: string, hint?: string): Reply {
  return {
    kind: "error",
    visibility: "private",
    summary: message,
    blocks: [{ type: "text", text: hint ? `${message}\n${hint}` : message }],
    ...(hint ? { hint } : {}),
    code: "invalid_command",
    status: 2,
  };
}

/** A reply that is one line of text: confirmations, empty listings. */
export function textReply(kind: ReplyKind, text: string, visibility: Reply["visibility"] = "channel"): Reply {
  return { kind, visibility, summary: text, blocks: [{ type: "text", text }], status: 0 };
}
