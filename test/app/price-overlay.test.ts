import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DynamoPriceOverlay } from "../../src/adapters/dynamodb/price-overlay.ts";
import { handleText } from "../../src/app/pipeline.ts";
import { type FetchedPrice, type PriceListSource, PriceListUnavailable } from "../../src/app/ports.ts";
import { buildOverlay, cachedOverlay, livePrices } from "../../src/app/price-overlay.ts";
import { parseEcbDaily } from "../../src/core/catalog/ecb.ts";
import { builtInCatalog } from "../../src/core/catalog/index.ts";
import { useEmbeddedDynamo } from "../adapters/dynamodb/fixtures.ts";
import { chat, memoryLogger } from "./support.ts";

const shipped = builtInCatalog();
const NOW = new Date("2026-11-23T06:00:00Z");
const q = "test query";
const FETCHED: FetchedPrice[] = [
  { key: "aws.ec2.t3.medium", value: "0.042", asOf: "2026-11-01", query: q },
  { key: "aws.lambda.requests", value: "0.2", asOf: "2026-11-01", query: q },
  { key: "aws.apigw.rest", value: "7", asOf: "2026-11-01", query: q },
  { key: "aws.s3.standard", query: q },
  // Shipped 0.0832: +50 % exactly is 0.1248 (applied); 0.1664 for t3.xlarge is shipped, 0.2497 is +50.06 %.
  { key: "aws.ec2.t3.large", value: "0.1248", asOf: "2026-11-01", query: q },
  { key: "aws.ec2.t3.xlarge", value: "0.2497", asOf: "2026-11-01", query: q },
];

describe("the live-price overlay", () => {
  it("applies a price that moved by at most 50 %, holds a bigger move or a vanished product", () => {
    const overlay = buildOverlay(shipped, FETCHED, NOW);
    expect(overlay.date).toBe("2026-11-23");
    expect(overlay.prices.map((p) => [p.key, p.value])).toEqual([
      ["aws.ec2.t3.medium", "0.042"],
      ["aws.lambda.requests", "0.2"],
      ["aws.ec2.t3.large", "0.1248"],
    ]);
    expect(overlay.held).toEqual([
      // (7 − 3.50) / 3.50 = 100 %.
      { key: "aws.apigw.rest", shipped: "3.50", fetched: "7", reason: "moved 100 % (more than 50 %)" },
      { key: "aws.s3.standard", shipped: "0.023", reason: "vanished from the price list (test query)" },
      // (0.2497 − 0.1664) / 0.1664 = 0.500601… → 50.1 %.
      {
        key: "aws.ec2.t3.xlarge",
        shipped: "0.1664",
        fetched: "0.2497",
        reason: "moved 50.1 % (more than 50 %)",
      },
    ]);
  });

  const dynamo = useEmbeddedDynamo();
  const source = (fetched: FetchedPrice[]): PriceListSource => ({ fetchAll: async () => fetched });

  it("is stored dated on DynamoDB (dynalite) and read back", async () => {
    const table = await dynamo.newTable();
    const store = new DynamoPriceOverlay(dynamo.db(), table);
    expect(await store.getOverlay()).toBeUndefined();
    const overlay = buildOverlay(shipped, FETCHED, NOW);
    await store.putOverlay(overlay);
    expect(await store.getOverlay()).toEqual(overlay);
    const dated = await dynamo.db().send(
      new (await import("@aws-sdk/lib-dynamodb")).GetCommand({
        TableName: table,
        Key: { pk: "PRICES", sk: "OVERLAY#2026-11-23" },
      }),
    );
    expect(dated.Item?.overlay).toEqual(overlay);
  });

  it("prices refresh stores it and logs each held price; estimates then price at the live value and say so", async () => {
    const table = await dynamo.newTable();
    const log = memoryLogger();
    const deps = {
      catalog: shipped,
      store: undefined as never,
      clock: { now: () => NOW },
      log,
      overlay: new DynamoPriceOverlay(dynamo.db(), table),
      priceList: async () => source(FETCHED),
    };
    const refresh = await handleText("prices refresh", chat("cli:local"), deps);
    expect(refresh.status).toBe(0);
    expect(refresh.summary).toBe("3 live prices from the AWS Price List API (2026-11-23); 3 held for review");
    expect(log.errors).toHaveLength(3);
    expect(log.errors[0]).toMatchObject({
      message: "live price held for review, shipped price kept",
      key: "aws.apigw.rest",
    });

    const reply = await handleText(
      "gpu-platform --json",
      { ...chat("cli:local"), surface: "cli" },
      {
        ...deps,
        store: { putThread: async () => {}, getThread: async () => undefined } as never,
      },
    );
    // dev preset: 2 t3.medium workers × 730 h × 0.042 (live) = 61.32, was 60.736 → 60.74;
    // total 201.04 − 60.74 + 61.32 = 201.62.
    expect(reply.estimate?.lines.find((l) => l.id === "workers")?.amount).toBe("61.32");
    expect(reply.estimate?.total).toBe("201.62");
    const context = reply.blocks.find((b) => b.type === "context") as { text: string };
    expect(context.text).toContain("1 live from the AWS Price List API (fetched 2026-11-23)");
    // S3 vanished: its shipped price stays in force.
    expect(reply.estimate?.sources.find((s) => s.key === "aws.s3.standard")).toMatchObject({
      price: expect.stringContaining("0.023"),
    });
    expect(reply.estimate?.sources.find((s) => s.key === "aws.s3.standard")?.live).toBeUndefined();

    const listed = await handleText("prices aws.ec2.t3", chat("cli:local"), deps);
    const rows = (listed.blocks.find((b) => b.type === "table") as { rows: readonly (readonly string[])[] })
      .rows;
    expect(rows.map((r) => [r[0], r[1], r[3]])).toEqual([
      ["aws.ec2.t3.large", "0.1248 USD", "2026-11-01 (AWS Price List API, live)"],
      ["aws.ec2.t3.medium", "0.042 USD", "2026-11-01 (AWS Price List API, live)"],
      ["aws.ec2.t3.xlarge", "0.1664 USD", "2026-11-23 (https://aws.amazon.com/ec2/pricing/on-demand/)"],
    ]);
  });

  it("prices refresh without credentials: status 1 and one line", async () => {
    const reply = await handleText("prices refresh", chat("cli:local"), {
      catalog: shipped,
      store: undefined as never,
      clock: { now: () => NOW },
      log: memoryLogger(),
      priceList: async () => ({
        fetchAll: async () => {
          throw new PriceListUnavailable("no AWS credentials: test");
        },
      }),
    });
    expect(reply.status).toBe(1);
    expect(reply.summary).toBe("no AWS credentials: test");
  });
});

describe("exchange rates in replies", () => {
  const dynamo = useEmbeddedDynamo();
  const cli = { ...chat("cli:local"), surface: "cli" as const };
  const noThreads = { putThread: async () => {}, getThread: async () => undefined } as never;

  it("a reply not in USD carries the rate it used, with its source and date (text, Block Kit, cards and --json share it)", async () => {
    const deps = { catalog: shipped, store: noThreads, clock: { now: () => NOW }, log: memoryLogger() };
    const twd = await handleText("bedrock-api currency=TWD", cli, deps);
    expect(twd.estimate?.rate).toEqual({
      currency: "TWD",
      perUsd: "32",
      source: "seed 003_14a7828d5ee22325.txt",
      asOf: "2026-02-07",
    });
    const context = (r: typeof twd) => (r.blocks.find((b) => b.type === "context") as { text: string }).text;
    expect(context(twd)).toContain("1 USD = 32 TWD (seed 003, 2026-02-07)");
    const cny = await handleText("bedrock-api currency=CNY", cli, deps);
    expect(context(cny)).toContain("1 USD = 7.3 CNY (seed 000, undated)");
    const usd = await handleText("bedrock-api", cli, deps);
    expect(usd.estimate?.rate).toBeUndefined();
    expect(context(usd)).not.toContain("1 USD =");
  });

  it("prices refresh takes the ECB's rates (a move over 50 % held), and replies then use them", async () => {
    const table = await dynamo.newTable();
    const log = memoryLogger();
    const ecb = parseEcbDaily(readFileSync("test/fixtures/ecb/eurofxref-daily.xml", "utf8"));
    const deps = {
      catalog: shipped,
      store: noThreads,
      clock: { now: () => NOW },
      log,
      overlay: new DynamoPriceOverlay(dynamo.db(), table),
      priceList: async () => ({ fetchAll: async () => [] }),
      // CNY as published; a TWD rate of 64 (+100 % on seed 003's 32) is held.
      rateSource: async () => [
        ...ecb,
        { currency: "TWD" as const, perUsd: "64", source: "test", asOf: "2026-12-03" },
      ],
    };
    const refresh = await handleText("prices refresh", cli, deps);
    expect(refresh.summary).toBe("0 live prices from the AWS Price List API (2026-11-23); 1 held for review");
    const eur = await handleText("bedrock-api currency=EUR --json", cli, deps);
    expect(eur.estimate?.rate).toMatchObject({ currency: "EUR", perUsd: "0.858369", asOf: "2026-12-03" });
    // Lines in EUR at 0.858369: bedrock 37.50 × r = 32.1888… → 32.19; api 0.105 × r = 0.0901… → 0.09;
    // s3 1.00 × r = 0.858369 → 0.86; lambda 0.00. Total 33.14.
    expect(eur.estimate?.total).toBe("33.14");
    const twd = await handleText("bedrock-api currency=TWD", cli, deps);
    expect(twd.estimate?.rate?.perUsd).toBe("32");
  });
});

describe("reading the overlay", () => {
  it("one read serves concurrent requests and the next ten minutes; a failed read keeps the last overlay", async () => {
    let reads = 0;
    let fail = false;
    const overlay = buildOverlay(shipped, FETCHED, NOW);
    const store = {
      getOverlay: async () => {
        reads++;
        if (fail) throw new Error("table unreachable");
        return overlay;
      },
      putOverlay: async () => {},
    };
    let clock = 0;
    const errors: unknown[] = [];
    const read = cachedOverlay(
      store,
      () => clock,
      (e) => errors.push(e),
    );
    expect(await Promise.all([read(), read(), read()])).toEqual([overlay, overlay, overlay]);
    expect(reads).toBe(1);
    clock = 9 * 60_000;
    await read();
    expect(reads).toBe(1);
    clock = 10 * 60_000;
    fail = true;
    expect(await read()).toEqual(overlay);
    expect([reads, errors.length]).toEqual([2, 1]);
  });
});

describe("the tenant's prices", () => {
  it("the price book is asked for beside the overlay, not after it answered", async () => {
    const asked: string[] = [];
    let answer: (o: undefined) => void = () => {};
    const overlay = {
      getOverlay: () => {
        asked.push("overlay");
        return new Promise<undefined>((resolve) => (answer = resolve));
      },
      putOverlay: async () => {},
    };
    const priceBook = {
      getPriceBook: async () => {
        asked.push("book");
        return { overrides: [], discount: { scope: "aws" as const, percent: "10", setBy: "U1", setAt: "x" } };
      },
      setPrice: async () => undefined,
      unsetPrice: async () => undefined,
      setDiscount: async () => {},
    };
    const priced = livePrices(
      { catalog: shipped, overlay, priceBook, log: memoryLogger() },
      { tenant: "slack:T1" },
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect([...asked].sort()).toEqual(["book", "overlay"]);
    answer(undefined);
    // The book still applies: 10 % off an AWS price.
    const { catalog } = await priced;
    expect(catalog.price("aws.lambda.requests")?.value).not.toBe(shipped.price("aws.lambda.requests")?.value);
  });
});
