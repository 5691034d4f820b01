import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { splitModelBlock } from "../../../../app/model-block.ts";
import type { SlackDeps } from "../../deps.ts";
import { fromSlack, withoutMention } from "../../message-text.ts";
import { threadSink } from "../../sinks.ts";
import { answerEvent } from "./turn.ts";

const mention = z.object({
  channel: z.string(),
  user: z.string(),
  text: z.string(),
  ts: z.string(),
  thread_ts: z.string().optional(),
  // Other bots and this one carry a bot_id: never answered.
  bot_id: z.never().optional(),
});

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
    if (!parsed.success) return;
    const { channel, user, text, ts, thread_ts } = parsed.data;
    // `workload add` with the model in a code block: the block is taken out before the text is tidied.
    const { command, model } = splitModelBlock(fromSlack(text));
    await answerEvent(
      deps,
      body,
      {
        user,
        channel,
        thread: thread_ts,
        text: withoutMention(command, context.botUserId),
        model,
        origin: "slack mention",
      },
      threadSink(client, { channel, thread: thread_ts ?? ts }, user),
    );
  };
}
