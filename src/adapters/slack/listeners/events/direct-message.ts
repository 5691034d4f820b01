import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { splitModelBlock } from "../../../../app/model-block.ts";
import type { SlackDeps } from "../../deps.ts";
import { fromSlack, withoutMention } from "../../message-text.ts";
import { directSink } from "../../sinks.ts";
import { answerEvent } from "./turn.ts";

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
    if (!parsed.success) return;
    const { channel, user, text, ts, thread_ts } = parsed.data;
    if (thread_ts && thread_ts !== ts) return;
    // `workload add` with the model in a code block, as in a mention (README, "Workload models").
    const { command, model } = splitModelBlock(fromSlack(text));
    await answerEvent(
      deps,
      body,
      {
        user,
        channel,
        text: withoutMention(command, context.botUserId),
        model,
        origin: "slack direct message",
      },
      directSink(client, channel),
    );
  };
}
