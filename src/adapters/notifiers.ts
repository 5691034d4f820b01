import type { LogLevel } from "@slack/web-api";
import type { ConversationReferenceStore, Notifier } from "../app/ports.ts";
import { type JsonLogger, sdkLogger } from "./log.ts";
import { loadTeamsConfig, type TeamsConfig, TeamsConfigError } from "./teams/config.ts";

/** A notifier whose platform client is imported and built on its first post. */
function lazyNotifier(platform: Notifier["platform"], load: () => Promise<Notifier>): Notifier {
  let loading: Promise<Notifier> | undefined;
  return {
    platform,
    post: async (tenant, channel, reply) => {
      loading ??= load();
      return (await loading).post(tenant, channel, reply);
    },
  };
}

/**
 * The notifiers a deployment is configured for: Slack when it has a bot token, Teams when it
 * has an app id and a valid configuration. Each platform's SDK loads only when an alert is
 * first posted there. A platform that is not configured is skipped, and this says so once (it
 * runs once per cold start): a Slack-only deployment must not lose its alerts over Teams.
 */
export function platformNotifiers(
  env: Readonly<Record<string, string | undefined>>,
  conversations: ConversationReferenceStore,
  log: JsonLogger,
): Notifier[] {
  const notifiers: Notifier[] = [];
  const token = env.SLACK_BOT_TOKEN;
  if (!token)
    log.info("slack is not configured here (no SLACK_BOT_TOKEN); alerts to Slack channels are skipped");
  if (token) {
    // The Web API client's own lines, as JSON with the request's ids.
    const webApiLog = sdkLogger(log, "slack-web-api");
    notifiers.push(
      lazyNotifier("slack", async () =>
        (await import("./slack/notifier.ts")).SlackNotifier.withToken(token, env.SLACK_API_URL, {
          ...webApiLog,
          getLevel: () => webApiLog.getLevel() as LogLevel,
        }),
      ),
    );
  }
  const teams = teamsConfig(env, log);
  if (teams) {
    notifiers.push(
      lazyNotifier("teams", async () =>
        (await import("./teams/app.ts")).createTeamsNotifier(teams, conversations),
      ),
    );
  }
  return notifiers;
}

function teamsConfig(
  env: Readonly<Record<string, string | undefined>>,
  log: JsonLogger,
): TeamsConfig | undefined {
  if (!env.MicrosoftAppId) {
    log.info("teams is not configured here (no MicrosoftAppId); alerts to Teams channels are skipped");
    return undefined;
  }
  try {
    return loadTeamsConfig(env);
  } catch (error) {
    if (!(error instanceof TeamsConfigError)) throw error;
    // Configured, but incompletely (its password parameter missing): Slack's alerts still go.
    log.error("teams is misconfigured; alerts to Teams channels are skipped", { error: error.message });
    return undefined;
  }
}
