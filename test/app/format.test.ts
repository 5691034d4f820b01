import { describe, expect, it } from "vitest";
import { money, percent, signed } from "../../src/app/format.ts";

describe("money", () => {
  it("groups digits by three and keeps every cent, far beyond 2^53", () => {
    expect(money("71425474632283582.11", "USD")).toBe("71,425,474,632,283,582.11 USD");
    expect(money("0.105")).toBe("0.11"); // half-up: 0.105 → 0.11
    expect(money("1000")).toBe("1,000.00");
  });
});

describe("percent: a share rounded once, half-up, for display", () => {
  it("Polly's exact share 21,600 / 55,038.32 = 0.3924538… shows as 39.2 %, not 39.3 %", () => {
    // 21,600 / 55,038.32 = 0.39245384 (to 8 places); ×100 = 39.245384 → one decimal: 39.2.
    // Rounding to 4 places first (0.3925) and again for display gave 39.3 %.
    expect(percent("0.3924538394340524928813234124878811707916")).toBe("39.2 %");
  });

  it("voice-coach's exact margin 4,996.70 / 6,250 = 0.799472 shows as 79.9 %, not 80.0 %", () => {
    expect(percent("0.799472")).toBe("79.9 %");
  });

  it("a true half rounds up", () => {
    expect(percent("0.12345", 2)).toBe("12.35 %");
  });
});

describe("signed", () => {
  it("marks increases with +, decreases with − and no change with ±0.00", () => {
    expect(signed("96051.94")).toBe("+96,051.94");
    expect(signed("-7.6")).toBe("−7.60");
    expect(signed("0.001")).toBe("±0.00");
  });
});
