import { Activity, type ConversationReference } from "@microsoft/agents-activity";
import type { CloudAdapter } from "@microsoft/agents-hosting";
import { z } from "zod";
import type { ChannelRef, ConversationReferenceStore, Notifier, Tenant } from "../../app/ports.ts";
import type { Reply } from "../../app/reply.ts";
import { teamsMessage } from "../render/adaptive-card.ts";
import { isAllowedServiceUrl } from "./inbound.ts";
import { withoutLinks } from "./safe-text.ts";

/** No conversation reference is stored for the channel: the bot never heard from it. */
export class UnknownTeamsConversationError extends Error {
  override readonly name = "UnknownTeamsConversationError";
  constructor(
    readonly tenant: Tenant,
    readonly conversationId: string,
  ) {
    super(
      `no Teams conversation reference for ${conversationId} in ${tenant}; the bot must hear from it first`,
    );
  }
}

/** What a stored reference needs for continueConversation; anything else is passed through. */
const StoredReference = z.looseObject({
  channelId: z.string().min(1),
  serviceUrl: z.string().min(1),
  conversation: z.looseObject({ id: z.string().min(1) }),
});

/**
 * Budget alerts into Teams: continue the conversation from the reference stored when it last
 * talked to the bot, authenticated as the bot's app, and post the reply as a card.
 */
export class TeamsNotifier implements Notifier {
  readonly platform = "teams" as const;

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly conversations: ConversationReferenceStore,
    /** Loopback hosts a test's fake connector runs on; empty in production. */
    private readonly loopbackServiceHosts: readonly string[] = [],
  ) {}

  async post(tenant: Tenant, channel: ChannelRef, reply: Reply): Promise<void> {
    const record = await this.conversations.getConversationReference(tenant, channel.channel);
    if (!record) throw new UnknownTeamsConversationError(tenant, channel.channel);
    const reference = StoredReference.parse(record.reference) as unknown as ConversationReference;
    // A reference stored before inbound checks were exact could name any host: never send there.
    if (!isAllowedServiceUrl(reference.serviceUrl!, this.loopbackServiceHosts))
      throw new Error(`the stored reference for ${channel.channel} names a service URL outside Teams'`);
    // A failed send inside the turn would reach the adapter's onTurnError, which handles it:
    // the SDK's default posts "The agent encountered an error or bug" and "please fix the
    // source code" into the customer's channel, and the error never reaches the caller, so the
    // alert counted as delivered and was never retried. The failure is kept and rethrown here.
    let failure: { readonly error: unknown } | undefined;
    await this.adapter.continueConversation(this.appId, reference, async (context) => {
      // The SDK gives the continuation a made-up activity id and would "reply" to it; an alert
      // is a new post in the conversation (Bot Connector's sendToConversation), so drop it.
      context.onSendActivities(async (_context, activities, next) => {
        for (const activity of activities) activity.replyToId = undefined;
        return next();
      });
      try {
        await context.sendActivity(Activity.fromObject(withoutLinks(teamsMessage(reply))));
      } catch (error) {
        failure = { error };
      }
    });
    if (failure) throw failure.error;
    // Delivered: a conversation that only ever receives alerts must not expire for want of
    // messages. Best effort: failing here would make the caller retry an alert already posted.
    await this.conversations.refreshConversationReference(tenant, channel.channel).catch(() => undefined);
  }
}
