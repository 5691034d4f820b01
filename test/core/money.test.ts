import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { convert, Decimal, dec, roundCents, sum } from "../../src/core/money.ts";

const rates = { USD: dec(1), TWD: dec(32), CNY: dec("7.3"), EUR: dec("0.86") };
// Amounts as exact decimals with up to 6 places, the precision catalog prices reach.
const amount = fc
  .bigInt({ min: -(10n ** 15n), max: 10n ** 15n })
  .map((n) => new Decimal(n.toString()).div(1e6));

describe("money", () => {
  it("rounds half-up to cents, as AWS's calculator does (0.105 → 0.11, 0.125 → 0.13, 5.045 → 5.05)", () => {
    expect(roundCents(dec("0.105")).toString()).toBe("0.11");
    expect(roundCents(dec("0.125")).toString()).toBe("0.13");
    expect(roundCents(dec("5.045")).toString()).toBe("5.05");
    expect(roundCents(dec("0.1049999")).toString()).toBe("0.1");
  });

  it("a price computed in decimal rounds like the calculator: 30,000 × 3.5 / 1,000,000 = 0.105 → 0.11", () => {
    expect(roundCents(dec(30000).div(1_000_000).times("3.5")).toString()).toBe("0.11");
  });

  it("rounding moves an amount by at most half a cent", () => {
    fc.assert(fc.property(amount, (a) => roundCents(a).minus(a).abs().lte("0.005")));
  });

  it("sums are commutative and associative, with zero as identity", () => {
    fc.assert(
      fc.property(amount, amount, amount, (a, b, c) => {
        expect(sum([a, b, c]).eq(sum([c, a, b]))).toBe(true);
        expect(
          a
            .plus(b)
            .plus(c)
            .eq(a.plus(b.plus(c))),
        ).toBe(true);
        expect(sum([a, new Decimal(0)]).eq(a)).toBe(true);
      }),
    );
  });

  it("adding then subtracting the same amount is the identity", () => {
    fc.assert(fc.property(amount, amount, (a, b) => a.plus(b).minus(b).eq(a)));
  });

  it("converts at the catalog's rates and back without loss (9,960 CNY = 1,364.38 USD)", () => {
    expect(roundCents(convert(dec(9960), "CNY", "USD", rates)).toString()).toBe("1364.38");
    fc.assert(
      fc.property(amount, (a) => {
        const back = convert(convert(a, "USD", "TWD", rates), "TWD", "USD", rates);
        expect(back.minus(a).abs().lt("1e-30")).toBe(true);
      }),
    );
  });
});
