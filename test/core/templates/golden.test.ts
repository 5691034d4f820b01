import { describe, expect, it } from "vitest";
import { builtInCatalog } from "../../../src/core/catalog/index.ts";
import { estimate, resolveParams } from "../../../src/core/estimate.ts";
import type { Value } from "../../../src/core/params.ts";
import { findTemplate } from "../../../src/core/templates/index.ts";

const catalog = builtInCatalog();
const n = (value: string): Value => ({ kind: "number", value, text: value });
const name = (value: string): Value => ({ kind: "name", value, text: value });

function run(template: string, written: Record<string, Value> = {}) {
  const t = findTemplate(template)!;
  return estimate(t, resolveParams(t, written, catalog), catalog);
}
const amounts = (e: ReturnType<typeof run>) =>
  Object.fromEntries(e.lines.map((l) => [l.id, Number(l.amount)]));

// Every figure below is a "seed check" of README, Workload templates, recomputed by hand from the seed's formulas.
describe("seed checks: each template's defaults reproduce the spec's figures to the cent", () => {
  it("voice-agent matches seed 000 corrected: 55,038.32", () => {
    const e = run("voice-agent");
    expect(amounts(e)).toEqual({
      llm: 24192,
      stt: 6750,
      tts: 21600,
      rtc: 1364.38,
      egress: 926.64,
      eks: 72,
      ec2: 115.14,
      cloudfront: 1.8,
      alb: 16.36,
    });
    expect(e.total).toBe("55038.32");
  });

  it.each([
    ["dev", { eks: 73, workers: 60.74, gpu: 15, s3: 2.3, databases: 30, messaging: 20, api: 0 }, 201.04],
    ["prod", { eks: 73, workers: 121.47, gpu: 263, s3: 32, databases: 300, messaging: 40, api: 1 }, 830.47],
    [
      "scale",
      { eks: 73, workers: 485.89, gpu: 2065, s3: 320, databases: 795, messaging: 100, api: 10 },
      3848.89,
    ],
  ])("gpu-platform preset %s lands inside the seed's range", (preset, lines, total) => {
    const e = run("gpu-platform", { preset: name(preset) });
    expect(amounts(e)).toEqual(lines);
    expect(Number(e.total)).toBe(total);
  });

  it("bedrock-api: the API line is exactly $0.105 and shows as 0.11; total 38.61", () => {
    const e = run("bedrock-api");
    expect(amounts(e)).toEqual({ lambda: 0, bedrock: 37.5, api: 0.11, s3: 1 });
    expect(e.total).toBe("38.61");
    expect(e.lines.find((l) => l.id === "api")!.components[0]!.amount).toBe("0.105");
  });

  it("bedrock-api at 1,000,000 calls bills 100,000 GB-s beyond the free tier ($1.67)", () => {
    // 1,000 callers × 40 calls × 25 days = 1,000,000 calls; 512 MB × 1 s each = 500,000 GB-s.
    const e = run("bedrock-api", { devs: n("1000"), calls: n("40"), days: n("25") });
    expect(amounts(e).lambda).toBe(1.67);
    expect(e.notes.join(" ")).toMatch(/free tier exhausted/);
  });

  it("voice-coach: 1,253.30 for 2,000 users at one hour, revenue 6,250.00, margin 79.9 %", () => {
    const e = run("voice-coach");
    expect(amounts(e)).toEqual({ stt: 800, emotion: 199.2, report: 70.1, infra: 104, fixed: 80 });
    expect(e.total).toBe("1253.30");
    // Margin, exact: (6,250.00 − 1,253.30) / 6,250.00 = 4,996.70 / 6,250 = 0.799472; shown once, half-up: 79.9 %.
    expect(e.revenue).toEqual({ amount: "6250.00", margin: "0.799472" });
  });

  it("voice-coach: 30-minute sessions make two reports per hour, so the report line doubles", () => {
    expect(amounts(run("voice-coach", { session_minutes: n("30") })).report).toBe(140.2);
  });

  it("image-gen matches seed 004: 310.45, with half-up cents (0.125 → 0.13, 5.045 → 5.05)", () => {
    const e = run("image-gen");
    expect(amounts(e)).toEqual({
      sagemaker: 276,
      lambda: 0.02,
      api: 1.05,
      s3: 27.7,
      dynamodb: 0.5,
      stepfunctions: 0.13,
      cloudwatch: 5.05,
    });
    expect(e.total).toBe("310.45");
    expect(e.notes).toContain("82,285 images a month at 7 s each");
  });

  it("image-gen with 300 training hours adds the seed's 526.18", () => {
    const e = run("image-gen", { training_hours: n("300") });
    expect(amounts(e).training).toBe(526.18);
    expect(e.total).toBe("836.63");
  });
});
