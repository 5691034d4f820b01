import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import type { Context } from "../../../../app/ports.ts";
import { compileStored } from "../../../../app/workloads.ts";
import { findTemplate } from "../../../../core/templates/index.ts";
import type { SlackDeps } from "../../deps.ts";
import { fromSlack, mentions, pairKeys, startsWithWhatIf } from "../../message-text.ts";
import { threadSink } from "../../sinks.ts";
import { answerEvent } from "./turn.ts";

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
    if (!message) return;
    const { channel, user, text, ts, thread_ts } = message;
    if (thread_ts === ts) return;
    // In a DM there is no app_mention event: a mention there is answered here.
    if (message.channel_type !== "im" && mentions(text, context.botUserId)) return;
    const command = fromSlack(text);
    await answerEvent(
      deps,
      body,
      {
        user,
        channel,
        thread: thread_ts,
        text: command,
        origin: "slack thread message",
        accept: async (ctx) => startsWithWhatIf(command) || onlyTemplateKeys(deps, ctx, command),
      },
      threadSink(client, { channel, thread: thread_ts }, user),
    );
  };
}

/**
 * True when every word is key=value with a key of the thread's template (a built-in, or the
 * tenant's own workload): a thread without an estimate has none.
 */
async function onlyTemplateKeys(deps: SlackDeps, ctx: Context, text: string) {
  const keys = pairKeys(text);
  if (!keys || !ctx.thread) return false;
  const link = await deps.pipeline.store.getThread(ctx.tenant, ctx.thread.channel, ctx.thread.thread);
  if (!link) return false;
  const params = await templateParams(deps, ctx, link.input.template);
  return keys.every((key) => OPTION_KEYS.has(key) || params.has(key));
}

/** The parameter names of a built-in or of the tenant's stored workload (none if it no longer compiles). */
async function templateParams(deps: SlackDeps, ctx: Context, name: string): Promise<Set<string>> {
  const builtIn = findTemplate(name);
  if (builtIn) return new Set(Object.keys(builtIn.params));
  const stored = await deps.pipeline.store.getWorkload(ctx.tenant, name);
  if (!stored) return new Set();
  try {
    return new Set(Object.keys((await compileStored(stored, deps.pipeline.catalog)).params));
  } catch {
    return new Set();
  }
}
