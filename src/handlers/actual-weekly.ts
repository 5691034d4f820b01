/**
 * The `actual-weekly` Lambda, run once a week by an EventBridge schedule (README "Actual spend"):
 * posts `actual` for every tracked scenario where it was saved, naming first any line over its
 * tenant's variance threshold. Fails only when a post failed; Lambda's retry then posts only
 * those (each scenario is claimed per ISO week, and Cost Explorer's answers are cached per day).
 */
import { lazyCostExplorer } from "../adapters/costexplorer/lazy.ts";
import { documentClientFor, LAMBDA_DYNAMO_POLICY } from "../adapters/dynamodb/client.ts";
import { DynamoIdempotencyStore } from "../adapters/dynamodb/idempotency-store.ts";
import { DynamoSpendCache } from "../adapters/dynamodb/spend-cache-store.ts";
import { dynamoStores } from "../adapters/dynamodb/stores.ts";
import { jsonLogger, withLogContext } from "../adapters/log.ts";
import { platformNotifiers } from "../adapters/notifiers.ts";
import { resolveSecretParams, secretsClient } from "../adapters/secrets/ssm.ts";
import { postWeeklyActuals } from "../app/weekly-actual.ts";
import { builtInCatalog } from "../core/catalog/index.ts";

// Either platform's secret may be missing: posts still go to the other (as budget alerts do).
const env = await resolveSecretParams(process.env, secretsClient(), {
  optional: ["SLACK_BOT_TOKEN", "MicrosoftAppPassword"],
});
const log = jsonLogger({ function: "actual-weekly" });
const table = env.TABLE_NAME;
if (!table) throw new Error("actual-weekly configuration: TABLE_NAME (the DynamoDB table) is not set");
const db = documentClientFor(env.DYNAMODB_ENDPOINT, undefined, LAMBDA_DYNAMO_POLICY);
const stores = dynamoStores(db, table);

/** EventBridge's scheduled event; its `time` is the run's instant (a manual run: now). */
interface ScheduledEvent {
  readonly time?: string;
}

export const handler = async (event: ScheduledEvent | undefined, context: { awsRequestId?: string }) =>
  withLogContext({ requestId: context?.awsRequestId }, async () => {
    const at = event?.time && !Number.isNaN(Date.parse(event.time)) ? new Date(event.time) : new Date();
    const clock = { now: () => at };
    const report = await postWeeklyActuals(at, {
      scenarios: stores,
      settings: stores,
      claims: new DynamoIdempotencyStore(db, table),
      notifiers: platformNotifiers(env, stores, log),
      pipeline: {
        catalog: builtInCatalog(),
        store: stores,
        clock,
        log,
        costExplorer: lazyCostExplorer(),
        spendCache: new DynamoSpendCache(db, table, clock.now),
      },
      log,
    });
    log.info("weekly actual", {
      posted: report.posted.length,
      repeated: report.repeated,
      skipped: report.skipped,
      failed: report.failed.length,
    });
    if (report.failed.length)
      throw new Error(`weekly actual: ${report.failed.length} not posted; the retry posts only those`);
    return { posted: report.posted.length };
  });
