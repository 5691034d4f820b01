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
  // Issue #12: two invocations per command (acknowledgement + worker), 14 ms billed in all, 0.7 KB of logs.
  it("100,000 commands at the measured defaults (2 invocations, 14 ms, 512 MB arm64, 2 writes, 1 read, 0.7 KB of logs) cost 0.32 USD", () => {
    // Lambda: 200,000 invocations × 0.20/M = 0.04; 100,000 × 0.5 GB × 0.014 s = 700 GB-s × 0.0000133334
    //   = 0.00933338 → 0.04933338 → 0.05
    // HTTP API: 100,000 × 1.00/M = 0.10
    // DynamoDB: 200,000 × 0.625/M = 0.125; 100,000 × 0.125/M = 0.0125 → 0.1375 → 0.14
    // Logs: 70,000 KB = 0.066757202… GB × 0.50 = 0.0333786… → 0.03
    const e = run({ commands: n("100000") });
    expect(amounts(e)).toEqual({ lambda: 0.05, api: 0.1, dynamodb: 0.14, logs: 0.03 });
    expect(e.total).toBe("0.32");
  });

  it("one invocation per command (the old single-step function) halves the request charge", () => {
    // 100,000 × 0.20/M = 0.02 + 0.00933338 = 0.02933338 → 0.03
    expect(amounts(run({ commands: n("100000"), invocations: n("1") })).lambda).toBe(0.03);
  });

  it("10 million commands: the per-line rounding happens once, on the line's sum", () => {
    // Lambda: 20M × 0.20/M = 4.00 + 70,000 GB-s × 0.0000133334 = 0.933338 → 4.933338 → 4.93
    // HTTP API: 10.00; DynamoDB: 12.50 + 1.25 = 13.75
    // Logs: 7,000,000 KB / 1,048,576 = 6.67572021484375 GB × 0.50 = 3.33786… → 3.34
    const e = run({ commands: n("10000000") });
    expect(amounts(e)).toEqual({ lambda: 4.93, api: 10, dynamodb: 13.75, logs: 3.34 });
    expect(e.total).toBe("32.02");
  });

  it("with the free tier, the first 1M requests and 400,000 GB-s are not billed", () => {
    // 2M commands × 0.5 GB × 0.014 s = 14,000 GB-s, all inside 400,000;
    // 4M invocations, 3M beyond the free 1M billed: 3 × 0.20 = 0.60
    const e = run({ commands: n("2000000"), free_tier: flag(true) });
    expect(amounts(e).lambda).toBe(0.6);
  });

  it("prices every line from the catalog: no flagged line", () => {
    for (const l of run().lines) expect(l.flagged, l.id).toBeUndefined();
  });
});
