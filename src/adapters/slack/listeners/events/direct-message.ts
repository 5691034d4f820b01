import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { takeTurn } from "../../../../app/turn.ts";
import { firstDelivery, type SlackDeps, slackContext } from "../../deps.ts";
import { fromSlack, withoutMention } from "../../message-text.ts";
import { directSink } from "../../sinks.ts";
import { installationOf } from "../../tenant.ts";

/** A new message in the bot's DM (message.im); replies in a DM thread are the thread listener's. */
const direct = z.object({
  channel: z.string(),
  channel_type: z.literal("im"),
  user: z.string(),
  text: z.string(),
  ts: z.string(),
  thread_ts: z.string().optional(),
  subtype: z.literal("file_share").optional(),
  bot_id: z.never().optional(),
});
const envelope = z.object({ event_id: z.string() });

/**
 * A direct message to the bot is a command, like `/cost <text>`: the whole language. Answers
 * go into the DM; an estimate's message starts the thread its what-ifs go in.
 */
export function directMessage(deps: SlackDeps) {
  return async ({
    event,
    body,
    client,
    context,
  }: SlackEventMiddlewareArgs<"message"> & AllMiddlewareArgs) => {
    const parsed = direct.safeParse(event);
    const delivery = envelope.safeParse(body);
    if (!parsed.success || !delivery.success) return;
    const { channel, user, text, ts, thread_ts } = parsed.data;
    if (thread_ts && thread_ts !== ts) return;
    const tenant = installationOf(body as unknown as Record<string, unknown>);
    if (!tenant) return;
    await takeTurn(
      {
        text: withoutMention(fromSlack(text), context.botUserId),
        ctx: slackContext(tenant, user, channel),
        origin: "slack direct message",
        firstDelivery: () => firstDelivery(deps, tenant, delivery.data.event_id),
      },
      deps.pipeline,
      directSink(client, channel),
    );
  };
}
