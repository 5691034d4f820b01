import type { LogLevel } from "@slack/web-api";
import type { ConversationReferenceStore, Notifier } from "../app/ports.ts";
import { type JsonLogger, sdkLogger } from "./log.ts";

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
 * has an app id. Each platform's SDK loads only when an alert is first posted there.
 */
export function platformNotifiers(
  env: Readonly<Record<string, string | undefined>>,
  conversations: ConversationReferenceStore,
  log: JsonLogger,
): Notifier[] {
  const notifiers: Notifier[] = [];
  const token = env.SLACK_BOT_TOKEN;
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
  if (env.MicrosoftAppId) {
    notifiers.push(
      lazyNotifier("teams", async () => {
        const [{ createTeamsNotifier }, { loadTeamsConfig }] = await Promise.all([
          import("./teams/app.ts"),
          import("./teams/config.ts"),
        ]);
        return createTeamsNotifier(loadTeamsConfig(env), conversations);
      }),
    );
  }
  return notifiers;
}
