/**
 * The `slack` Lambda (API Gateway HTTP API, payload v2): slash commands, Events API and
 * interactivity all arrive here (POST /slack/commands, /slack/events, /slack/interactivity;
 * the path does not matter). Everything is built once per cold start, secrets read from SSM
 * included; each request only runs the listeners.
 */
import { AwsLambdaReceiver, type Logger as BoltLogger, type LogLevel } from "@slack/bolt";
import { lazyBudgets } from "../adapters/budgets/lazy.ts";
import { documentClientFor, LAMBDA_DYNAMO_POLICY } from "../adapters/dynamodb/client.ts";
import { DynamoIdempotencyStore } from "../adapters/dynamodb/idempotency-store.ts";
import { DynamoPriceOverlay } from "../adapters/dynamodb/price-overlay.ts";
import { dynamoStores } from "../adapters/dynamodb/stores.ts";
import { jsonLogger, sdkLogger, withLogContext } from "../adapters/log.ts";
import { resolveSecretParams, secretsClient } from "../adapters/secrets/ssm.ts";
import { createSlackApp } from "../adapters/slack/app.ts";
import { loadSlackConfig } from "../adapters/slack/config.ts";
import { slackLambdaHandler } from "../adapters/slack/lambda.ts";
import { bodyBytes, deliveryFields, MAX_SLACK_BODY_BYTES } from "../adapters/slack/request.ts";
import { maxScenariosFrom } from "../app/run/scenarios.ts";
import { builtInCatalog } from "../core/catalog/index.ts";

const config = loadSlackConfig(await resolveSecretParams(process.env, secretsClient()));
const clock = { now: () => new Date() };
const log = jsonLogger({ function: "slack" }, undefined, undefined, { debug: config.LOG_LEVEL === "debug" });

// Retries and timeouts bounded so a slow or throttled table cannot use up Slack's 3 seconds.
const db = documentClientFor(config.DYNAMODB_ENDPOINT, undefined, {
  ...LAMBDA_DYNAMO_POLICY,
  ...(config.DYNAMODB_TIMEOUT_MS
    ? { connectionTimeoutMs: config.DYNAMODB_TIMEOUT_MS, requestTimeoutMs: config.DYNAMODB_TIMEOUT_MS }
    : {}),
});
const budgets =
  config.COSTBOT_AWS_ACCOUNT_ID && config.COSTBOT_BUDGETS_TOPIC_ARN
    ? lazyBudgets(config.COSTBOT_AWS_ACCOUNT_ID, config.COSTBOT_BUDGETS_TOPIC_ARN)
    : undefined;

const boltLog = sdkLogger(log, "bolt", config.LOG_LEVEL === "debug" ? "debug" : "warn");
// Bolt's own lines (receiver, app, Web API client) as JSON with the request's ids, like ours.
const boltLogger = { ...boltLog, getLevel: () => boltLog.getLevel() as LogLevel } satisfies BoltLogger;
const receiver = new AwsLambdaReceiver({ signingSecret: config.SLACK_SIGNING_SECRET, logger: boltLogger });
createSlackApp(
  {
    botToken: config.SLACK_BOT_TOKEN,
    botId: config.SLACK_BOT_ID,
    botUserId: config.SLACK_BOT_USER_ID,
    slackApiUrl: config.SLACK_API_URL,
    logLevel: config.LOG_LEVEL,
    logger: boltLogger,
    receiver,
  },
  {
    pipeline: {
      catalog: builtInCatalog(),
      store: dynamoStores(db, config.TABLE_NAME),
      maxScenarios: maxScenariosFrom(process.env),
      overlay: new DynamoPriceOverlay(db, config.TABLE_NAME),
      clock,
      log,
      ...(budgets ? { budgets } : {}),
    },
    idempotency: new DynamoIdempotencyStore(db, config.TABLE_NAME, clock),
  },
);
const handle = slackLambdaHandler(receiver);

/**
 * Each invocation runs with its ids on every log line. A body larger than any Slack payload is
 * refused before it is parsed or its signature computed.
 */
export const handler = async (event: Parameters<typeof handle>[0], context: { awsRequestId?: string }) =>
  withLogContext({ requestId: context?.awsRequestId, ...deliveryFields(event) }, async () => {
    if (bodyBytes(event) > MAX_SLACK_BODY_BYTES) {
      log.warn("request body too large; refused", { bytes: bodyBytes(event), limit: MAX_SLACK_BODY_BYTES });
      return { statusCode: 413, body: "" };
    }
    return handle(event, context);
  });
