import { describe, expect, it } from "vitest";
import { builtInCatalog } from "../../../src/core/catalog/index.ts";
import { estimate, resolveParams } from "../../../src/core/estimate.ts";
import type { Value } from "../../../src/core/params.ts";
import { findTemplate } from "../../../src/core/templates/index.ts";

const catalog = builtInCatalog();
const n = (value: string): Value => ({ kind: "number", value, text: value });
const flag = (value: boolean): Value => ({ kind: "boolean", value, text: String(value) });

function run(written: Record<string, Value> = {}) {
  const t = findTemplate("self")!;
  return estimate(t, resolveParams(t, written, catalog), catalog);
}
const amounts = (e: ReturnType<typeof run>) =>
  Object.fromEntries(e.lines.map((l) => [l.id, Number(l.amount)]));

describe("self: costbot's own AWS bill, computed by hand from the formulas", () => {
  it("100,000 commands at the measured defaults (9 ms, 512 MB arm64, 2 writes, 1 read, 0.5 KB of logs) cost 0.29 USD", () => {
    // Lambda: 100,000 × 0.20/M = 0.02; 100,000 × 0.5 GB × 0.009 s = 450 GB-s × 0.0000133334 = 0.00600003
    //   → 0.02600003 → 0.03
    // HTTP API: 100,000 × 1.00/M = 0.10
    // DynamoDB: 200,000 × 0.625/M = 0.125; 100,000 × 0.125/M = 0.0125 → 0.1375 → 0.14
    // Logs: 50,000 KB = 0.0476837158203125 GB × 0.50 = 0.0238418… → 0.02
    const e = run({ commands: n("100000") });
    expect(amounts(e)).toEqual({ lambda: 0.03, api: 0.1, dynamodb: 0.14, logs: 0.02 });
    expect(e.total).toBe("0.29");
  });

  it("10 million commands: the per-line rounding happens once, on the line's sum", () => {
    // Lambda: 2.00 + 45,000 GB-s × 0.0000133334 = 0.600003 → 2.600003 → 2.60
    // HTTP API: 10.00; DynamoDB: 12.50 + 1.25 = 13.75
    // Logs: 5,000,000 KB / 1,048,576 = 4.76837158203125 GB × 0.50 = 2.38418… → 2.38
    const e = run({ commands: n("10000000") });
    expect(amounts(e)).toEqual({ lambda: 2.6, api: 10, dynamodb: 13.75, logs: 2.38 });
    expect(e.total).toBe("28.73");
  });

  it("with the free tier, the first 1M requests and 400,000 GB-s are not billed", () => {
    // 2M commands × 0.5 GB × 0.009 s = 9,000 GB-s, all inside 400,000; 1M of 2M requests billed: 0.20
    const e = run({ commands: n("2000000"), free_tier: flag(true) });
    expect(amounts(e).lambda).toBe(0.2);
  });

  it("prices every line from the catalog: no flagged line", () => {
    for (const l of run().lines) expect(l.flagged, l.id).toBeUndefined();
  });
});
