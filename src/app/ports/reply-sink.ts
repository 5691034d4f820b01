import type { Reply } from "./reply.ts";

/** What became of a public reply. */
export type PublicPost =
  /**
   * Posted where a thread can follow it: what-ifs asked there find the reply's scenario.
   * `started`: the post is a new message whose own id is the thread, so nothing can be linked
   * to it yet and linking writes without reading first (app/threads.ts).
   */
  | { readonly kind: "thread"; readonly channel: string; readonly thread: string; readonly started?: boolean }
  /** Posted, but nowhere a thread can be anchored (Slack's response_url returns no ts). */
  | { readonly kind: "unanchored" }
  /** The platform did not take it (rate limited, failing); `reason` is for the asker. */
  | { readonly kind: "refused"; readonly reason: string };

/**
 * Where one conversation turn's replies go. Each surface implements this and nothing else:
 * Slack (chat.postMessage, ephemeral messages, the slash command's acknowledgement), Teams
 * (activities in the reply chain), the CLI (stdout, stderr). It holds no rule about threads,
 * scenarios or apologies: those are the turn's (app/turn.ts).
 */
export interface ReplySink {
  /** A reply the channel sees. Throws only on a failure of ours or an unexpected one. */
  postPublic(reply: Reply): Promise<PublicPost>;
  /** A reply only the asker sees (errors, help, apologies); in Teams and the CLI, the same place. */
  postPrivate(reply: Reply): Promise<void>;
}
