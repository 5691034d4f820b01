import { randomUUID } from "node:crypto";
import type { CloudAdapter } from "@microsoft/agents-hosting";
import type { Deps } from "../../app/pipeline.ts";
import type { IdempotencyStore, ScenarioStore } from "../../app/ports.ts";
import { createTeamsAdapter } from "./adapter.ts";
import { CostbotTeamsBot } from "./bot.ts";
import type { TeamsConfig } from "./config.ts";
import { type HttpEvent, type HttpResult, handleHttp } from "./http.ts";
import { TeamsNotifier } from "./notifier.ts";

export interface TeamsApp {
  readonly adapter: CloudAdapter;
  readonly notifier: TeamsNotifier;
  handle(event: HttpEvent): Promise<HttpResult>;
}

/**
 * The Teams bot wired to its ports. Built once per process (a Lambda cold start): the
 * adapter caches signing keys and tokens between requests.
 */
export function createTeamsApp(
  config: TeamsConfig,
  deps: Deps & { idempotency: IdempotencyStore },
): TeamsApp {
  const adapter = createTeamsAdapter(config);
  const bot = new CostbotTeamsBot(deps);
  // The SDK's default tells users to "fix the source code"; ours logs and apologises with a reference.
  adapter.onTurnError = async (context, error) => {
    const reference = randomUUID().slice(0, 8);
    deps.log.error("teams turn failed", {
      reference,
      conversation: context.activity.conversation?.id,
      error: error.message,
      stack: error.stack,
    });
    try {
      await context.sendActivity(`Sorry, something went wrong on our side (reference ${reference}).`);
    } catch (cause) {
      deps.log.error("could not tell the user", { reference, error: String(cause) });
    }
  };
  return {
    adapter,
    notifier: new TeamsNotifier(adapter, config.appId, deps.store, config.extraServiceHosts),
    handle: (event) =>
      handleHttp(event, adapter, bot, deps.log, {
        loopbackServiceHosts: config.extraServiceHosts,
        ...(config.allowedTenants ? { allowedTenants: config.allowedTenants } : {}),
      }),
  };
}

/** For a function that only posts (budget alerts): the adapter and the notifier, no bot. */
export function createTeamsNotifier(config: TeamsConfig, store: ScenarioStore): TeamsNotifier {
  return new TeamsNotifier(createTeamsAdapter(config), config.appId, store, config.extraServiceHosts);
}
