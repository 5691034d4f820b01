import { describe, expect, it } from "vitest";
import { DynamoPriceBookStore } from "../../../src/adapters/dynamodb/price-book-store.ts";
import { notifyDrift } from "../../../src/app/drift.ts";
import { handleText } from "../../../src/app/pipeline.ts";
import type { Context } from "../../../src/app/ports.ts";
import { builtInCatalog } from "../../../src/core/catalog/index.ts";
import { withLivePrices } from "../../../src/core/catalog/overlay.ts";
import { useEmbeddedDynamo } from "../../adapters/dynamodb/fixtures.ts";
import { chat, usePipeline } from "../support.ts";

const NOW = new Date("2026-12-06T09:00:00Z");

describe("a team's price book", () => {
  const pipeline = usePipeline();
  const dynamo = useEmbeddedDynamo();
  async function setup() {
    const deps = await pipeline.deps(NOW);
    const table = await dynamo.newTable();
    return { ...deps, priceBook: new DynamoPriceBookStore(dynamo.db(), table) };
  }
  const ask = (deps: Awaited<ReturnType<typeof setup>>, text: string, ctx: Context = chat("slack:T1")) =>
    handleText(text, ctx, deps);
  const context = (r: Awaited<ReturnType<typeof ask>>) =>
    (r.blocks.find((b) => b.type === "context") as { text: string }).text;

  it("prices set overrides a key for that tenant only, and every reply that used it says so in its sources", async () => {
    const deps = await setup();
    const set = await ask(deps, "prices set aws.apigw.rest=3.00");
    expect(set.summary).toMatch(
      /^Your price book: `aws.apigw.rest` is now 3.00 USD per 1,000,000 requests \(list 3.50\)/,
    );
    const ours = await ask(deps, "bedrock-api");
    // API: 30,000 calls × 3.00/M = 0.09 (list 3.50/M: 0.105 → 0.11). Total 37.50 + 0.09 + 1.00 = 38.59.
    expect(ours.estimate?.total).toBe("38.59");
    const source = ours.estimate?.sources.find((s) => s.key === "aws.apigw.rest");
    expect(source?.source).toBe(
      "your price book: aws.apigw.rest 3.00 USD per 1,000,000 requests, set by U1 on 2026-12-06",
    );
    expect(context(ours)).toContain(
      "your price book: aws.apigw.rest 3.00 USD per 1,000,000 requests, set by U1 on 2026-12-06",
    );
    // Another tenant pays list: the seed figure, 38.61.
    const theirs = await ask(deps, "bedrock-api", chat("slack:T2"));
    expect(theirs.estimate?.total).toBe("38.61");
    expect(context(theirs)).not.toContain("your price book");
  });

  it("prices book lists what the team overrides, by whom and when; unset removes it", async () => {
    const deps = await setup();
    await ask(deps, "prices set aws.ec2.g4dn.xlarge=0.41");
    const book = await ask(deps, "prices book");
    const table = book.blocks.find((b) => b.type === "table") as unknown as { rows: string[][] };
    expect(table.rows).toEqual([
      ["aws.ec2.g4dn.xlarge", "0.41", "0.526", "USD per instance-hour", "U1", "2026-12-06"],
    ]);
    const unset = await ask(deps, "prices unset aws.ec2.g4dn.xlarge");
    expect(unset.summary).toMatch(/^Removed `aws.ec2.g4dn.xlarge` \(0.41\) from your price book/);
    expect((await ask(deps, "prices book")).summary).toMatch(/^Your price book sets no prices/);
    expect((await ask(deps, "prices unset aws.ec2.g4dn.xlarge")).summary).toBe(
      "`aws.ec2.g4dn.xlarge` is not in your price book",
    );
  });

  it("settings discount=aws:6% takes 6 % off every AWS-billed price, Bedrock models included, not an override", async () => {
    const deps = await setup();
    expect((await ask(deps, "settings discount=aws:6%")).summary).toMatch(/^AWS discount set: 6 % off/);
    await ask(deps, "prices set aws.apigw.rest=3.00");
    const e = (await ask(deps, "bedrock-api model=nova-pro")).estimate!;
    // nova-pro (Bedrock) 15M × 0.80 × 0.94 = 11.28 + 15M × 3.20 × 0.94 = 45.12 → 56.40;
    // API at the team's own 3.00/M (not discounted again): 0.09; S3's assumed 1.00 is not a price. 57.49.
    expect(e.total).toBe("57.49");
    expect(e.sources.find((s) => s.key === "model.nova-pro.input")?.price).toBe(
      "0.752 USD per 1,000,000 input tokens",
    );
    // A model not billed by AWS keeps its list price.
    const openai = (await ask(deps, "bedrock-api model=gpt-4o")).estimate!;
    expect(openai.sources.find((s) => s.key === "model.gpt-4o.input")?.price).toBe(
      "2.5 USD per 1,000,000 input tokens",
    );
    expect((await ask(deps, "settings")).summary).toContain("AWS discount: 6 % off every AWS-billed price");
    await ask(deps, "settings discount=aws:0%");
    expect((await ask(deps, "bedrock-api model=nova-pro")).estimate!.total).toBe("61.09");
  });

  it("bad input: one clear line each, nothing stored", async () => {
    const deps = await setup();
    const lines = [
      await ask(deps, "prices set aws.lambda.request=0.1"),
      await ask(deps, "prices set aws.lambda.requests=-0.1"),
      await ask(deps, "prices set aws.lambda.requests=1e15"),
      await ask(deps, "prices set aws.lambda.requests=0.1TWD"),
      await ask(deps, "prices set aws.lambda.requests"),
      await ask(deps, "settings discount=aws:101%"),
      await ask(deps, "settings discount=aws:-1%"),
      await ask(deps, "settings discount=gcp:5%"),
      // A Slack Connect partner in a shared channel may not change the book.
      await ask(deps, "prices set aws.lambda.requests=0.1", {
        ...chat("slack:T1"),
        member: false,
      } as Context),
      await ask(deps, "settings discount=aws:5%", { ...chat("slack:T1"), member: false } as Context),
    ].map((r) => r.summary);
    expect(lines).toEqual([
      "no price `aws.lambda.request` in the catalog, did you mean `aws.lambda.requests`?",
      "a price is 0 or more (got -0.1); nothing stored",
      "1e15 is beyond what costbot prices (below 1e15); nothing stored",
      "aws.lambda.requests is priced in USD (0.20 USD per 1,000,000 requests); give the amount in USD",
      "prices set needs key=amount, e.g. `prices set aws.ec2.g4dn.xlarge=0.41`",
      "a discount is between 0 and 100 % (got 101%); nothing stored",
      expect.stringMatching(/^a discount is between 0 and 100 %|^discount/),
      "discount is `aws:<percent>`, e.g. `settings discount=aws:6%` (got gcp:5%)",
      "only members of the workspace that installed costbot can change the price book; nothing stored",
      expect.stringMatching(/^only members of /),
    ]);
    expect((await ask(deps, "prices book", { ...chat("slack:T1"), member: false } as Context)).summary).toBe(
      "only members of the workspace that installed costbot can see the price book",
    );
    expect(await deps.priceBook.getPriceBook("slack:T1")).toEqual({ overrides: [] });
  });

  it("a {model} key the model lacks is refused with the reason", async () => {
    const deps = await setup();
    const reply = await ask(deps, "prices set model.llama-3.3-70b.cache_read=0.1");
    expect(reply.summary).toMatch(/^no price `model.llama-3.3-70b.cache_read` in the catalog/);
  });

  it("drift notices compare the prices the tenant pays (its book applied to before and after)", async () => {
    const deps = await setup();
    // The team pays nothing for Nova Pro's output (a made-up deal): input is then most of its bill.
    expect((await ask(deps, "prices set model.nova-pro.output=0")).summary).toMatch(/^Your price book/);
    await ask(deps, "save api bedrock-api model=nova-pro", {
      ...chat("slack:T1"),
      channel: { platform: "slack", channel: "C1" },
    });
    await deps.store.registerTenant("slack:T1");
    const shipped = builtInCatalog();
    // A refresh that takes Nova Pro's input from 0.80 to 1.00 per 1M.
    const after = withLivePrices(
      shipped,
      [{ key: "model.nova-pro.input", value: "1.00", asOf: "2026-12-06", source: "test" }],
      "2026-12-06",
    );
    const posted: unknown[] = [];
    const report = await notifyDrift(shipped, after, "2026-12-06", {
      scenarios: deps.store as never,
      settings: deps.store,
      claims: { claim: async () => true, release: async () => {} } as never,
      notifiers: [
        { platform: "slack", post: async (_t: string, _c: unknown, r: unknown) => void posted.push(r) },
      ] as never,
      log: deps.log,
      books: deps.priceBook,
    });
    expect(report.checked).toBe(1);
    expect(report.notified).toEqual(["slack:T1/api"]);
    // With the book: before 15M × 0.80 = 12.00 + 0 + API 0.11 + S3 1.00 = 13.11; after 15.00 + 0.11 + 1.00
    // = 16.11: +22.9 %. At list it would be 61.11 → 64.11 (+4.9 %), under the 5 % threshold: no notice.
    expect((posted[0] as { summary: string }).summary).toBe(
      "Prices moved api: 13.11 → 16.11 USD / month (+22.9 %)",
    );
    const atList = await notifyDrift(shipped, after, "2026-12-06", {
      scenarios: deps.store as never,
      settings: deps.store,
      claims: { claim: async () => true, release: async () => {} } as never,
      notifiers: [],
      log: deps.log,
    });
    expect(atList.notified).toEqual([]);
  });
});

describe("prices lists the free allowances and the keys AI workloads need", () => {
  const pipeline = usePipeline();

  it("the allowances beyond() and allowance() take are listed beside the prices", async () => {
    const deps = await pipeline.deps(NOW);
    const reply = await handleText("prices sqs", chat("slack:T1"), deps);
    const tables = reply.blocks.filter((b) => b.type === "table") as unknown as { rows: string[][] }[];
    expect(tables[0]!.rows.map((r) => [r[0], r[1], r[2]])).toEqual([
      ["aws.sqs.fifo.requests", "0.50 USD", "1,000,000 requests (FIFO queue)"],
      ["aws.sqs.standard.requests", "0.40 USD", "1,000,000 requests (standard queue)"],
    ]);
    expect(tables[1]!.rows).toEqual([["aws.sqs.free.requests", "1,000,000", "requests/month", "2026-12-06"]]);
    const lambda = await handleText("prices free", chat("slack:T1"), deps);
    const keys = (
      lambda.blocks.filter((b) => b.type === "table").at(-1) as unknown as { rows: string[][] }
    ).rows.map((r) => r[0]);
    expect(keys).toContain("aws.lambda.free.gb-seconds");
    expect(keys).toContain("aws.cloudwatch.free.logs-gb");
  });

  it("each new key is dated, sourced and refreshable from the Price List API", async () => {
    const { PRICE_LIST_QUERIES } = await import("../../../src/adapters/pricing/filters.ts");
    const catalog = builtInCatalog();
    for (const key of [
      "aws.textract.detect-text",
      "aws.textract.tables",
      "aws.textract.forms",
      "aws.textract.queries",
      "aws.opensearch-serverless.indexing-ocu",
      "aws.opensearch-serverless.search-ocu",
      "aws.dynamodb.read",
      "aws.dynamodb.write",
      "aws.cloudwatch.logs-ingested",
      "aws.sqs.standard.requests",
      "aws.stepfunctions.express.requests",
      "aws.stepfunctions.express.gb-second",
      "aws.sagemaker.endpoint.ml.g5.xlarge",
      "aws.s3.put",
      "aws.s3.get",
    ]) {
      const p = catalog.price(key);
      expect(p?.asOf, key).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(p?.source, key).toMatch(/https:\/\/aws\.amazon\.com\//);
      expect(PRICE_LIST_QUERIES[key], key).toBeDefined();
    }
  });
});
