/**
 * The `prices` Lambda, run daily by an EventBridge schedule: reads the AWS Price List API for
 * the catalog keys in adapters/pricing/filters.ts and writes the dated live-price overlay.
 * A price that moved by more than 50 % or vanished is not applied; it is logged (level error,
 * "live price held for review") for a person, and the shipped price stays in force.
 */
import { PricingClient } from "@aws-sdk/client-pricing";
import { documentClientFor, LAMBDA_DYNAMO_POLICY } from "../adapters/dynamodb/client.ts";
import { DynamoPriceOverlay } from "../adapters/dynamodb/price-overlay.ts";
import { jsonLogger, withLogContext } from "../adapters/log.ts";
import { AwsPriceList } from "../adapters/pricing/aws-price-list.ts";
import { ecbRates } from "../adapters/pricing/ecb.ts";
import { refreshPrices } from "../app/price-overlay.ts";
import { builtInCatalog } from "../core/catalog/index.ts";

const log = jsonLogger({ function: "prices" });
const table = process.env.TABLE_NAME;
if (!table) throw new Error("prices configuration: TABLE_NAME (the DynamoDB table) is not set");
const catalog = builtInCatalog();
// The Price List Query API is served from us-east-1, wherever the function runs.
const source = new AwsPriceList(new PricingClient({ region: "us-east-1" }), catalog);
const store = new DynamoPriceOverlay(
  documentClientFor(process.env.DYNAMODB_ENDPOINT, undefined, LAMBDA_DYNAMO_POLICY),
  table,
);

export const handler = async (_event: unknown, context: { awsRequestId?: string }) =>
  withLogContext({ requestId: context?.awsRequestId }, async () => {
    const overlay = await refreshPrices(source, store, catalog, new Date(), log, ecbRates());
    return { date: overlay.date, live: overlay.prices.length, held: overlay.held.length };
  });
