import { describe, expect, it } from "vitest";
import { movedMoreThan, movePercent } from "../../src/app/drift.ts";
import type { Estimate } from "../../src/core/estimate.ts";

const total = (t: string) => ({ total: t }) as unknown as Estimate;

describe("drift: how far a total moved, against a threshold", () => {
  it("is the change in percent of the old total, exactly", () => {
    // (117.25 − 111.25) / 111.25 × 100 = 600 / 111.25 = 5.3932…
    expect(movePercent("111.25", "117.25")!.toFixed(4)).toBe("5.3933");
    // A fall counts the same: 6 / 117.25 × 100 = 5.1172…
    expect(movePercent("117.25", "111.25")!.toFixed(4)).toBe("5.1173");
    expect(movePercent("0", "0")!.isZero()).toBe(true);
    expect(movePercent("0", "1")).toBeUndefined();
  });

  it("notifies only for more than the threshold: exactly 5 % is not more than 5 %", () => {
    // 100 → 105 is 5 %; 100 → 105.01 is 5.01 %.
    expect(movedMoreThan(total("100"), total("105"), "5")).toBe(false);
    expect(movedMoreThan(total("100"), total("105.01"), "5")).toBe(true);
    expect(movedMoreThan(total("100"), total("94.99"), "5")).toBe(true);
    expect(movedMoreThan(total("100"), total("105.01"), "10")).toBe(false);
    // Leaving zero is always a move; staying at zero never is.
    expect(movedMoreThan(total("0"), total("0.01"), "100")).toBe(true);
    expect(movedMoreThan(total("0"), total("0"), "0.1")).toBe(false);
  });
});
