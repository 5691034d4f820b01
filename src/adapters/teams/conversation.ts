import type { Activity, ConversationReference } from "@microsoft/agents-activity";
import { z } from "zod";
import { CONFIRM_DELETE_ACTION, SAVE_ACTION } from "../render/adaptive-card.ts";
import { TENANT_ID } from "./inbound.ts";

/**
 * Where a Teams message sits, in the pipeline's terms.
 *
 * - Channel post or reply: conversation.id is `19:…@thread.tacv2;messageid=<root>`, where
 *   <root> is the id of the post that started the reply chain (for a new post, its own id).
 *   channel = the id before `;messageid=`, thread = <root>; without the suffix, the root is
 *   replyToId, else the activity's own id (it is a new post).
 * - Group chat (`19:…@thread.v2`) and personal chat (`a:…`): Teams has no reply chains there,
 *   so the chat itself is the thread (thread = "chat"): a what-if changes the latest estimate.
 */
export interface TeamsPlace {
  readonly channel: string;
  readonly thread: string;
}

export const CHAT_THREAD = "chat";

export function splitConversationId(id: string): { readonly base: string; readonly messageId?: string } {
  const [base = id, ...rest] = id.split(";");
  const messageId = rest.find((p) => p.toLowerCase().startsWith("messageid="))?.slice("messageid=".length);
  return messageId ? { base, messageId } : { base };
}

export function placeOf(activity: Activity): TeamsPlace {
  const { base, messageId } = splitConversationId(activity.conversation?.id ?? "");
  const chat = ["personal", "groupChat"].includes(activity.conversation?.conversationType ?? "");
  if (chat && !messageId) return { channel: base, thread: CHAT_THREAD };
  return { channel: base, thread: messageId ?? activity.replyToId ?? activity.id ?? CHAT_THREAD };
}

/**
 * The Entra tenant the message comes from; every item is scoped to it. `conversation.tenantId`,
 * else `channelData.tenant.id` (a 1:1 chat may carry only that, as Microsoft documents), and only
 * a GUID. The inbound check (inbound.ts) has refused activities whose two copies differ, or that
 * disagree with the token's `tid`.
 */
export function tenantIdOf(activity: Pick<Activity, "conversation" | "channelData">): string | undefined {
  const fromChannelData = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const id =
    activity.conversation?.tenantId ?? (typeof fromChannelData === "string" ? fromChannelData : undefined);
  // One tenant whatever the case Teams wrote it in: GUIDs are stored lowercase.
  return id && TENANT_ID.test(id) ? id.toLowerCase() : undefined;
}

/**
 * Bounds on what commandText strips. Unbounded, every `<at` in a 256 KB message scanned to its
 * end for `</at>` (5.7 s): a tag is now at most 256 characters, so the pass is linear, and a
 * text much longer than a command (the parser refuses those anyway) is not stripped at all.
 */
const MAX_MENTION_TEXT = 16 * 1024;
const MAX_MENTIONS = 20;
const AT_TAG = /<at\b[^>]{0,256}>.{0,256}?<\/at>/gis;

/**
 * The command the user typed: the bot's mention (the text of its mention entities, and any
 * `<at>…</at>` tag left, such as a mention of someone else) removed, and Teams' HTML spaces
 * turned back into spaces.
 */
export function commandText(activity: Activity): string {
  let text = activity.text ?? "";
  // Far longer than any command (the parser refuses those by their length): not worth stripping.
  if (text.length > MAX_MENTION_TEXT) return text;
  const mentions = (activity.entities ?? []).slice(0, MAX_MENTIONS);
  for (const entity of mentions) {
    const mention = z.object({ type: z.literal("mention"), text: z.string().min(1) }).safeParse(entity);
    if (mention.success) text = text.split(mention.data.text).join(" ");
  }
  return text
    .replace(AT_TAG, " ")
    .replace(/&nbsp;|\u00a0/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const SaveSubmission = z.object({
  action: z.literal(SAVE_ACTION),
  name: z.string().trim().min(1).max(64),
  thread: z.object({ channel: z.string().min(1), thread: z.string().min(1) }).optional(),
});
export type SaveSubmission = z.output<typeof SaveSubmission>;

/**
 * A Save button's data with the typed name: from an Action.Execute invoke (`data`), or from an
 * older card's Action.Submit, which arrives as a message whose `value` is the button's data.
 */
export function parseSave(data: unknown): SaveSubmission | undefined {
  const parsed = SaveSubmission.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}

export function saveSubmission(activity: Activity): SaveSubmission | undefined {
  return parseSave(activity.value);
}

const DeleteConfirmation = z.object({
  action: z.literal(CONFIRM_DELETE_ACTION),
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/i),
  confirm: z.string().regex(/^[0-9a-z-]{1,40}$/i),
});

/**
 * The "Delete <name>" button of a delete confirmation, as the command it stands for. Only a
 * name and a token are taken from the card's data, so a forged submission is at most a command
 * its sender could have typed.
 */
export function deleteConfirmation(activity: Activity): string | undefined {
  const parsed = DeleteConfirmation.safeParse(activity.value);
  return parsed.success ? `delete ${parsed.data.name} confirm=${parsed.data.confirm}` : undefined;
}

/**
 * The reference kept for proactive messages (budget alerts): the conversation without the
 * reply-chain suffix and without an activity to reply to, so an alert starts a new post.
 */
export function proactiveReference(activity: Activity): ConversationReference {
  const reference = activity.getConversationReference();
  const { activityId: _reply, ...rest } = reference;
  return { ...rest, conversation: { ...reference.conversation, id: placeOf(activity).channel } };
}
