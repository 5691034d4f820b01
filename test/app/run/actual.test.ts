import { CostExplorerClient } from "@aws-sdk/client-cost-explorer";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AwsCostExplorer } from "../../../src/adapters/costexplorer/cost-explorer.ts";
import { DynamoSpendCache } from "../../../src/adapters/dynamodb/spend-cache-store.ts";
import { replyJson } from "../../../src/adapters/render/json.ts";
import { handleText } from "../../../src/app/pipeline.ts";
import type { ActualReport } from "../../../src/core/actual.ts";
import { useEmbeddedDynamo } from "../../adapters/dynamodb/fixtures.ts";
import {
  costAndUsage,
  costForecast,
  type FakeCostExplorer,
  startFakeCostExplorer,
} from "../../fixtures/costexplorer/fake-cost-explorer.ts";
import { chat, usePipeline } from "../support.ts";

/** The `actual` reply's data, as --json prints it. */
type ActualData = ActualReport & { currency: string; scenario: string; filter: unknown; notes: string[] };

const pipeline = usePipeline();
const dynamo = useEmbeddedDynamo();
let fake: FakeCostExplorer;
beforeAll(async () => {
  fake = await startFakeCostExplorer();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
});

const SAVED = new Date("2026-11-02T09:00:00Z");
const slack = chat("slack:T1");

/** The pipeline on dynalite, Cost Explorer on loopback (no retries: a test asserts each request). */
async function depsAt(now: Date) {
  const deps = await pipeline.deps(SAVED);
  const client = new CostExplorerClient({
    region: "us-east-1",
    endpoint: fake.url,
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "example" },
    maxAttempts: 1,
  });
  const table = await dynamo.newTable();
  return {
    saved: deps,
    asked: {
      ...deps,
      clock: { now: () => now },
      costExplorer: new AwsCostExplorer(client),
      spendCache: new DynamoSpendCache(dynamo.db(), table, () => now),
    },
  };
}

async function tracked(now: Date, track = "track va tag=app:voice") {
  const { saved, asked } = await depsAt(now);
  expect((await handleText("save va voice-agent", slack, saved)).status).toBe(0);
  expect((await handleText(track, slack, asked)).status).toBe(0);
  return asked;
}

const NOVEMBER = { start: "2026-11-01", end: "2026-12-01" };

describe("actual <scenario>", () => {
  it("a past month: one GetCostAndUsage, MONTHLY UnblendedCost by SERVICE under the tag, and no forecast", async () => {
    const deps = await tracked(new Date("2026-12-10T08:00:00Z"));
    fake.answer("GetCostAndUsage", {
      json: costAndUsage(NOVEMBER, {
        "Amazon Bedrock": "26843.2012345678",
        "Amazon Transcribe": "6610.5",
        "Amazon Route 53": "3.5",
      }),
    });
    const reply = await handleText("actual va month=2026-11 --json", slack, deps);
    expect(reply.status).toBe(0);
    expect(fake.requests).toEqual([
      {
        operation: "GetCostAndUsage",
        body: {
          TimePeriod: { Start: "2026-11-01", End: "2026-12-01" },
          Granularity: "MONTHLY",
          Metrics: ["UnblendedCost"],
          GroupBy: [{ Type: "DIMENSION", Key: "SERVICE" }],
          Filter: { Tags: { Key: "app", Values: ["voice"], MatchOptions: ["EQUALS"] } },
        },
      },
    ]);
    const json = replyJson(reply) as unknown as ActualData;
    expect(Object.keys(json)).toEqual([
      "kind",
      "scenario",
      "template",
      "month",
      "currency",
      "filter",
      "complete",
      "daysElapsed",
      "daysInMonth",
      "lines",
      "unmatched",
      "total",
      "calibration",
      "notes",
    ]);
    expect(json).toMatchObject({
      kind: "actual",
      scenario: "va",
      template: "voice-agent",
      month: "2026-11",
      currency: "USD",
      filter: { tag: { key: "app", value: "voice" } },
      complete: true,
      daysElapsed: 30,
      daysInMonth: 30,
    });
    // voice-agent at defaults: LLM 24,192.00; 26843.2012345678 − 24192 = 2651.20 (+10.96 % → 11.0).
    expect(json.lines[0]).toEqual({
      id: "llm",
      label: "LLM (nova-pro)",
      services: ["Amazon Bedrock"],
      estimate: "24192.00",
      actual: "26843.20",
      projected: "26843.20",
      difference: "2651.20",
      differencePct: "11.0",
    });
    expect(json.lines.find((l) => l.id === "rtc")).toMatchObject({
      actual: null,
      services: [],
    });
    // EKS was not in the answer: zero spend, 72.00 under its estimate.
    expect(json.lines.find((l) => l.id === "eks")).toMatchObject({
      actual: "0.00",
      difference: "-72.00",
    });
    expect(json.unmatched).toEqual([{ service: "Amazon Route 53", actual: "3.50" }]);
    // Estimate of the AWS lines: 55,038.32 − Agora's 1,364.38 = 53,673.94.
    // Actual: 26843.2012345678 + 6610.5 + 3.5 = 33457.2012… → 33457.20.
    expect(json.total).toEqual({
      estimate: "53673.94",
      actual: "33457.20",
      projected: "33457.20",
      forecast: null,
    });
    // 1000 users × 26843.20 / 24192.00 = 1109.59 → 1110.
    expect(json.calibration).toEqual({ line: "llm", label: "LLM (nova-pro)", key: "users", value: "1110" });
  });

  it("the current month (fixed clock 2026-12-06): days 1-5 asked, the rest forecast, the projection pro rata", async () => {
    const deps = await tracked(
      new Date("2026-12-06T15:00:00Z"),
      "track va tag=app:voice account=123456789012",
    );
    fake.answer("GetCostAndUsage", {
      json: costAndUsage({ start: "2026-12-01", end: "2026-12-06" }, { "Amazon Polly": "3500.5" }, true),
    });
    fake.answer("GetCostForecast", {
      json: costForecast({ start: "2026-12-06", end: "2027-01-01" }, "48000.00"),
    });
    const reply = await handleText("actual va", slack, deps);
    expect(reply.status).toBe(0);
    const filter = {
      And: [
        { Tags: { Key: "app", Values: ["voice"], MatchOptions: ["EQUALS"] } },
        { Dimensions: { Key: "LINKED_ACCOUNT", Values: ["123456789012"] } },
      ],
    };
    expect(fake.requests).toEqual([
      {
        operation: "GetCostAndUsage",
        body: {
          TimePeriod: { Start: "2026-12-01", End: "2026-12-06" },
          Granularity: "MONTHLY",
          Metrics: ["UnblendedCost"],
          GroupBy: [{ Type: "DIMENSION", Key: "SERVICE" }],
          Filter: filter,
        },
      },
      {
        operation: "GetCostForecast",
        body: {
          TimePeriod: { Start: "2026-12-06", End: "2027-01-01" },
          Granularity: "MONTHLY",
          Metric: "UNBLENDED_COST",
          Filter: filter,
        },
      },
    ]);
    const data = reply.data as ActualData;
    // Polly: 3500.5 / 5 × 31 = 21703.10 against 21,600.00 → +103.10, +0.477 % → +0.5.
    expect(data.lines.find((l) => l.id === "tts")).toMatchObject({
      actual: "3500.50",
      projected: "21703.10",
      difference: "103.10",
      differencePct: "0.5",
    });
    // Forecast: 3500.50 so far + 48,000.00 for Dec 6-31 = 51,500.50.
    expect(data.total).toMatchObject({ actual: "3500.50", projected: "21703.10", forecast: "51500.50" });
    expect(data).toMatchObject({ complete: false, daysElapsed: 5, daysInMonth: 31 });
    const chart = reply.blocks.find((b) => b.type === "bars");
    expect(chart?.type === "bars" && chart.chart?.series.map((s) => s.name)).toEqual([
      "estimate",
      "projected",
    ]);

    // Asked again the same day: the answer comes from the cache, Cost Explorer is not asked.
    await handleText("actual va", slack, deps);
    expect(fake.requests).toHaveLength(2);
  });

  it("a filter that matches nothing is zero spend, said plainly", async () => {
    const deps = await tracked(new Date("2026-12-10T08:00:00Z"));
    fake.answer("GetCostAndUsage", {
      json: {
        ...(costAndUsage(NOVEMBER, {}) as object),
        ResultsByTime: [
          { TimePeriod: { Start: "2026-11-01", End: "2026-12-01" }, Total: {}, Groups: [], Estimated: false },
        ],
      },
    });
    const reply = await handleText("actual va month=2026-11", slack, deps);
    expect(reply.status).toBe(0);
    expect((reply.data as { total: { actual: string } }).total.actual).toBe("0.00");
    expect(JSON.stringify(reply.blocks)).toContain(
      "Cost Explorer found no spend under tag app=voice in November 2026. That is an answer, not an error",
    );
  });

  it("in TWD: the USD actuals converted at the catalog's rate, and the reply says so", async () => {
    const deps = await tracked(new Date("2026-12-10T08:00:00Z"));
    fake.answer("GetCostAndUsage", { json: costAndUsage(NOVEMBER, { "Amazon Transcribe": "6610.5" }) });
    const reply = await handleText("actual va month=2026-11 currency=TWD", slack, deps);
    const data = reply.data as ActualData;
    // The catalog's rate: 1 USD = 32 TWD (seed 003). Transcribe: 6,750.00 USD × 32 = 216,000.00 TWD
    // estimated; 6,610.50 USD × 32 = 211,536.00 TWD billed; −4,464.00, −2.0667 % → −2.1.
    const stt = data.lines.find((l) => l.id === "stt")!;
    expect(stt).toMatchObject({
      estimate: "216000.00",
      actual: "211536.00",
      difference: "-4464.00",
      differencePct: "-2.1",
    });
    expect(data.currency).toBe("TWD");
    expect(JSON.stringify(reply.blocks)).toContain(
      "Cost Explorer reports USD; shown in TWD at 1 USD = 32 TWD (seed 003, 2026-02-07)",
    );
  });
});

describe("actual: bad input and refusals", () => {
  it("an untracked scenario says how to track it, and asks Cost Explorer nothing", async () => {
    const { saved } = await depsAt(new Date("2026-12-10T08:00:00Z"));
    await handleText("save va voice-agent", slack, saved);
    const reply = await handleText("actual va", slack, saved);
    expect(reply.status).toBe(2);
    expect(reply.summary).toBe("`va` is not linked to an AWS bill");
    expect(reply.hint).toContain("track va tag=<key>:<value>");
    expect(fake.requests).toEqual([]);
  });

  it("months it cannot answer: malformed, not begun, before the scenario was saved, older than 13 months", async () => {
    const deps = await tracked(new Date("2026-12-10T08:00:00Z"));
    expect((await handleText("actual va month=2026-13", slack, deps)).summary).toBe(
      "`month=2026-13` is not a month: YYYY-MM, e.g. `month=2026-11`",
    );
    expect((await handleText("actual va month=2027-01", slack, deps)).summary).toBe(
      "January 2027 has not begun; the latest is December 2026",
    );
    const before = await handleText("actual va month=2026-10", slack, deps);
    expect(before.summary).toBe("`va` was saved on 2026-11-02: there was no estimate for October 2026");
    expect((await handleText("actual va month=2025-11", slack, deps)).summary).toBe(
      "Cost Explorer keeps 13 months of spend: November 2025 is too long ago",
    );
    expect(fake.requests).toEqual([]);
  });

  it("AccessDenied is one line naming the permission; throttling says to try again", async () => {
    const deps = await tracked(new Date("2026-12-10T08:00:00Z"));
    fake.answer("GetCostAndUsage", {
      status: 400,
      error: "AccessDeniedException",
      message:
        "User: arn:aws:sts::123456789012:assumed-role/costbot-slack is not authorized to perform: ce:GetCostAndUsage",
    });
    const denied = await handleText("actual va month=2026-11", slack, deps);
    expect(denied.status).toBe(1);
    expect(denied.summary).toBe(
      "Cost Explorer refused: this role may not call ce:GetCostAndUsage (IAM). Grant ce:GetCostAndUsage and ce:GetCostForecast.",
    );
    fake.answer("GetCostAndUsage", {
      status: 400,
      error: "LimitExceededException",
      message: "Rate exceeded",
    });
    const throttled = await handleText("actual va month=2026-11", slack, deps);
    expect(throttled.summary).toBe("Cost Explorer is throttling requests just now; try again in a minute.");
  });

  it("a team's own workload changed since: the reply names the version that was estimated", async () => {
    const { saved, asked } = await depsAt(new Date("2026-12-10T08:00:00Z"));
    const model = (usd: string) =>
      `workload: tiny\ntitle: Tiny\nparams:\n  users: { default: 10, min: 1, max: 1000, integer: true, description: users }\nlines:\n  - id: fn\n    label: Lambda\n    bill: ["AWS Lambda"]\n    cost:\n      - { label: spend, usd: users * ${usd} }\n`;
    expect((await handleText("workload add tiny.yml", slack, saved, { model: model("1") })).status).toBe(0);
    await handleText("save t tiny", slack, saved);
    await handleText("workload add tiny.yml", slack, saved, { model: model("2") });
    await handleText("track t account=123456789012", slack, asked);
    fake.answer("GetCostAndUsage", { json: costAndUsage(NOVEMBER, { "AWS Lambda": "12" }) });
    const reply = await handleText("actual t month=2026-11", slack, asked);
    expect(reply.status).toBe(0);
    expect(JSON.stringify(reply.blocks)).toContain(
      "The workload `tiny` has changed since: this estimate was made with version 1, it is version 2 now.",
    );
    // 10 users × 1 USD = 10.00 estimated, 12.00 billed: +2.00, +20.0 %.
    expect((reply.data as ActualData).lines[0]).toMatchObject({
      estimate: "10.00",
      actual: "12.00",
      differencePct: "20.0",
    });
    expect(fake.requests[0]!.body.Filter).toEqual({
      Dimensions: { Key: "LINKED_ACCOUNT", Values: ["123456789012"] },
    });
  });

  it("track refuses a malformed tag or account and a scenario that does not exist; untrack removes the link", async () => {
    const { saved } = await depsAt(new Date("2026-12-10T08:00:00Z"));
    await handleText("save va voice-agent", slack, saved);
    expect((await handleText("track va account=12345", slack, saved)).summary).toBe(
      "`account=12345`: an AWS account id is 12 digits",
    );
    expect((await handleText("track va tag=voice", slack, saved)).summary).toContain("is not key:value");
    expect((await handleText("track va", slack, saved)).summary).toContain("track needs the bill to look in");
    expect((await handleText("track nope tag=a:b", slack, saved)).summary).toBe("no saved scenario `nope`");
    await handleText("track va tag=app:voice", slack, saved);
    expect((await saved.store.getScenario("slack:T1", "va"))?.tracking).toMatchObject({
      tag: { key: "app", value: "voice" },
      by: "U1",
    });
    expect((await handleText("untrack va", slack, saved)).status).toBe(0);
    expect((await saved.store.getScenario("slack:T1", "va"))?.tracking).toBeUndefined();
  });
});
