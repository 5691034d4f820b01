import { readFileSync } from "node:fs";
import { CostExplorerClient } from "@aws-sdk/client-cost-explorer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AwsCostExplorer } from "../../../src/adapters/costexplorer/cost-explorer.ts";
import { renderAdaptiveCard } from "../../../src/adapters/render/adaptive-card.ts";
import { renderBlockKit } from "../../../src/adapters/render/block-kit.ts";
import { renderText } from "../../../src/adapters/render/text.ts";
import { handleText } from "../../../src/app/pipeline.ts";
import type { Reply } from "../../../src/app/reply.ts";
import { chat, usePipeline } from "../../app/support.ts";
import {
  type FakeCostExplorer,
  startFakeCostExplorer,
} from "../../fixtures/costexplorer/fake-cost-explorer.ts";
import { blockKitViolations } from "../../fixtures/slack/limits.ts";
import { cardViolations } from "../../fixtures/teams/card-schema.ts";

/** The `actual` reply on every surface, from a recorded Cost Explorer answer (2026-12-20, 19 days in). */
const pipeline = usePipeline();
let fake: FakeCostExplorer;
let reply: Reply;
beforeAll(async () => {
  fake = await startFakeCostExplorer();
  const recording = JSON.parse(
    readFileSync("test/fixtures/costexplorer/voice-agent-2026-12-20.json", "utf8"),
  ) as Record<string, unknown>;
  fake.answer("GetCostAndUsage", { json: recording.GetCostAndUsage });
  fake.answer("GetCostForecast", { json: recording.GetCostForecast });
  const deps = await pipeline.deps(new Date("2026-12-01T09:00:00Z"));
  const ctx = chat("slack:T1");
  await handleText("save va-prod voice-agent", ctx, deps);
  await handleText("track va-prod tag=app:voice", ctx, deps);
  const asked = {
    ...deps,
    clock: { now: () => new Date("2026-12-20T09:00:00Z") },
    costExplorer: new AwsCostExplorer(
      new CostExplorerClient({
        region: "us-east-1",
        endpoint: fake.url,
        credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "example" },
        maxAttempts: 1,
      }),
    ),
  };
  reply = await handleText("actual va-prod", ctx, asked);
  expect(reply.status, reply.summary).toBe(0);
}, 60_000);
afterAll(() => fake.close());

describe("the actual reply", () => {
  it("heads with the projection against the AWS lines' estimate", () => {
    // Projected: (16890.4412345678 + 1.1 + 70.57 + 44.1290322581 + 10.45 + 13390.75 + 1.5 + 4006.25
    //   + 24.9 + 612.4) = 35052.4902668259 × 31 / 19 = 57190.9051721896 → 57,190.91.
    // Estimate: 55,038.32 − Agora RTC's 1,364.38 = 53,673.94.
    expect(reply.summary).toBe(
      "va-prod, December 2026: projected 57,190.91 USD against an estimate of 53,673.94 USD",
    );
  });

  it("Slack: a data_visualization bar chart with two series, inside Block Kit's limits", () => {
    const message = renderBlockKit(reply);
    expect(blockKitViolations(message)).toEqual([]);
    const chart = message.blocks.find((b) => b.type === "data_visualization");
    if (chart?.type !== "data_visualization") throw new Error("no chart");
    expect(chart.chart.type).toBe("bar");
    expect(chart.chart.series.map((s) => s.name)).toEqual(["estimate", "projected"]);
    // LLM: 24,192.00 estimated; 16890.4412345678 / 19 × 31 = 27558.088… → drawn as 27558.09.
    expect(chart.chart.series[0]!.data[0]).toEqual({ label: "LLM (nova-pro)", value: 24192 });
    expect(chart.chart.series[1]!.data[0]!.value).toBeCloseTo(27558.09, 2);
    // Agora is not in the AWS bill: it is in the table, not the chart.
    expect(chart.chart.series[0]!.data.map((d) => d.label)).not.toContain("Agora RTC");
    expect(message.blocks.at(-1)!.type).toBe("table");
  });

  it("Teams: grouped vertical bars with a fallback, valid against Adaptive Card 1.5", () => {
    const card = renderAdaptiveCard(reply);
    expect(cardViolations(card as never)).toEqual([]);
    const grouped = JSON.stringify(card);
    expect(grouped).toContain("Chart.VerticalBar.Grouped");
    expect(grouped).toContain('"fallback"');
  });

  it("CLI: text bars, estimate above actual, and every line inside 80 columns", () => {
    const text = renderText(reply, 80);
    for (const line of text.split("\n")) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(text).toMatch(/LLM \(nova-pro\) · estimate .*24,192\.00/);
    expect(text).toMatch(/LLM \(nova-pro\) · projected .*27,558\.09/);
    // The calibration: 1000 × 27558.09 / 24192 = 1139.14 → users ≈ 1,139.
    expect(text).toContain("The LLM (nova-pro) line matches users ≈ 1,139");
  });
});
