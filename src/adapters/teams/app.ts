import type { CloudAdapter } from "@microsoft/agents-hosting";
import type { ConversationReferenceStore } from "../../app/ports.ts";
import { apologyReply } from "../../app/reply.ts";
import { randomOf } from "../../app/runtime.ts";
import { createTeamsAdapter } from "./adapter.ts";
import { CostbotTeamsBot, type TeamsBotDeps } from "./bot.ts";
import type { TeamsConfig } from "./config.ts";
import { processActivity } from "./http.ts";
import { TeamsNotifier } from "./notifier.ts";
import type { AdmittedRequest, HttpResult } from "./request.ts";

export interface TeamsApp {
  readonly adapter: CloudAdapter;
  readonly notifier: TeamsNotifier;
  /** An activity admit.ts let in: the turn, and what the adapter answered. */
  handle(request: AdmittedRequest): Promise<HttpResult>;
}

/**
 * The Teams bot wired to its ports. Built once per process (a Lambda cold start): the
 * adapter caches signing keys and tokens between requests.
 */
export function createTeamsApp(config: TeamsConfig, deps: TeamsBotDeps): TeamsApp {
  const adapter = createTeamsAdapter(config);
  const bot = new CostbotTeamsBot(deps);
  // The SDK's default tells users to "fix the source code"; ours logs and apologises with a reference.
  adapter.onTurnError = async (context, error) => {
    const reference = randomOf(deps).referenceId();
    deps.log.error("teams turn failed", {
      reference,
      conversation: context.activity.conversation?.id,
      error: error.message,
      stack: error.stack,
    });
    try {
      await context.sendActivity(apologyReply(reference).summary);
    } catch (cause) {
      deps.log.error("could not tell the user", { reference, error: String(cause) });
    }
  };
  return {
    adapter,
    notifier: new TeamsNotifier(adapter, config.appId, deps.conversations, config.extraServiceHosts),
    handle: (request) => processActivity(request, adapter, bot, deps.log),
  };
}

/** For a function that only posts (budget alerts): the adapter and the notifier, no bot. */
export function createTeamsNotifier(
  config: TeamsConfig,
  conversations: ConversationReferenceStore,
): TeamsNotifier {
  return new TeamsNotifier(createTeamsAdapter(config), config.appId, conversations, config.extraServiceHosts);
}
