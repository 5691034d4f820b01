import { Activity } from "@microsoft/agents-activity";
import {
  ActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type TurnContext,
} from "@microsoft/agents-hosting";
import { splitModelBlock } from "../../app/model-block.ts";
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
import { ADAPTIVE_CARD_CONTENT_TYPE, SAVE_VERB, teamsMessage } from "../render/adaptive-card.ts";
import {
  commandText,
  deleteConfirmation,
  parseSave,
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
 * How long a claimed message counts as being worked: the function's timeout (10 s,
 * serverless.yml) and a margin. A worker that died past it (a timeout, a crash) leaves a claim
 * Lambda's own retry of the work order may take over (docs/teams.md, "Acknowledge, then work").
 */
export const DELIVERY_IN_PROGRESS_SECONDS = 20;
/** "Once per conversation": the welcome's claim outlives any conversation we will see. */
const WELCOME_TTL_SECONDS = 10 * 365 * 24 * 60 * 60;

/** Three commands to start with; in a personal chat the mention is not needed, elsewhere it is. */
export function welcomeReply(activity: Activity): Reply {
  const personal = activity.conversation?.conversationType === "personal";
  const at = personal ? "" : "@costbot ";
  return {
    kind: "help",
    visibility: "channel",
    summary: "costbot prices AI workloads: mention it with a template and its parameters.",
    blocks: [
      { type: "heading", text: "Hello, I'm costbot" },
      {
        type: "text",
        text: "I price AI workloads on AWS exactly, from dated prices. Try:",
      },
      {
        type: "notes",
        items: [
          `\`${at}voice-agent users=1000\`: a monthly estimate with its cost drivers`,
          `\`${at}sweep voice-agent users=1000..50000:5000\`: how the total grows`,
          `\`${at}compare voice-agent model=nova-pro,nova-lite\`: the cheaper choice`,
        ],
      },
      { type: "context", text: `\`${at}help\` lists every command and template.` },
    ],
    status: 0,
  };
}

/** The bot itself is among the members added (not a person joining a team it is in). */
function botWasAdded(activity: Activity): boolean {
  const bot = activity.recipient?.id;
  return !!bot && (activity.membersAdded ?? []).some((m) => m.id === bot);
}

/** A short message instead of a card: the clicked card stays as it was. */
function invokeMessage(statusCode: number, text: string): AdaptiveCardInvokeResponse {
  return {
    statusCode,
    type: "application/vnd.microsoft.activity.message",
    value: text as unknown as Record<string, unknown>,
  };
}

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
      if (tenant) {
        await this.remember(tenant, context.activity);
        if (botWasAdded(context.activity)) await this.welcome(context, tenant);
      }
      await next();
    });
  }

  /**
   * The bot itself was added (to a team, a group chat or a personal chat): a short welcome,
   * once per conversation (Teams may send the event again, e.g. on reinstall or a retry).
   */
  private async welcome(context: TurnContext, tenant: Tenant): Promise<void> {
    const conversation = placeOf(context.activity).channel;
    if (!(await this.deps.idempotency.claim(`teams-welcome:${tenant}:${conversation}`, WELCOME_TTL_SECONDS)))
      return;
    await context.sendActivity(
      Activity.fromObject(withoutLinks(teamsMessage(welcomeReply(context.activity)))),
    );
  }

  /**
   * The Save button (Action.Execute) arrives as an `adaptiveCard/action` invoke. The answer is a
   * card that replaces the one clicked: the saved scenario, "Saved as …", without the button.
   * If the save fails (a name taken, no estimate), the card stays and the reason shows as a message.
   */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invoke: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const activity = context.activity;
    const tenant = tenantOf(activity);
    const save = invoke.action?.verb === SAVE_VERB ? parseSave(invoke.action.data) : undefined;
    if (!tenant || !save) return invokeMessage(400, "This button is not one costbot knows.");
    await this.remember(tenant, activity);
    const { ctx, thread } = turnContext(tenant, activity, save);
    // Teams re-sends an invoke it got no answer to in time, with the same activity id: that
    // retry gets the card the first one answered, not "already exists".
    const key = `teams-invoke:${tenant}:${activity.conversation?.id}:${activity.id}`;
    const retried = Boolean(activity.id) && !(await this.deps.idempotency.claim(key, DELIVERY_TTL_SECONDS));
    const existing = retried ? await this.deps.store.getScenario(tenant, save.name) : undefined;
    const replies: Reply[] = [];
    const collect: ReplySink = {
      async postPublic(reply) {
        replies.push(reply);
        return { kind: "thread", ...thread };
      },
      async postPrivate(reply) {
        replies.push(reply);
      },
    };
    if (existing?.createdBy !== ctx.user) {
      const saved = await takeTurn(
        { text: `save ${save.name}`, ctx, origin: "teams save" },
        this.deps,
        collect,
      );
      if (saved.status !== 0 || saved.reply?.kind === "error")
        return invokeMessage(200, replies.at(-1)?.summary ?? "The scenario was not saved.");
    }
    const shown = await takeTurn(
      { text: `show ${save.name}`, ctx, origin: "teams save" },
      this.deps,
      collect,
    );
    const card = shown.reply ?? replies.at(-1)!;
    const content = withoutLinks(teamsMessage(card, { withoutActions: true })).attachments[0].content;
    return {
      statusCode: 200,
      type: ADAPTIVE_CARD_CONTENT_TYPE,
      value: content as unknown as Record<string, unknown>,
    };
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
    const claimed =
      Boolean(activity.id) &&
      (await this.deps.idempotency.claim(key, DELIVERY_TTL_SECONDS, DELIVERY_IN_PROGRESS_SECONDS));
    if (activity.id && !claimed) {
      this.deps.log.info("repeated teams delivery ignored", { tenant, activity: activity.id });
      return;
    }
    await this.remember(tenant, activity);

    const save = saveSubmission(activity);
    const { ctx, thread } = turnContext(tenant, activity, save);
    // `workload add` with the model in a code block: the block is taken out before the text is tidied.
    const block = save ? undefined : splitModelBlock(activity.text ?? "");
    const said = block?.model === undefined ? activity : ({ ...activity, text: block.command } as Activity);
    const text = save ? `save ${save.name}` : deleteConfirmation(activity) || commandText(said) || "help";
    const model = block?.model === undefined ? {} : { model: block.model };
    await takeTurn({ text, ...model, ctx, origin: "teams turn" }, this.deps, replyChain(context, thread));
    // Answered (or apologised for): never worked again, however late a retry comes.
    if (claimed) await this.deps.idempotency.complete(key);
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

/**
 * Who asks from where. A Save button names its reply chain; it may only name one in the
 * conversation it was clicked in, otherwise the answer goes where the click came from.
 */
function turnContext(
  tenant: Tenant,
  activity: Activity,
  save?: { thread?: { channel: string; thread: string } },
) {
  const place = placeOf(activity);
  const thread = save?.thread?.channel === place.channel ? save.thread : place;
  const name = activity.from?.name?.trim().slice(0, 100);
  const ctx: Context = {
    tenant,
    user: activity.from?.aadObjectId ?? activity.from?.id ?? "unknown",
    // Shown where the id would be ("Saved by Ada Lovelace"); the id stays what matches.
    ...(name ? { userName: name } : {}),
    surface: "teams",
    thread,
    channel: { platform: "teams", channel: place.channel },
  };
  return { ctx, thread };
}
