import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addMoney,
  CURRENCIES,
  CurrencyMismatch,
  convert,
  Decimal,
  dec,
  looksLikeAmount,
  type Money,
  moneyOf,
  parseAmount,
  roundCents,
  subtractMoney,
  sum,
  sumMoney,
} from "../../src/core/money.ts";

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

describe("parseAmount: the one amount grammar (chat, workload files, help)", () => {
  const ok = (text: string) => {
    const m = parseAmount(text);
    if ("reason" in m) throw new Error(`${text}: ${m.reason}`);
    return `${m.amount.toString()} ${m.currency}`;
  };
  const reason = (text: string) => {
    const m = parseAmount(text);
    return "reason" in m ? m.reason : `accepted as ${m.amount} ${m.currency}`;
  };

  it.each([
    ["100TWD", "100 TWD"],
    ["100twd", "100 TWD"],
    ["7.3 CNY", "7.3 CNY"],
    ["30EUR", "30 EUR"],
    ["$5", "5 USD"],
    ["$1.5k", "1500 USD"],
    ["1.5kUSD", "1500 USD"],
    ["2MTWD", "2000000 TWD"],
    ["0.25bEUR", "250000000 EUR"],
    [".5USD", "0.5 USD"],
    ["  12USD  ", "12 USD"],
  ])("%s is %s", (text, expected) => {
    expect(ok(text)).toBe(expected);
  });

  it.each([
    ["100", /an amount with a currency is needed, e\.g\. 100TWD \(currencies: USD, TWD, CNY, EUR\)/],
    ["100GBP", /^unknown currency GBP; use USD, TWD, CNY, EUR$/],
    ["$100TWD", /an amount with a currency is needed/],
    ["TWD", /an amount with a currency is needed/],
    ["1e5USD", /an amount with a currency is needed/],
    ["", /an amount with a currency is needed/],
  ])("%s is refused: %s", (text, why) => {
    expect(reason(text)).toMatch(why);
  });

  it("names every currency of CURRENCIES, the one list", () => {
    for (const code of CURRENCIES) expect(ok(`1${code}`)).toBe(`1 ${code}`);
    expect(reason("1XYZ")).toBe(`unknown currency XYZ; use ${CURRENCIES.join(", ")}`);
  });

  const decimalText = fc
    .tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 6 }))
    .map(([n, places]) => new Decimal(n.toString()).div(10 ** places).toFixed(places));

  it("any decimal with any currency code reads back as exactly that decimal in that currency", () => {
    fc.assert(
      fc.property(decimalText, fc.constantFrom(...CURRENCIES), fc.boolean(), (text, code, lower) => {
        const m = parseAmount(`${text}${lower ? code.toLowerCase() : code}`) as Money;
        expect(m.currency).toBe(code);
        expect(m.amount.eq(text)).toBe(true);
      }),
    );
  });

  it("k, M and B scale by 10^3, 10^6, 10^9, and $ means USD", () => {
    fc.assert(
      fc.property(decimalText, fc.constantFrom(["k", 3], ["M", 6], ["B", 9]), (text, [suffix, power]) => {
        const scaled = parseAmount(`$${text}${suffix}`) as Money;
        expect(scaled.currency).toBe("USD");
        expect(scaled.amount.eq(dec(text).times(dec(10).pow(power as number)))).toBe(true);
      }),
    );
  });

  it("whatever it refuses, it says why; whatever it accepts, looksLikeAmount saw as an amount", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (text) => {
        const m = parseAmount(text);
        if ("reason" in m) expect(m.reason.length).toBeGreaterThan(0);
        else expect(looksLikeAmount(text)).toBe(true);
      }),
    );
  });
});

describe("Money: an amount travels with its currency", () => {
  const money = fc
    .bigInt({ min: -(10n ** 15n), max: 10n ** 15n })
    .map((n) => moneyOf(new Decimal(n.toString()).div(100), "TWD"));
  const same = (a: Money, b: Money) => a.currency === b.currency && a.amount.eq(b.amount);

  it("adding is commutative and associative, zero is its identity and subtracting its inverse", () => {
    fc.assert(
      fc.property(money, money, money, (a, b, c) => {
        expect(same(addMoney(a, b), addMoney(b, a))).toBe(true);
        expect(same(addMoney(addMoney(a, b), c), addMoney(a, addMoney(b, c)))).toBe(true);
        expect(same(addMoney(a, moneyOf(0, "TWD")), a)).toBe(true);
        expect(same(subtractMoney(addMoney(a, b), b), a)).toBe(true);
      }),
    );
  });

  it("refuses to add or subtract USD and TWD, as dinero.js does", () => {
    expect(() => addMoney(moneyOf(1, "USD"), moneyOf(32, "TWD"))).toThrow(CurrencyMismatch);
    expect(() => subtractMoney(moneyOf(1, "USD"), moneyOf(32, "TWD"))).toThrow(/cannot combine USD with TWD/);
    expect(() => sumMoney("USD", [moneyOf(1, "USD"), moneyOf(1, "EUR")])).toThrow(CurrencyMismatch);
  });

  it("a sum is in its currency, zero when empty (17.00 + 0.11 + 21,600.00 = 21,617.11)", () => {
    expect(sumMoney("EUR", [])).toEqual(moneyOf(0, "EUR"));
    const total = sumMoney("USD", [moneyOf("17.00", "USD"), moneyOf("0.11", "USD"), moneyOf("21600", "USD")]);
    expect(total.currency).toBe("USD");
    expect(total.amount.toFixed(2)).toBe("21617.11");
  });
});
