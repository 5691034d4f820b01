import { describe, expect, it } from "vitest";
import { builtInCatalog } from "../../src/core/catalog/index.ts";
import { resolveParams } from "../../src/core/estimate.ts";
import { dec } from "../../src/core/money.ts";
import type { Value } from "../../src/core/params.ts";
import { plan } from "../../src/core/plan.ts";
import { findTemplate } from "../../src/core/templates/index.ts";

const catalog = builtInCatalog();
const n = (value: string): Value => ({ kind: "number", value, text: value });
const price = { usd: "156.25", text: "5000TWD" }; // 5,000 TWD / 32

describe("plan prices the variable cost at the size it is given", () => {
  it("voice-agent at 100,000 users uses Transcribe's lower tiers: 0.0281 USD a minute, not 0.0307", () => {
    const t = findTemplate("voice-agent")!;
    const params = resolveParams(t, { users: n("100000") }, catalog);
    const r = plan(t, params, dec("0.4"), [price], "TWD", catalog);
    // user-hours = 100,000 × 1 × 30 = 3,000,000; turns = 3,000,000 × 3,600 / 30 = 360,000,000
    // llm: input 360M × 10 × 800 = 2.88e12 × 0.80/M = 2,304,000; output 360M × 100 × 3.20/M = 115,200
    //      → 2,419,200
    // stt: 360M × 5 / 60 = 30,000,000 min: 250,000 × 0.024 = 6,000; 750,000 × 0.015 = 11,250;
    //      4,000,000 × 0.0102 = 40,800; 25,000,000 × 0.0078 = 195,000 → 253,050
    // tts: 360M × 200 = 72e9 chars × 30/M = 2,160,000
    // rtc: 180,000,000 min × 8,300 CNY / 1,500,000 / 7.3 = 1,494,000 / 10.95
    // egress: (360M × 20 × 0.093 + 360M × 10 × 0.1) / 1000 = 669,600 + 360,000 GB × 0.09 = 92,664
    // cloudfront: 180,000,000 × 0.01 / 10,000 = 180
    // variable = 4,925,094 + 1,494,000 / 10.95; minutes = 100,000 × 1 h × 60 × 30 = 180,000,000
    const expected = dec(4925094).plus(dec(1494000).div("10.95")).div(180_000_000);
    expect(r.costPerMinuteUsd.minus(expected).abs().lt("1e-20")).toBe(true);
    expect(r.costPerMinuteUsd.toDecimalPlaces(4).toNumber()).toBe(0.0281);
    expect(r.pricedAt).toEqual({ users: 100000, hours: 1 });
  });

  it("voice-coach at its defaults keeps the seed's per-minute figure (linear lines): 319.6 break-even minutes", () => {
    const t = findTemplate("voice-coach")!;
    const params = resolveParams(t, {}, catalog);
    const r = plan(t, params, dec("0.4"), [{ usd: "3.125", text: "100TWD" }], "TWD", catalog);
    // per session hour 0.40 + 0.0996 + 0.052 + 0.03505 = 0.58665 USD → 0.0097775 a minute
    expect(r.costPerMinuteUsd.toString()).toBe("0.0097775");
    // 3.125 / 0.0097775 = 319.61…; × 0.6 = 191.77…
    expect(r.breakEvenMinutes.toDecimalPlaces(1).toNumber()).toBe(319.6);
    expect(r.capMinutes.toDecimalPlaces(1).toNumber()).toBe(191.8);
    expect(r.pricedAt).toEqual({ users: 2000, hours: 1 });
  });

  it("refuses a plan with no use to price", () => {
    const t = findTemplate("voice-coach")!;
    const params = resolveParams(t, { hours: n("0") }, catalog);
    expect(() => plan(t, params, dec("0.4"), [price], "TWD", catalog)).toThrow(/plan needs some use/);
  });
});
