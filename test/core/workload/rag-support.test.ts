import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { builtInCatalog } from "../../../src/core/catalog/index.ts";
import { estimate, resolveParams } from "../../../src/core/estimate.ts";
import { dec } from "../../../src/core/money.ts";
import type { Value } from "../../../src/core/params.ts";
import { plan } from "../../../src/core/plan.ts";
import { parseWorkload } from "../../../src/core/workload/parse.ts";

const catalog = builtInCatalog();
const n = (value: string): Value => ({ kind: "number", value, text: value });
const name = (value: string): Value => ({ kind: "name", value, text: value });

function model() {
  const r = parseWorkload(readFileSync("examples/rag-support.yml", "utf8"), { catalog });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.template;
}
const run = (written: Record<string, Value> = {}) => {
  const t = model();
  return estimate(t, resolveParams(t, written, catalog), catalog);
};
const amounts = (e: ReturnType<typeof run>) =>
  Object.fromEntries(e.lines.map((l) => [l.id, Number(l.amount)]));

describe("examples/rag-support.yml prices to figures computed by hand", () => {
  it("at its default preset (pilot: 20 agents): 281.92", () => {
    // calls = 20 agents × 40 questions × 22 days = 17,600; tool calls = 40 % = 7,040
    // llm: prompt 17,600 × 3,150 + 7,040 × 500 = 58,960,000 × 0.80/M = 47.168
    //      answer 17,600 × 400 = 7,040,000 × 3.20/M = 22.528 → 69.696 → 69.70
    // lambda: 17,600 × 2.5 = 44,000 GB-s, inside the 400,000 free → 0.00
    // api (http): 17,600 × 1.00/M = 0.0176 → 0.02
    // stt: 8,800 min, all in tier 1 × 0.024 = 211.20
    // s3: 1.00
    // total 69.70 + 0 + 0.02 + 211.20 + 1.00 = 281.92
    const e = run();
    expect(amounts(e)).toEqual({ llm: 69.7, lambda: 0, api: 0.02, stt: 211.2, s3: 1 });
    expect(Number(e.total)).toBe(281.92);
    expect(e.params.agents).toBe(20);
    expect(e.notes).toEqual([]);
    // revenue: 20 × 100 TWD = 2,000 TWD / 32 = 62.50 USD
    expect(Number(e.revenue?.amount)).toBe(62.5);
  });

  it("at 1,000 agents on REST: free tier used up, Transcribe's second tier: 12,368.88", () => {
    // calls = 1,000 × 40 × 22 = 880,000; tool calls 352,000
    // llm: prompt 880,000 × 3,150 + 352,000 × 500 = 2,948,000,000 × 0.80/M = 2,358.40
    //      answer 352,000,000 × 3.20/M = 1,126.40 → 3,484.80
    // lambda: 2,200,000 GB-s − 400,000 free = 1,800,000 × 0.0000166667 = 30.00006 → 30.00
    // api (rest): 880,000 × 3.50/M = 3.08
    // stt: 440,000 min: 250,000 × 0.024 = 6,000 + 190,000 × 0.015 = 2,850 → 8,850.00
    // total 3,484.80 + 30.00 + 3.08 + 8,850.00 + 1.00 = 12,368.88
    const e = run({ agents: n("1000"), api: name("rest") });
    expect(amounts(e)).toEqual({ llm: 3484.8, lambda: 30, api: 3.08, stt: 8850, s3: 1 });
    expect(Number(e.total)).toBe(12368.88);
    expect(e.lines.find((l) => l.id === "api")!.label).toBe("API Gateway (rest)");
    expect(e.notes).toEqual(["Lambda free tier used up: 2,200,000 GB-s"]);
    expect(Number(e.revenue?.amount)).toBe(3125); // 1,000 × 100 TWD / 32
  });

  it("preset rollout is the same 1,000 agents on REST", () => {
    expect(Number(run({ preset: name("rollout") }).total)).toBe(12368.88);
  });

  it("3,000 agents reach Transcribe's third tier; without the free tier every GB-s is billed", () => {
    // calls = 2,640,000; stt 1,320,000 min: 6,000 + 11,250 + 320,000 × 0.0102 = 3,264 → 20,514.00
    // lambda: 6,600,000 GB-s × 0.0000166667 = 110.00022 → 110.00
    const e = run({ agents: n("3000"), free_tier: { kind: "boolean", value: false, text: "false" } });
    expect(amounts(e).stt).toBe(20514);
    expect(amounts(e).lambda).toBe(110);
    expect(e.notes).toEqual([]);
  });

  it("plan prices an agent's minute at the given size (agents × questions × days × 2 minutes)", () => {
    const t = model();
    const params = resolveParams(t, { agents: n("1000") }, catalog);
    const r = plan(t, params, dec("0.4"), [{ usd: "3.125", text: "100TWD" }], "TWD", catalog);
    // variable = llm 3,484.80 + stt 8,850 = 12,334.80; minutes = 1,000 × 40 × 22 × 2 = 1,760,000
    expect(r.costPerMinuteUsd.toString()).toBe(dec("12334.8").div(1760000).toString());
    expect(r.pricedAt).toEqual({ agents: 1000, questions: 40 });
    expect(r.excludedLines).toEqual(["lambda", "api", "s3"]);
  });
});
