/**
 * The `prices` Lambda, run daily by an EventBridge schedule: reads the AWS Price List API for
 * the catalog keys in adapters/pricing/filters.ts and writes the dated live-price overlay, for
 * us-east-1 and every region a tenant has priced in (`region=`).
 * A price that moved by more than 50 % or vanished is not applied; it is logged (level error,
 * "live price held for review") for a person, and the shipped price stays in force.
 *
 * Then drift notices: each scenario saved from chat whose total the refresh moved by more than
 * its tenant's threshold gets one message where it was saved (app/drift.ts). The function fails
 * only when a notice could not be posted; Lambda's retry of the scheduled invocation then posts
 * only the missing ones (each notice is claimed per scenario and overlay date).
 */
import { PricingClient } from "@aws-sdk/client-pricing";
import { documentClientFor, LAMBDA_DYNAMO_POLICY } from "../adapters/dynamodb/client.ts";
import { DynamoIdempotencyStore } from "../adapters/dynamodb/idempotency-store.ts";
import { DynamoPriceBookStore } from "../adapters/dynamodb/price-book-store.ts";
import { DynamoPriceOverlay } from "../adapters/dynamodb/price-overlay.ts";
import { dynamoStores } from "../adapters/dynamodb/stores.ts";
import { jsonLogger, withLogContext } from "../adapters/log.ts";
import { platformNotifiers } from "../adapters/notifiers.ts";
import { AwsPriceList } from "../adapters/pricing/aws-price-list.ts";
import { ecbRates } from "../adapters/pricing/ecb.ts";
import { resolveSecretParams, secretsClient } from "../adapters/secrets/ssm.ts";
import { notifyDrift } from "../app/drift.ts";
import { catalogWithOverlay, refreshPrices } from "../app/price-overlay.ts";
import { builtInCatalog } from "../core/catalog/index.ts";

// Either platform's secret may be missing: notices still go to the other (as budget alerts do).
const env = await resolveSecretParams(process.env, secretsClient(), {
  optional: ["SLACK_BOT_TOKEN", "MicrosoftAppPassword"],
});
const log = jsonLogger({ function: "prices" });
const table = env.TABLE_NAME;
if (!table) throw new Error("prices configuration: TABLE_NAME (the DynamoDB table) is not set");
const catalog = builtInCatalog();
// The Price List Query API is served from us-east-1, wherever the function runs.
const source = new AwsPriceList(new PricingClient({ region: "us-east-1" }), catalog);
const db = documentClientFor(env.DYNAMODB_ENDPOINT, undefined, LAMBDA_DYNAMO_POLICY);
const overlays = new DynamoPriceOverlay(db, table);
const stores = dynamoStores(db, table);
const drift = {
  books: new DynamoPriceBookStore(db, table),
  scenarios: stores,
  settings: stores,
  claims: new DynamoIdempotencyStore(db, table),
  notifiers: platformNotifiers(env, stores, log),
  log,
};

/** EventBridge's scheduled event; its `time` is the refresh's instant (a manual run: now). */
interface ScheduledEvent {
  readonly time?: string;
}

export const handler = async (event: ScheduledEvent | undefined, context: { awsRequestId?: string }) =>
  withLogContext({ requestId: context?.awsRequestId }, async () => {
    const at = event?.time && !Number.isNaN(Date.parse(event.time)) ? new Date(event.time) : new Date();
    // The prices in force before this day's refresh (a re-run the same day compares with the same).
    const previous = await overlays.getOverlayBefore(at.toISOString().slice(0, 10));
    const overlay = await refreshPrices(source, overlays, catalog, at, log, ecbRates());
    const report = await notifyDrift(
      catalogWithOverlay(catalog, previous),
      catalogWithOverlay(catalog, overlay),
      overlay.date,
      drift,
    );
    // Every region a tenant has priced in (README "Prices: the catalog", "Regions"); one failing
    // region is logged and the others still refresh.
    const regions: string[] = [];
    for (const region of await overlays.regionsUsed()) {
      try {
        await refreshPrices(source, overlays, catalog, at, log, undefined, region);
        regions.push(region);
      } catch (error) {
        log.error("region not refreshed", { region, error: String(error) });
      }
    }
    log.info("drift notices", {
      date: overlay.date,
      checked: report.checked,
      notified: report.notified.length,
      repeated: report.repeated,
      skipped: report.skipped,
      failed: report.failed.length,
    });
    if (report.failed.length)
      throw new Error(`drift notices: ${report.failed.length} not posted; the retry posts only those`);
    return {
      date: overlay.date,
      live: overlay.prices.length,
      held: overlay.held.length,
      notified: report.notified.length,
      regions,
    };
  });
