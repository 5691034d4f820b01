/**
 * The worker: the turn of every Teams request, after the acknowledgement (ack.ts). It is the
 * Agents SDK app (adapter, bot, connector replies, MSAL tokens) wired to DynamoDB and the
 * pricing pipeline, built on first use, so the acknowledgement's cold start pays for none of
 * it. Its cold start reads the app password from SSM (MicrosoftAppPassword_PARAM): only the
 * replies need it, never the verification.
 */
import { maxScenariosFrom } from "../../app/limits.ts";
import { builtInCatalog } from "../../core/catalog/index.ts";
import { lazyBudgets } from "../budgets/lazy.ts";
import { lazyCostExplorer } from "../costexplorer/lazy.ts";
import { documentClientFor, LAMBDA_DYNAMO_POLICY } from "../dynamodb/client.ts";
import { DynamoIdempotencyStore } from "../dynamodb/idempotency-store.ts";
import { DynamoPriceBookStore } from "../dynamodb/price-book-store.ts";
import { DynamoPriceOverlay } from "../dynamodb/price-overlay.ts";
import { DynamoSpendCache } from "../dynamodb/spend-cache-store.ts";
import { dynamoStores } from "../dynamodb/stores.ts";
import type { JsonLogger } from "../log.ts";
import { resolveSecretParams, secretsClient } from "../secrets/ssm.ts";
import { admitActivity, type Gate } from "./admit.ts";
import { createTeamsApp } from "./app.ts";
import { loadTeamsConfig } from "./config.ts";
import type { TeamsWorkOrder } from "./handoff.ts";
import type { TeamsNotifier } from "./notifier.ts";
import type { AdmittedRequest, HttpResult } from "./request.ts";

/**
 * How long after its token expired a work order is still worked: Lambda delivers an
 * asynchronous invocation within seconds and retries a failed one within minutes; an older
 * one is a replay. The same 15 minutes as the slack worker's.
 */
export const WORK_ORDER_GRACE_SECONDS = 15 * 60;

export interface TeamsWorker {
  /** The turn for a request the acknowledgement admitted just now; the adapter's answer. */
  answer(request: AdmittedRequest): Promise<HttpResult>;
  /** The turn for a work order (this function's own invocation), admitted again first. */
  run(order: TeamsWorkOrder): Promise<void>;
  /** Proactive posts from this process (tests use it; budget-alerts builds its own). */
  readonly notifier: TeamsNotifier;
}

/** Built once per container: configuration (zod; fails naming each bad setting), clients, the app. */
export async function createTeamsWorker(
  env: Readonly<Record<string, string | undefined>>,
  gate: Gate,
  log: JsonLogger,
): Promise<TeamsWorker> {
  const config = loadTeamsConfig(await resolveSecretParams(env, secretsClient()));
  const clock = { now: () => new Date() };
  // Bot Service waits 15 s for an invoke's answer; the bounded policy keeps a bad table well inside that.
  const db = documentClientFor(config.dynamoEndpoint, undefined, LAMBDA_DYNAMO_POLICY);
  const stores = dynamoStores(db, config.tableName);
  const app = createTeamsApp(config, {
    catalog: builtInCatalog(),
    store: stores,
    maxScenarios: maxScenariosFrom(env),
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
  const handle = async (request: AdmittedRequest) => {
    const started = Date.now();
    const result = await app.handle(request);
    log.info("teams request", { status: result.statusCode, ms: Date.now() - started });
    return result;
  };
  return {
    notifier: app.notifier,
    answer: handle,
    async run(order) {
      const nowSeconds = Math.floor(clock.now().getTime() / 1000);
      const admission = await admitActivity(
        order.headers,
        order.activity,
        gate,
        nowSeconds,
        WORK_ORDER_GRACE_SECONDS,
      );
      if (!admission.ok) {
        log.warn("teams work order refused", { status: admission.result.statusCode });
        return;
      }
      await handle(admission.request);
    },
  };
}
