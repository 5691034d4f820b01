/**
 * The `slack` Lambda (API Gateway HTTP API, payload v2): slash commands, Events API and
 * interactivity all arrive here (POST /slack/commands, /slack/events, /slack/interactivity;
 * the path does not matter). Everything is built once per cold start, secrets read from SSM
 * included; each request only runs the listeners.
 */
import { BudgetsClient } from "@aws-sdk/client-budgets";
import { SSMClient } from "@aws-sdk/client-ssm";
import { AwsLambdaReceiver, LogLevel } from "@slack/bolt";
import { AwsBudgets } from "../adapters/budgets/aws-budgets.ts";
import { documentClientFor } from "../adapters/dynamodb/client.ts";
import { DynamoIdempotencyStore, DynamoScenarioStore } from "../adapters/dynamodb/scenario-store.ts";
import { jsonLogger } from "../adapters/log.ts";
import { resolveSecretParams } from "../adapters/secrets/ssm.ts";
import { createSlackApp } from "../adapters/slack/app.ts";
import { loadSlackConfig } from "../adapters/slack/config.ts";
import { slackLambdaHandler } from "../adapters/slack/lambda.ts";
import { builtInCatalog } from "../core/catalog/index.ts";

const config = loadSlackConfig(await resolveSecretParams(process.env, new SSMClient({})));
const clock = { now: () => new Date() };

const db = documentClientFor(config.DYNAMODB_ENDPOINT);
const budgets =
  config.COSTBOT_AWS_ACCOUNT_ID && config.COSTBOT_BUDGETS_TOPIC_ARN
    ? // AWS Budgets is a global service served from us-east-1.
      new AwsBudgets(
        new BudgetsClient({ region: "us-east-1" }),
        config.COSTBOT_AWS_ACCOUNT_ID,
        config.COSTBOT_BUDGETS_TOPIC_ARN,
      )
    : undefined;

const receiver = new AwsLambdaReceiver({
  signingSecret: config.SLACK_SIGNING_SECRET,
  logLevel: config.LOG_LEVEL === "debug" ? LogLevel.DEBUG : LogLevel.WARN,
});
createSlackApp(
  {
    botToken: config.SLACK_BOT_TOKEN,
    botId: config.SLACK_BOT_ID,
    botUserId: config.SLACK_BOT_USER_ID,
    slackApiUrl: config.SLACK_API_URL,
    logLevel: config.LOG_LEVEL,
    receiver,
  },
  {
    pipeline: {
      catalog: builtInCatalog(),
      store: new DynamoScenarioStore(db, config.TABLE_NAME),
      clock,
      log: jsonLogger({ function: "slack" }),
      ...(budgets ? { budgets } : {}),
    },
    idempotency: new DynamoIdempotencyStore(db, config.TABLE_NAME, clock),
  },
);
const handle = slackLambdaHandler(receiver);

export const handler = async (event: Parameters<typeof handle>[0], context: unknown) =>
  handle(event, context);
