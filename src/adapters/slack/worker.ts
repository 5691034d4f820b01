/**
 * The worker: the second step of every Slack request, after the acknowledgement. It is the
 * Bolt app (listeners one per file, the claim by event or trigger id, the conversation turn,
 * posting with chat.postMessage / chat.postEphemeral / response_url), fed requests the
 * acknowledgement already verified and answered. Loaded on the first request that needs it,
 * so the acknowledgement's cold start never pays for Bolt, the pricing core or DynamoDB.
 */
import type { App, Logger as BoltLogger, LogLevel, Receiver, ReceiverEvent } from "@slack/bolt";
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
import { type JsonLogger, sdkLogger, withLogContext } from "../log.ts";
import type { WorkAnswer } from "./ack.ts";
import { createSlackApp } from "./app.ts";
import { loadSlackConfig } from "./config.ts";
import { deliveryIdOf } from "./request.ts";
import { parseSlackBody, type SignedRequest, signatureMatches } from "./verify.ts";

/**
 * The oldest signing time (Slack's, covered by its signature) a work order may carry: Lambda
 * retries a failed asynchronous invocation within minutes; anything older is a replay.
 */
export const WORK_ORDER_MAX_AGE_SECONDS = 15 * 60;

/** Bolt's receiver interface, with nothing to receive: the worker hands Bolt each request itself. */
class WorkerReceiver implements Receiver {
  app?: App;
  init(app: App): void {
    this.app = app;
  }
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
}

export interface SlackWorker {
  /**
   * Runs the listeners on a verified request. Returns what a listener passed to `ack` when it
   * carried something (a modal's validation errors); that is used only by view_submission,
   * which is worked before the response.
   */
  run(request: SignedRequest): Promise<WorkAnswer>;
}

/** Built once per container: configuration (zod; fails naming each bad setting), clients, the Bolt app. */
export function createWorker(
  env: Readonly<Record<string, string | undefined>>,
  log: JsonLogger,
): SlackWorker {
  const config = loadSlackConfig(env);
  const clock = { now: () => new Date() };
  // The worker has no 3-second deadline, but a call that hangs still ends: the same bounded policy.
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
  const receiver = new WorkerReceiver();
  createSlackApp(
    {
      botToken: config.SLACK_BOT_TOKEN,
      botId: config.SLACK_BOT_ID,
      botUserId: config.SLACK_BOT_USER_ID,
      slackApiUrl: config.SLACK_API_URL,
      // No 3-second deadline here (issue #12): a slow post may take up to 8 s, inside the 20 s function timeout.
      webApiTimeoutMs: 8000,
      logLevel: config.LOG_LEVEL,
      logger: { ...boltLog, getLevel: () => boltLog.getLevel() as LogLevel } satisfies BoltLogger,
      receiver,
    },
    {
      pipeline: {
        catalog: builtInCatalog(),
        store: dynamoStores(db, config.TABLE_NAME),
        maxScenarios: maxScenariosFrom(env),
        overlay: new DynamoPriceOverlay(db, config.TABLE_NAME),
        priceBook: new DynamoPriceBookStore(db, config.TABLE_NAME),
        clock,
        log,
        ...(config.WHAT_IF_RETRY_MS ? { retryWithinMs: config.WHAT_IF_RETRY_MS } : {}),
        ...(budgets ? { budgets } : {}),
        costExplorer: lazyCostExplorer(),
        spendCache: new DynamoSpendCache(db, config.TABLE_NAME, clock.now),
      },
      idempotency: new DynamoIdempotencyStore(db, config.TABLE_NAME, clock),
    },
  );
  const app = receiver.app!;
  return {
    async run(request) {
      // The acknowledgement verified it; an invocation from anywhere else must carry Slack's signature too.
      if (!signatureMatches(request, config.SLACK_SIGNING_SECRET)) {
        log.warn("work order without Slack's signature; ignored");
        return undefined;
      }
      // A work order older than this is not Lambda's own retry of a fresh one: a replay.
      const ageSeconds = Math.floor(clock.now().getTime() / 1000) - Number(request.timestamp);
      if (ageSeconds > WORK_ORDER_MAX_AGE_SECONDS) {
        log.warn("work order signed more than 15 minutes ago; refused", { ageSeconds });
        return undefined;
      }
      const body = parseSlackBody(request);
      if (!body) return undefined;
      let answer: WorkAnswer;
      const event: ReceiverEvent = {
        body,
        ...(request.retryNum !== undefined ? { retryNum: request.retryNum } : {}),
        ...(request.retryReason ? { retryReason: request.retryReason } : {}),
        ack: async (response?: unknown) => {
          if (typeof response === "object" && response !== null) answer = response as Record<string, unknown>;
        },
      };
      await withLogContext(deliveryIdOf(body), () => app.processEvent(event));
      return answer;
    },
  };
}
