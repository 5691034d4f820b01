import { ErrorCode, type WebClient } from "@slack/web-api";
import type { Context } from "../../app/pipeline.ts";
import type { Reply } from "../../app/reply.ts";
import { linkThread } from "../../app/run/estimate.ts";
import { renderBlockKit, type SlackMessage } from "../render/block-kit.ts";
import type { SlackDeps } from "./deps.ts";

/** Where a channel reply goes: the channel, inside a thread when `thread` is set. */
export interface Place {
  readonly channel: string;
  readonly thread?: string;
}

/**
 * Slack's answer when the bot may not post to a conversation: a private channel or a DM it
 * is not part of. These are Slack API error codes (its documented contract), not error names.
 */
const UNREACHABLE = new Set(["not_in_channel", "channel_not_found"]);

export function isUnreachableChannel(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, data } = error as { code?: unknown; data?: { error?: unknown } };
  return code === ErrorCode.PlatformError && typeof data?.error === "string" && UNREACHABLE.has(data.error);
}

/** A reply that starts a scenario (an estimate, a shown scenario) becomes what its thread is about. */
export function startsScenario(reply: Reply): boolean {
  return Boolean(reply.scenario && reply.estimate && reply.kind !== "what-if");
}

/** Posts a channel reply and returns the message's ts (the thread what-ifs will reply in). */
export async function postMessage(client: WebClient, place: Place, message: SlackMessage): Promise<string> {
  const posted = await client.chat.postMessage({
    channel: place.channel,
    ...(place.thread ? { thread_ts: place.thread } : {}),
    text: message.text,
    blocks: message.blocks,
    // Estimates carry their own numbers; link previews would only add noise.
    unfurl_links: false,
    unfurl_media: false,
  });
  if (!posted.ts) throw new Error(`chat.postMessage to ${place.channel} answered without a ts`);
  return posted.ts;
}

/** Only `user` sees it: errors, help, listings. */
export async function postPrivately(
  client: WebClient,
  place: Place,
  user: string,
  message: SlackMessage,
): Promise<void> {
  await client.chat.postEphemeral({
    channel: place.channel,
    user,
    ...(place.thread ? { thread_ts: place.thread } : {}),
    text: message.text,
    blocks: message.blocks,
  });
}

/**
 * Answers in a thread: private replies ephemerally, the rest in the thread, and a reply
 * that starts a scenario links the thread to it so the next what-if builds on it.
 */
export async function answerInThread(
  client: WebClient,
  ctx: Context,
  where: { readonly channel: string; readonly thread: string },
  reply: Reply,
  deps: SlackDeps,
): Promise<void> {
  const message = renderBlockKit(reply);
  if (reply.visibility === "private") {
    await postPrivately(client, where, ctx.user, message);
    return;
  }
  await postMessage(client, where, message);
  if (startsScenario(reply)) await linkThread(ctx, where, reply, deps.pipeline);
}
