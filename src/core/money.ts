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

/** An amount with its currency; adding two currencies is a programming error, not a conversion. */
export class Money {
  private constructor(
    readonly amount: Decimal,
    readonly currency: CurrencyCode,
  ) {}

  static of(amount: DecimalInput, currency: CurrencyCode): Money {
    return new Money(dec(amount), currency);
  }

  static zero(currency: CurrencyCode): Money {
    return new Money(new Decimal(0), currency);
  }

  plus(other: Money): Money {
    this.assertSameCurrency(other);
    return new Money(this.amount.plus(other.amount), this.currency);
  }

  minus(other: Money): Money {
    this.assertSameCurrency(other);
    return new Money(this.amount.minus(other.amount), this.currency);
  }

  times(factor: DecimalInput): Money {
    return new Money(this.amount.times(factor), this.currency);
  }

  roundedToCents(): Money {
    return new Money(roundCents(this.amount), this.currency);
  }

  private assertSameCurrency(other: Money): void {
    if (other.currency !== this.currency) {
      throw new Error(`cannot combine ${this.currency} with ${other.currency} without a rate`);
    }
  }
}

/** Rates as "units of currency per 1 USD". */
export type RateTable = Readonly<Record<CurrencyCode, Decimal>>;

export function convert(amount: Decimal, from: CurrencyCode, to: CurrencyCode, rates: RateTable): Decimal {
  if (from === to) return amount;
  return amount.div(rates[from]).times(rates[to]);
}
