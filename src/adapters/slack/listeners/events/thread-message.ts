import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { takeTurn } from "../../../../app/turn.ts";
import { findTemplate } from "../../../../core/templates/index.ts";
import { firstDelivery, type SlackDeps, slackContext } from "../../deps.ts";
import { fromSlack, mentions, pairKeys, startsWithWhatIf } from "../../message-text.ts";
import { threadSink } from "../../sinks.ts";
import { installationOf } from "../../tenant.ts";

/** The fields of a message in a thread this listener reads; anything else about it is ignored. */
const threadReply = z.object({
  user: z.string(),
  text: z.string(),
  ts: z.string(),
  thread_ts: z.string(),
  // A reply also sent to the channel is still a reply; one with a file attached too. Joins,
  // deletions, bot messages… carry other subtypes.
  subtype: z.enum(["thread_broadcast", "file_share"]).optional(),
  // Other bots and this one carry a bot_id: never answered.
  bot_id: z.never().optional(),
});
const messageEvent = threadReply.extend({ channel: z.string(), channel_type: z.string().optional() });
/** An edit: the message as it is now, and as it was. */
const edit = z.object({
  subtype: z.literal("message_changed"),
  channel: z.string(),
  channel_type: z.string().optional(),
  message: threadReply.omit({ subtype: true }),
  previous_message: z.object({ text: z.string().optional() }).optional(),
});
const envelope = z.object({ event_id: z.string() });

/** Options any what-if may carry besides the template's own keys. */
const OPTION_KEYS = new Set(["currency", "detail"]);

/** The reply, or the edited reply as it now reads; undefined for anything that is not one. */
function replyOf(event: unknown) {
  const edited = edit.safeParse(event);
  if (edited.success) {
    const { message, previous_message } = edited.data;
    // Slack also sends message_changed when it attaches a link preview: the text is the same.
    if (previous_message?.text === message.text) return undefined;
    return { ...message, channel: edited.data.channel, channel_type: edited.data.channel_type };
  }
  const plain = messageEvent.safeParse(event);
  return plain.success ? plain.data : undefined;
}

/**
 * A reply in a thread: a what-if re-runs the thread's scenario. Only what-ifs are answered:
 * text starting with `what if`, or only `key=value` words whose keys are the thread template's
 * (or currency/detail). Anything else (people talking) gets nothing, not even a private error.
 * An edit into a what-if and a what-if with a file attached are answered like a new one.
 * Top-level messages, bots (this one included) and mentions (the app_mention listener's) are left alone.
 */
export function threadMessage(deps: SlackDeps) {
  return async ({
    event,
    body,
    client,
    context,
  }: SlackEventMiddlewareArgs<"message"> & AllMiddlewareArgs) => {
    const message = replyOf(event);
    const delivery = envelope.safeParse(body);
    if (!message || !delivery.success) return;
    const { channel, user, text, ts, thread_ts } = message;
    if (thread_ts === ts) return;
    // In a DM there is no app_mention event: a mention there is answered here.
    if (message.channel_type !== "im" && mentions(text, context.botUserId)) return;
    const command = fromSlack(text);
    const { event_id } = delivery.data;
    // The installation, not the sender's team: a Slack Connect partner's reply belongs to the installer's thread.
    const team_id = installationOf(body as unknown as Record<string, unknown>);
    if (!team_id) return;
    const ctx = slackContext(team_id, user, channel, thread_ts);
    if (!startsWithWhatIf(command) && !(await onlyTemplateKeys(deps, ctx, command))) return;
    await takeTurn(
      {
        text: command,
        ctx,
        origin: "slack thread message",
        firstDelivery: () => firstDelivery(deps, team_id, event_id),
      },
      deps.pipeline,
      threadSink(client, { channel, thread: thread_ts }, user),
    );
  };
}

/** True when every word is key=value with a key of the thread's template: a thread without an estimate has none. */
async function onlyTemplateKeys(deps: SlackDeps, ctx: ReturnType<typeof slackContext>, text: string) {
  const keys = pairKeys(text);
  if (!keys || !ctx.thread) return false;
  const link = await deps.pipeline.store.getThread(ctx.tenant, ctx.thread.channel, ctx.thread.thread);
  const template = link && findTemplate(link.input.template);
  if (!template) return false;
  return keys.every((key) => OPTION_KEYS.has(key) || Object.hasOwn(template.params, key));
}
