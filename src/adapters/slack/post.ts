import { ErrorCode, type WebClient } from "@slack/web-api";
import { type SlackMessage, withoutCharts } from "../render/block-kit.ts";

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

/**
 * Slack did not take a message: rate limited (429), failing (5xx) or not answering in time.
 * The words for the user, or undefined when the error is not one of these. Posts are never
 * retried on a 5xx or a timeout: Slack may have posted already, and chat.postMessage has no
 * idempotency key, so a retry could post twice.
 */
export function slackRefusal(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { code, retryAfter } = error as { code?: unknown; retryAfter?: unknown };
  switch (code) {
    case ErrorCode.RateLimitedError:
      return `Slack is limiting how fast costbot may post here; please try again in ${typeof retryAfter === "number" ? retryAfter : "a few"} seconds.`;
    case ErrorCode.HTTPError:
    case ErrorCode.RequestError:
      return "Slack did not take the answer just now (it may be having trouble); please try again in a moment.";
    default:
      return undefined;
  }
}

/**
 * A 429 means Slack did nothing, so one retry is safe. Posting happens in the worker, after the
 * acknowledgement, so no 3 s deadline applies; but the asker is waiting, so the retry is made only
 * when Slack's Retry-After is at most this long, otherwise the rate limit is reported to them.
 */
export const MAX_RATE_LIMIT_WAIT_S = 1;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function rateLimitWait(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { code, retryAfter } = error as { code?: unknown; retryAfter?: unknown };
  if (code !== ErrorCode.RateLimitedError || typeof retryAfter !== "number") return undefined;
  return retryAfter <= MAX_RATE_LIMIT_WAIT_S ? retryAfter : undefined;
}

/**
 * Slack refused the blocks themselves (e.g. a workspace that does not have the
 * data_visualization block yet). Nothing was posted, so posting again is safe.
 */
export function isInvalidBlocks(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, data } = error as { code?: unknown; data?: { error?: unknown } };
  return code === ErrorCode.PlatformError && data?.error === "invalid_blocks";
}

/**
 * Posts a channel reply and returns the message's ts (the thread what-ifs will reply in). A
 * message with charts that Slack refuses as `invalid_blocks` is posted once more with the text
 * bars in their place.
 */
export async function postMessage(client: WebClient, place: Place, message: SlackMessage): Promise<string> {
  try {
    return await postOnce(client, place, message);
  } catch (error) {
    const plainer = isInvalidBlocks(error) ? withoutCharts(message) : undefined;
    if (!plainer) throw error;
    return await postOnce(client, place, plainer);
  }
}

async function postOnce(client: WebClient, place: Place, message: SlackMessage): Promise<string> {
  const post = () =>
    client.chat.postMessage({
      channel: place.channel,
      ...(place.thread ? { thread_ts: place.thread } : {}),
      text: message.text,
      blocks: message.blocks,
      // Estimates carry their own numbers; link previews would only add noise.
      unfurl_links: false,
      unfurl_media: false,
    });
  let posted: Awaited<ReturnType<typeof post>>;
  try {
    posted = await post();
  } catch (error) {
    const wait = rateLimitWait(error);
    if (wait === undefined) throw error;
    await sleep(wait * 1000);
    posted = await post();
  }
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
