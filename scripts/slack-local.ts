/**
 * `npm run slack:local`: the Slack app's own listeners in Socket Mode, on the embedded
 * DynamoDB store under $COSTBOT_HOME (default ~/.costbot). No public URL needed: Slack
 * pushes requests over a WebSocket the app opens. Needs SLACK_BOT_TOKEN (xoxb-…) and
 * SLACK_APP_TOKEN (xapp-…, with connections:write); see docs/slack.md.
 */
import { homedir } from "node:os";
import { join } from "node:path";
import { openLocalStore } from "../src/adapters/dynamodb/local.ts";
import { jsonLogger } from "../src/adapters/log.ts";
import { createSlackApp } from "../src/adapters/slack/app.ts";
import { loadSocketModeConfig, SlackConfigError } from "../src/adapters/slack/config.ts";
import { builtInCatalog } from "../src/core/catalog/index.ts";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

let config: ReturnType<typeof loadSocketModeConfig>;
try {
  config = loadSocketModeConfig(process.env);
} catch (error) {
  if (!(error instanceof SlackConfigError)) throw error;
  console.error(`slack:local: ${error.message}\nSee docs/slack.md, "Run it locally (Socket Mode)".`);
  process.exit(2);
}

const home = config.COSTBOT_HOME ?? join(homedir(), ".costbot");
// The folder stays locked while the app runs: the CLI waits for it, as for another CLI.
const local = await openLocalStore(home, config.TABLE_NAME ?? "costbot");
const app = createSlackApp(
  {
    botToken: config.SLACK_BOT_TOKEN,
    botId: config.SLACK_BOT_ID,
    botUserId: config.SLACK_BOT_USER_ID,
    slackApiUrl: config.SLACK_API_URL,
    logLevel: config.LOG_LEVEL ?? "info",
    appToken: config.SLACK_APP_TOKEN,
  },
  {
    pipeline: {
      catalog: builtInCatalog(),
      store: local.store,
      clock: { now: () => new Date() },
      log: jsonLogger(),
    },
    idempotency: local.idempotency,
  },
);

let stopping = false;
async function stop(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  console.error(`slack:local: ${signal}, closing`);
  await app.stop().catch(() => {});
  await local.close();
}
process.once("SIGINT", stop);
process.once("SIGTERM", stop);

try {
  await app.start();
  console.error(`slack:local: connected in Socket Mode; data in ${join(home, "dynamodb")}. Ctrl-C stops.`);
} catch (error) {
  console.error(`slack:local: could not connect to Slack: ${error instanceof Error ? error.message : error}`);
  await local.close();
  process.exit(1);
}
