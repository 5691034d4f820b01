import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { takeTurn } from "../../../../app/turn.ts";
import { firstDelivery, type SlackDeps, slackContext } from "../../deps.ts";
import { fromSlack, looksLikeCommand, mentions } from "../../message-text.ts";
import { threadSink } from "../../sinks.ts";
import { installationOf } from "../../tenant.ts";

/** The fields of a `message` event this listener reads; anything else about it is ignored. */
const threadReply = z.object({
  channel: z.string(),
  user: z.string(),
  text: z.string(),
  ts: z.string(),
  thread_ts: z.string(),
  // Edits, deletions, joins… carry a subtype; a reply also sent to the channel is still a reply.
  subtype: z.literal("thread_broadcast").optional(),
  // Other bots and this one carry a bot_id: never answered.
  bot_id: z.never().optional(),
});
const envelope = z.object({ event_id: z.string() });

/**
 * A reply in a thread: "what if users=5000" or just "users=5000" re-runs the thread's
 * scenario. Top-level messages, bots (this one included), edits and chatter are ignored
 * without a trace; a mention of the bot is left to the app_mention listener.
 */
export function threadMessage(deps: SlackDeps) {
  return async ({
    event,
    body,
    client,
    context,
  }: SlackEventMiddlewareArgs<"message"> & AllMiddlewareArgs) => {
    const message = threadReply.safeParse(event);
    const delivery = envelope.safeParse(body);
    if (!message.success || !delivery.success) return;
    const { channel, user, text, ts, thread_ts } = message.data;
    if (thread_ts === ts || mentions(text, context.botUserId)) return;
    const command = fromSlack(text);
    if (!looksLikeCommand(command)) return;
    const { event_id } = delivery.data;
    // The installation, not the sender's team: a Slack Connect partner's reply belongs to the installer's thread.
    const team_id = installationOf(body as unknown as Record<string, unknown>);
    if (!team_id) return;
    await takeTurn(
      {
        text: command,
        ctx: slackContext(team_id, user, channel, thread_ts),
        origin: "slack thread message",
        firstDelivery: () => firstDelivery(deps, team_id, event_id),
      },
      deps.pipeline,
      threadSink(client, { channel, thread: thread_ts }, user),
    );
  };
}
