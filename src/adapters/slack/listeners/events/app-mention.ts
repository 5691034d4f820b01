import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { splitModelBlock } from "../../../../app/model-block.ts";
import { takeTurn } from "../../../../app/turn.ts";
import { firstDelivery, type SlackDeps, slackContext } from "../../deps.ts";
import { fromSlack, withoutMention } from "../../message-text.ts";
import { threadSink } from "../../sinks.ts";
import { installationOf } from "../../tenant.ts";

const mention = z.object({
  channel: z.string(),
  user: z.string(),
  text: z.string(),
  ts: z.string(),
  thread_ts: z.string().optional(),
  // Other bots and this one carry a bot_id: never answered.
  bot_id: z.never().optional(),
});
const envelope = z.object({ event_id: z.string() });

/**
 * `@costbot <command>`: the whole command language. In a thread it works on the thread's
 * scenario; at the top level the answer starts a thread under the mention.
 */
export function appMention(deps: SlackDeps) {
  return async ({
    event,
    body,
    client,
    context,
  }: SlackEventMiddlewareArgs<"app_mention"> & AllMiddlewareArgs) => {
    const parsed = mention.safeParse(event);
    const delivery = envelope.safeParse(body);
    if (!parsed.success || !delivery.success) return;
    const { channel, user, text, ts, thread_ts } = parsed.data;
    const { event_id } = delivery.data;
    // The installation, not the sender's team: a Slack Connect partner's reply belongs to the installer's thread.
    const team_id = installationOf(body as unknown as Record<string, unknown>);
    if (!team_id) return;
    // `workload add` with the model in a code block: the block is taken out before the text is tidied.
    const { command, model } = splitModelBlock(fromSlack(text));
    await takeTurn(
      {
        text: withoutMention(command, context.botUserId),
        ...(model === undefined ? {} : { model }),
        ctx: slackContext(team_id, user, channel, thread_ts),
        origin: "slack mention",
        firstDelivery: () => firstDelivery(deps, team_id, event_id),
      },
      deps.pipeline,
      threadSink(client, { channel, thread: thread_ts ?? ts }, user),
    );
  };
}
