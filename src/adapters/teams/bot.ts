import { Activity } from "@microsoft/agents-activity";
import { ActivityHandler, type TurnContext } from "@microsoft/agents-hosting";
import type {
  Context,
  ConversationReferenceStore,
  Deps,
  IdempotencyStore,
  ReplySink,
  Tenant,
} from "../../app/ports.ts";
import type { Reply } from "../../app/reply.ts";
import { takeTurn } from "../../app/turn.ts";
import { teamsMessage } from "../render/adaptive-card.ts";
import {
  commandText,
  deleteConfirmation,
  placeOf,
  proactiveReference,
  saveSubmission,
  tenantIdOf,
} from "./conversation.ts";
import { withoutLinks } from "./safe-text.ts";

export interface TeamsBotDeps extends Deps {
  readonly idempotency: IdempotencyStore;
  readonly conversations: ConversationReferenceStore;
}

/** Azure Bot Service redelivers a message it thinks timed out; a day covers any retry. */
const DELIVERY_TTL_SECONDS = 24 * 60 * 60;

/**
 * costbot in Teams: a mention (or a direct message, or a Save button) runs the shared
 * pipeline and the answer goes back into the same conversation and reply chain as a card.
 * Every conversation that talks to the bot leaves its reference, for budget alerts.
 */
export class CostbotTeamsBot extends ActivityHandler {
  constructor(private readonly deps: TeamsBotDeps) {
    super();
    this.onMessage(async (context, next) => {
      await this.answer(context);
      await next();
    });
    // Installing the bot in a team or chat is the first chance to learn where alerts can go.
    this.onMembersAdded(async (context, next) => {
      const tenant = tenantOf(context.activity);
      if (tenant) await this.remember(tenant, context.activity);
      await next();
    });
  }

  private async answer(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const tenant = tenantOf(activity);
    if (!tenant) {
      this.deps.log.error("teams message without a tenant id", { conversation: activity.conversation?.id });
      await context.sendActivity("costbot works inside a Microsoft 365 organisation; this message had none.");
      return;
    }
    const key = `teams:${tenant}:${activity.conversation?.id}:${activity.id}`;
    if (activity.id && !(await this.deps.idempotency.claim(key, DELIVERY_TTL_SECONDS))) {
      this.deps.log.info("repeated teams delivery ignored", { tenant, activity: activity.id });
      return;
    }
    await this.remember(tenant, activity);

    const place = placeOf(activity);
    const save = saveSubmission(activity);
    // A Save button names its chain; it may only name one in the conversation it was clicked in.
    const thread = save?.thread?.channel === place.channel ? save.thread : place;
    const ctx: Context = {
      tenant,
      user: activity.from?.aadObjectId ?? activity.from?.id ?? "unknown",
      surface: "teams",
      thread,
      channel: { platform: "teams", channel: place.channel },
    };
    const text = save ? `save ${save.name}` : deleteConfirmation(activity) || commandText(activity) || "help";
    await takeTurn({ text, ctx, origin: "teams turn" }, this.deps, replyChain(context, thread));
  }

  /** Best effort: a failed write must not cost the user their answer. */
  private async remember(tenant: Tenant, activity: Activity): Promise<void> {
    try {
      const reference = proactiveReference(activity);
      await this.deps.conversations.putConversationReference({
        tenant,
        conversationId: reference.conversation.id,
        reference: JSON.parse(JSON.stringify(reference)),
        updatedAt: this.deps.clock.now().toISOString(),
      });
    } catch (error) {
      this.deps.log.error("could not store the teams conversation reference", {
        tenant,
        conversation: activity.conversation?.id,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}

function tenantOf(activity: Activity): Tenant | undefined {
  const id = tenantIdOf(activity);
  return id ? `teams:${id}` : undefined;
}

/**
 * Replies go into the conversation and reply chain the message came from, as cards; Teams has
 * no private replies in a conversation, so both kinds go there. A public reply's chain is what
 * its what-ifs will be asked in.
 */
function replyChain(context: TurnContext, thread: { channel: string; thread: string }): ReplySink {
  const send = (reply: Reply) =>
    context.sendActivity(Activity.fromObject(withoutLinks(teamsMessage(reply, { save: { thread } }))));
  return {
    async postPublic(reply) {
      await send(reply);
      return { kind: "thread", ...thread };
    },
    async postPrivate(reply) {
      await send(reply);
    },
  };
}
