import { lazyBudgets } from "../adapters/budgets/lazy.ts";
import { lazyCostExplorer } from "../adapters/costexplorer/lazy.ts";
import { documentClientFor, LAMBDA_DYNAMO_POLICY } from "../adapters/dynamodb/client.ts";
import { DynamoIdempotencyStore } from "../adapters/dynamodb/idempotency-store.ts";
import { DynamoPriceBookStore } from "../adapters/dynamodb/price-book-store.ts";
import { DynamoPriceOverlay } from "../adapters/dynamodb/price-overlay.ts";
import { DynamoSpendCache } from "../adapters/dynamodb/spend-cache-store.ts";
import { dynamoStores } from "../adapters/dynamodb/stores.ts";
import { jsonLogger, withLogContext } from "../adapters/log.ts";
import { resolveSecretParams, secretsClient } from "../adapters/secrets/ssm.ts";
import { createTeamsApp, type TeamsApp } from "../adapters/teams/app.ts";
import { loadTeamsConfig } from "../adapters/teams/config.ts";
import type { HttpEvent, HttpResult } from "../adapters/teams/http.ts";
import { maxScenariosFrom } from "../app/limits.ts";
import { builtInCatalog } from "../core/catalog/index.ts";

/**
 * The `teams` Lambda: Azure Bot Service posts Bot Framework activities to the HTTP API route
 * (POST /teams/messages), and this returns the status and body the Agents SDK adapter produced.
 * Everything below is built once per cold start: the app secret is read from SSM
 * (MicrosoftAppPassword_PARAM), and a missing setting fails the cold start, naming it. A
 * deployment without Teams (MicrosoftAppId empty) reads no secret, says so once, and answers 503.
 */
const log = jsonLogger({ function: "teams" });
const clock = { now: () => new Date() };

async function build(): Promise<TeamsApp> {
  const config = loadTeamsConfig(await resolveSecretParams(process.env, secretsClient()));
  // Bot Service waits 15 s for an answer; the bounded policy keeps a bad table well inside that.
  const db = documentClientFor(config.dynamoEndpoint, undefined, LAMBDA_DYNAMO_POLICY);
  const stores = dynamoStores(db, config.tableName);
  return createTeamsApp(config, {
    catalog: builtInCatalog(),
    store: stores,
    maxScenarios: maxScenariosFrom(process.env),
    conversations: stores,
    overlay: new DynamoPriceOverlay(db, config.tableName),
    priceBook: new DynamoPriceBookStore(db, config.tableName),
    idempotency: new DynamoIdempotencyStore(db, config.tableName, clock),
    clock,
    log,
    ...(config.budgets ? { budgets: lazyBudgets(config.budgets.accountId, config.budgets.topicArn) } : {}),
    costExplorer: lazyCostExplorer(),
    spendCache: new DynamoSpendCache(db, config.tableName, clock.now),
  });
}

const app = process.env.MicrosoftAppId ? await build() : undefined;
if (!app) log.warn("teams is not configured here (no MicrosoftAppId); every request is answered 503");

/** Proactive posts from this process (tests use it; budget-alerts builds its own TeamsNotifier). */
export const notifier = app?.notifier;

const NOT_CONFIGURED: HttpResult = {
  statusCode: 503,
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ error: "Teams is not configured in this deployment" }),
};

/** Each invocation runs with its ids on every log line, the SDK's turn errors included. */
export const handler = async (event: HttpEvent, context: { awsRequestId?: string }): Promise<HttpResult> =>
  withLogContext(
    { requestId: context?.awsRequestId, apiRequestId: event.requestContext?.requestId },
    async () => {
      if (!app) return NOT_CONFIGURED;
      const started = Date.now();
      const result = await app.handle(event);
      log.info("teams request", { status: result.statusCode, ms: Date.now() - started });
      return result;
    },
  );
