import { readFileSync } from "node:fs";
import { GetProductsCommand, PricingClient } from "@aws-sdk/client-pricing";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { DynamoPriceOverlay } from "../../../src/adapters/dynamodb/price-overlay.ts";
import { dynamoStores } from "../../../src/adapters/dynamodb/stores.ts";
import { AwsPriceList } from "../../../src/adapters/pricing/aws-price-list.ts";
import { priceListQueries } from "../../../src/adapters/pricing/filters.ts";
import { handleText } from "../../../src/app/pipeline.ts";
import { refreshPrices } from "../../../src/app/price-overlay.ts";
import { linkThread } from "../../../src/app/threads.ts";
import { builtInCatalog } from "../../../src/core/catalog/index.ts";
import { chat, memoryLogger } from "../../app/support.ts";
import { useEmbeddedDynamo } from "../dynamodb/fixtures.ts";

/** GetProducts answers for eu-central-1 in AWS's format (aws_v1), modelled on the us-east-1 recordings. */
const recorded = (name: string) =>
  JSON.parse(readFileSync(`test/fixtures/pricing/${name}.json`, "utf8")) as {
    FormatVersion: string;
    PriceList: string[];
  };

const pricing = mockClient(PricingClient);
afterEach(() => pricing.reset());
const client = () =>
  new PricingClient({
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDTESTING", secretAccessKey: "test" },
  });
const shipped = builtInCatalog();
const KEYS = [
  "aws.lambda.requests",
  "aws.lambda.gb-second",
  "aws.dynamodb.write",
  "aws.textract.detect-text",
  "aws.s3.standard",
  "model.nova-pro.input",
  "model.nova-pro.output",
];
const someQueries = (region: string) =>
  Object.fromEntries(KEYS.map((k) => [k, priceListQueries(region)[k]!]));
const match = (Field: string, Value: string) => ({ Type: "TERM_MATCH" as const, Field, Value });
const EU = match("regionCode", "eu-central-1");

function answerEuCentral1() {
  pricing
    .on(GetProductsCommand)
    .resolves(recorded("empty"))
    .on(GetProductsCommand, {
      Filters: [EU, match("group", "AWS-Lambda-Requests"), match("usagetype", "EUC1-Request")],
    })
    .resolves(recorded("euc1-lambda-requests"))
    .on(GetProductsCommand, {
      Filters: [EU, match("group", "AWS-Lambda-Duration"), match("usagetype", "EUC1-Lambda-GB-Second")],
    })
    .resolves(recorded("euc1-lambda-gb-second"))
    .on(GetProductsCommand, { ServiceCode: "AmazonDynamoDB" })
    .resolves(recorded("euc1-dynamodb-write"))
    .on(GetProductsCommand, { ServiceCode: "AmazonTextract" })
    .resolves(recorded("euc1-textract-detect-text"))
    .on(GetProductsCommand, {
      ServiceCode: "AmazonBedrock",
      Filters: [
        EU,
        match("model", "Nova Pro"),
        match("feature", "On-demand Inference"),
        match("inferenceType", "Input tokens"),
      ],
    })
    .resolves(recorded("euc1-bedrock-nova-pro-input"))
    .on(GetProductsCommand, {
      ServiceCode: "AmazonBedrock",
      Filters: [
        EU,
        match("model", "Nova Pro"),
        match("feature", "On-demand Inference"),
        match("inferenceType", "Output tokens"),
      ],
    })
    .resolves(recorded("euc1-bedrock-nova-pro-output"));
}

describe("prices refresh for a second region (eu-central-1), against recorded GetProducts answers", () => {
  const dynamo = useEmbeddedDynamo();

  it("sends each key's filters for that region: its regionCode, its billing-code usage types, Bedrock's model filters", async () => {
    answerEuCentral1();
    await new AwsPriceList(client(), shipped, someQueries).fetchAll("eu-central-1");
    const calls = pricing.commandCalls(GetProductsCommand).map((c) => c.args[0].input);
    const ask = (ServiceCode: string, ...Filters: object[]) => ({
      ServiceCode,
      FormatVersion: "aws_v1",
      MaxResults: 10,
      Filters,
    });
    expect(calls).toEqual([
      ask("AWSLambda", EU, match("group", "AWS-Lambda-Requests"), match("usagetype", "EUC1-Request")),
      ask(
        "AWSLambda",
        EU,
        match("group", "AWS-Lambda-Duration"),
        match("usagetype", "EUC1-Lambda-GB-Second"),
      ),
      ask("AmazonDynamoDB", EU, match("usagetype", "EUC1-WriteRequestUnits")),
      ask("AmazonTextract", EU, match("usagetype", "EUC1-SyncTextPagesProcessed")),
      ask("AmazonS3", EU, match("usagetype", "EUC1-TimedStorage-ByteHrs"), match("volumeType", "Standard")),
      ask(
        "AmazonBedrock",
        EU,
        match("model", "Nova Pro"),
        match("feature", "On-demand Inference"),
        match("inferenceType", "Input tokens"),
      ),
      ask(
        "AmazonBedrock",
        EU,
        match("model", "Nova Pro"),
        match("feature", "On-demand Inference"),
        match("inferenceType", "Output tokens"),
      ),
    ]);
  });

  it("us-east-1 keeps its unprefixed usage types; Textract's carry USE1-", () => {
    const q = priceListQueries("us-east-1");
    expect(q["aws.lambda.requests"]!.filters.usagetype).toBe("Request");
    expect(q["aws.textract.forms"]!.filters).toEqual({
      regionCode: "us-east-1",
      usagetype: "USE1-SyncFormsPagesProcessed",
    });
    // eu-west-1's billing code is EU, ap-south-1's APS3 (AWS's Region billing codes).
    expect(priceListQueries("eu-west-1")["aws.dynamodb.read"]!.filters.usagetype).toBe("EU-ReadRequestUnits");
    expect(priceListQueries("ap-south-1")["aws.sqs.standard.requests"]!.filters.usagetype).toBe(
      "APS3-Requests-Tier1",
    );
  });

  it("stores the region's overlay beside us-east-1's, remembers the region, and estimates there name it", async () => {
    answerEuCentral1();
    const table = await dynamo.newTable();
    const overlays = new DynamoPriceOverlay(dynamo.db(), table);
    const log = memoryLogger();
    const now = new Date("2026-12-06T06:00:00Z");
    const source = new AwsPriceList(client(), shipped, someQueries);
    const overlay = await refreshPrices(source, overlays, shipped, now, log, undefined, "eu-central-1");
    expect(overlay.region).toBe("eu-central-1");
    expect(overlay.prices.map((p) => [p.key, p.value, p.asOf])).toEqual([
      // 0.0000002 USD per request × 1,000,000 = 0.2 per 1M requests.
      ["aws.lambda.requests", "0.2", "2026-11-01"],
      ["aws.lambda.gb-second", "0.0000166667", "2026-11-01"],
      // 0.0000007625 per write unit × 1,000,000 = 0.7625 per 1M.
      ["aws.dynamodb.write", "0.7625", "2026-11-01"],
      // 0.0015 per page × 1,000 = 1.5 per 1,000 pages (the first tier).
      ["aws.textract.detect-text", "1.5", "2026-11-01"],
      // 0.00105 per 1K tokens ÷ 1,000 × 1,000,000 = 1.05 per 1M; output 0.0042 → 4.2.
      ["model.nova-pro.input", "1.05", "2026-11-01"],
      ["model.nova-pro.output", "4.2", "2026-11-01"],
    ]);
    expect(overlay.held.map((h) => h.key)).toEqual(["aws.s3.standard"]);
    expect(await overlays.getOverlay()).toBeUndefined();
    expect((await overlays.getOverlay("eu-central-1"))?.prices).toHaveLength(6);
    expect(await overlays.regionsUsed()).toEqual(["eu-central-1"]);

    const deps = {
      catalog: shipped,
      store: { putThread: async () => {}, getThread: async () => undefined } as never,
      clock: { now: () => now },
      log,
      overlay: overlays,
    };
    const reply = await handleText("bedrock-api model=nova-pro region=eu-central-1", chat("slack:T1"), deps);
    // 30,000 calls × 500 tokens = 15M in × 1.05/M = 15.75, 15M out × 4.2/M = 63.00 → 78.75;
    // API Gateway REST has no eu-central-1 price here: us-east-1's 30,000 × 3.50/M = 0.105 → 0.11;
    // Lambda inside the free tier 0.00; S3 1.00. Total 79.86 (us-east-1: 60.00 + 0.11 + 1.00 = 61.11).
    expect(reply.estimate?.total).toBe("79.86");
    expect(reply.estimate?.region).toBe("eu-central-1");
    expect(reply.estimate?.notes).toContain(
      "priced at us-east-1 (no eu-central-1 price yet): aws.apigw.rest",
    );
    const context = reply.blocks.find((b) => b.type === "context") as { text: string };
    expect(context.text).toContain("AWS prices for eu-central-1");
    const home = await handleText("bedrock-api model=nova-pro", chat("slack:T1"), deps);
    expect(home.estimate?.total).toBe("61.11");
    expect(home.estimate?.region).toBeUndefined();

    // A what-if in the thread keeps the thread's region.
    const threads = { ...deps, store: dynamoStores(dynamo.db(), table) };
    const thread = chat("slack:T1", { channel: "C1", thread: "1.0" });
    const first = await handleText("bedrock-api model=nova-pro region=eu-central-1", thread, threads);
    expect(first.estimate?.total).toBe("79.86");
    await linkThread(thread, { channel: "C1", thread: "1.0" }, first, threads);
    const whatIf = await handleText("what if devs=20", thread, threads);
    // 60,000 calls: 30M × 1.05/M = 31.50 + 30M × 4.2/M = 126.00 → 157.50; API 60,000 × 3.50/M = 0.21;
    // S3 1.00: 158.71.
    expect(whatIf.estimate?.total).toBe("158.71");
    expect(whatIf.estimate?.region).toBe("eu-central-1");
  });

  it("a region with no overlay yet is refused with how to refresh it, and remembered for the daily refresh", async () => {
    const table = await dynamo.newTable();
    const overlays = new DynamoPriceOverlay(dynamo.db(), table);
    const deps = {
      catalog: shipped,
      store: undefined as never,
      clock: { now: () => new Date() },
      log: memoryLogger(),
      overlay: overlays,
    };
    const reply = await handleText("bedrock-api region=ap-northeast-1", chat("slack:T1"), deps);
    expect(reply.summary).toMatch(
      /^no ap-northeast-1 prices yet: .*`costbot prices refresh region=ap-northeast-1`.*daily refresh, which now includes ap-northeast-1/,
    );
    expect(reply.estimate).toBeUndefined();
    expect(await overlays.regionsUsed()).toEqual(["ap-northeast-1"]);
  });

  it("an unknown region is answered with the close ones", async () => {
    const reply = await handleText("bedrock-api region=eu-centrl-1", chat("slack:T1"), {
      catalog: shipped,
      store: undefined as never,
      clock: { now: () => new Date() },
      log: memoryLogger(),
    });
    expect(reply.summary).toMatch(/^unknown AWS region `eu-centrl-1`; close ones: eu-central-1/);
  });
});
