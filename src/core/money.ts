import { Decimal as DecimalBase } from "decimal.js";

/**
 * Exact decimal arithmetic for every amount. A private Decimal constructor keeps the
 * rounding mode (half-up, as AWS's calculator and the seeds round) out of global state.
 */
export const Decimal = DecimalBase.clone({ precision: 40, rounding: DecimalBase.ROUND_HALF_UP });
export type Decimal = InstanceType<typeof Decimal>;
export type DecimalInput = Decimal | string | number;

export const CURRENCIES = ["USD", "TWD", "CNY", "EUR"] as const;
export type CurrencyCode = (typeof CURRENCIES)[number];

export function isCurrency(code: string): code is CurrencyCode {
  return (CURRENCIES as readonly string[]).includes(code);
}

export function dec(value: DecimalInput): Decimal {
  return new Decimal(value);
}

/** Half-up to cents: the one rounding strategy, applied once per line at the edge. */
export function roundCents(value: Decimal): Decimal {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

export function sum(values: readonly Decimal[]): Decimal {
  return values.reduce((acc, v) => acc.plus(v), new Decimal(0));
}

/** Rates as "units of currency per 1 USD". */
export type RateTable = Readonly<Record<CurrencyCode, Decimal>>;

export function convert(amount: Decimal, from: CurrencyCode, to: CurrencyCode, rates: RateTable): Decimal {
  if (from === to) return amount;
  return amount.div(rates[from]).times(rates[to]);
}
