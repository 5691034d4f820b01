import type { RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { PublicPost, ReplySink } from "../../app/ports.ts";
import type { Reply } from "../../app/reply.ts";
import { renderBlockKit, type SlackMessage, withNote } from "../render/block-kit.ts";
import { isUnreachableChannel, type Place, postMessage, postPrivately, slackRefusal } from "./post.ts";

export const INVITE_NOTE =
  "costbot is not a member of this conversation, so it cannot read replies here: " +
  "`/invite @costbot` (or ask in a public channel) to get threaded what-ifs.";

/** Posts with chat.postMessage; Slack's refusals (429, 5xx, timeouts) become the turn's refusal. */
async function post(client: WebClient, place: Place, message: SlackMessage): Promise<PublicPost> {
  try {
    const ts = await postMessage(client, place, message);
    // A message posted outside a thread starts one: its ts is new, so no link exists yet.
    return place.thread
      ? { kind: "thread", channel: place.channel, thread: place.thread }
      : { kind: "thread", channel: place.channel, thread: ts, started: true };
  } catch (error) {
    const reason = slackRefusal(error);
    if (reason === undefined) throw error;
    return { kind: "refused", reason };
  }
}

/**
 * A message in a thread (or a mention that starts one): public replies go into the thread,
 * private ones are ephemeral to the asker in that thread.
 */
export function threadSink(
  client: WebClient,
  where: { readonly channel: string; readonly thread: string },
  user: string,
): ReplySink {
  return {
    postPublic: (reply) => post(client, where, renderBlockKit(reply)),
    postPrivate: (reply) => postPrivately(client, where, user, renderBlockKit(reply)),
  };
}

/**
 * The bot's DM with one person: every answer is a message there (only the two of them see
 * it); an estimate's message is the thread its what-ifs go in.
 */
export function directSink(client: WebClient, channel: string): ReplySink {
  return {
    postPublic: (reply) => post(client, { channel }, renderBlockKit(reply)),
    postPrivate: async (reply) => {
      await postMessage(client, { channel }, renderBlockKit(reply));
    },
  };
}

/**
 * A slash command, acknowledged before the work began: private replies (help, errors,
 * listings, an apology) go through its response_url, which takes them for 30 minutes.
 * Public replies are posted with chat.postMessage, so they get a thread; where the bot may not
 * post, the response_url still can, with a note on how to get threads.
 */
export function commandSink(client: WebClient, channel: string, respond: RespondFn): ReplySink {
  return {
    async postPublic(reply: Reply) {
      const message = renderBlockKit(reply);
      try {
        return await post(client, { channel }, message);
      } catch (error) {
        if (!isUnreachableChannel(error)) throw error;
        await respond({ response_type: "in_channel", ...withNote(message, INVITE_NOTE) });
        return { kind: "unanchored" };
      }
    },
    async postPrivate(reply: Reply) {
      await respond({ response_type: "ephemeral", ...renderBlockKit(reply) });
    },
  };
}
