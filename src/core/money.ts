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

/** An amount with its currency: the two travel together (docs/workload-models.md, "Amounts"). */
export interface Money {
  readonly amount: Decimal;
  readonly currency: CurrencyCode;
}

/** Amounts of two currencies were added or compared: a bug of the caller, never a figure. */
export class CurrencyMismatch extends Error {
  override readonly name = "CurrencyMismatch";
  constructor(
    readonly left: CurrencyCode,
    readonly right: CurrencyCode,
  ) {
    super(`cannot combine ${left} with ${right}; convert one first`);
  }
}

export function moneyOf(amount: DecimalInput, currency: CurrencyCode): Money {
  return { amount: dec(amount), currency };
}

function same(a: Money, b: Money): CurrencyCode {
  if (a.currency !== b.currency) throw new CurrencyMismatch(a.currency, b.currency);
  return a.currency;
}

/** a + b, in their one currency; USD + TWD throws CurrencyMismatch (as dinero.js refuses it). */
export function addMoney(a: Money, b: Money): Money {
  return { amount: a.amount.plus(b.amount), currency: same(a, b) };
}

/** a − b, in their one currency; throws CurrencyMismatch across currencies. */
export function subtractMoney(a: Money, b: Money): Money {
  return { amount: a.amount.minus(b.amount), currency: same(a, b) };
}

/** The sum of `items`, every one in `currency` (zero of it when there are none). */
export function sumMoney(currency: CurrencyCode, items: readonly Money[]): Money {
  return items.reduce(addMoney, moneyOf(0, currency));
}

const AMOUNT_TEXT = /^\$?([+-]?(?:\d+(?:\.\d*)?|\.\d+))([kmb])?\s*([a-z]{3})?$/i;
const SCALE: Readonly<Record<string, number>> = { k: 1e3, m: 1e6, b: 1e9 };

/**
 * Is `text` written as an amount (a number with a three-letter code, or with a `$`), whether or
 * not parseAmount accepts it? Chat reads such a value as an amount and refuses it in
 * parseAmount's words (`100GBP`: unknown currency) rather than as some other kind of value.
 */
export function looksLikeAmount(text: string): boolean {
  const m = AMOUNT_TEXT.exec(text.trim());
  return m !== null && (m[3] !== undefined || text.trim().startsWith("$"));
}

/**
 * The one amount grammar, shared by chat, workload files and help: a number, an optional
 * k/M/B suffix and a currency code (`100TWD`, `1.5kUSD`, `7.3 CNY`), or dollars (`$5`).
 * Returns the reason in words when the text is not an amount.
 */
export function parseAmount(text: string): Money | { readonly reason: string } {
  const m = AMOUNT_TEXT.exec(text.trim());
  const dollars = text.trim().startsWith("$");
  if (!m || (dollars && m[3]) || (!dollars && !m[3])) {
    return {
      reason: `an amount with a currency is needed, e.g. 100TWD (currencies: ${CURRENCIES.join(", ")})`,
    };
  }
  const code = dollars ? "USD" : m[3]!.toUpperCase();
  if (!isCurrency(code)) return { reason: `unknown currency ${code}; use ${CURRENCIES.join(", ")}` };
  const amount = new Decimal(m[1]!).times(m[2] ? SCALE[m[2].toLowerCase()]! : 1);
  if (!amount.isFinite()) return { reason: "that amount is too large" };
  return { amount, currency: code };
}
