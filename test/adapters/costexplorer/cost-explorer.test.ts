import { CostExplorerClient } from "@aws-sdk/client-cost-explorer";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AwsCostExplorer, filterExpression } from "../../../src/adapters/costexplorer/cost-explorer.ts";
import { CostExplorerRefused } from "../../../src/app/ports.ts";
import {
  costAndUsage,
  type FakeCostExplorer,
  startFakeCostExplorer,
} from "../../fixtures/costexplorer/fake-cost-explorer.ts";

let fake: FakeCostExplorer;
let explorer: AwsCostExplorer;
beforeAll(async () => {
  fake = await startFakeCostExplorer();
  explorer = new AwsCostExplorer(
    new CostExplorerClient({
      region: "us-east-1",
      endpoint: fake.url,
      credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "example" },
      maxAttempts: 1,
    }),
  );
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
});
const query = { start: "2026-11-01", end: "2026-12-01", filter: { account: "123456789012" } };

describe("AwsCostExplorer (the real SDK against a loopback Cost Explorer)", () => {
  it("a filter is one condition alone, both under And", () => {
    expect(filterExpression({ account: "123456789012" })).toEqual({
      Dimensions: { Key: "LINKED_ACCOUNT", Values: ["123456789012"] },
    });
    expect(filterExpression({ tag: { key: "app", value: "voice" } })).toEqual({
      Tags: { Key: "app", Values: ["voice"], MatchOptions: ["EQUALS"] },
    });
  });

  it("follows NextPageToken and sums nothing itself: each page's groups, as Cost Explorer sent them", async () => {
    const period = { start: "2026-11-01", end: "2026-12-01" };
    fake.answer(
      "GetCostAndUsage",
      {
        json: { ...(costAndUsage(period, { "Amazon Bedrock": "10.5" }) as object), NextPageToken: "page-2" },
      },
      { json: costAndUsage(period, { "Amazon Polly": "2.25" }) },
    );
    expect(await explorer.spendByService(query)).toEqual([
      { service: "Amazon Bedrock", usd: "10.5" },
      { service: "Amazon Polly", usd: "2.25" },
    ]);
    expect(fake.requests.map((r) => r.body.NextPageToken)).toEqual([undefined, "page-2"]);
  });

  it("no forecast yet (DataUnavailableException) is an absent forecast, not a failure", async () => {
    fake.answer("GetCostForecast", {
      status: 400,
      error: "DataUnavailableException",
      message: "Insufficient amount of historical data to generate forecast.",
    });
    expect(await explorer.forecast({ ...query, start: "2026-12-06", end: "2027-01-01" })).toBeUndefined();
  });

  it("AccessDenied on the forecast names ce:GetCostForecast", async () => {
    fake.answer("GetCostForecast", {
      status: 400,
      error: "AccessDeniedException",
      message: "not authorized",
    });
    const error = await explorer.forecast(query).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CostExplorerRefused);
    expect((error as Error).message).toContain("may not call ce:GetCostForecast");
  });

  it("any other fault is not dressed up as the person's: it stays the SDK's error", async () => {
    fake.answer("GetCostAndUsage", { status: 400, error: "ValidationException", message: "bad date" });
    const error = await explorer.spendByService(query).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(CostExplorerRefused);
    expect((error as Error).name).toBe("ValidationException");
  });
});
