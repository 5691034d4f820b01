import type { CurrencyCode } from "../money.ts";

/** One price: `value` `currency` per `per` `unit` (e.g. 30 USD per 1,000,000 characters). */
export interface PriceEntry {
  readonly key: string;
  readonly value: string;
  readonly currency: CurrencyCode;
  readonly per: number;
  readonly unit: string;
  readonly source: string;
  /** The date the source states, or the day the entry was taken from an undated source. */
  readonly asOf: string;
  readonly note?: string;
}

/** A free allowance (a quantity, not a price): Lambda's 1M requests a month, and so on. */
export interface AllowanceEntry {
  readonly key: string;
  readonly quantity: number;
  readonly unit: string;
  readonly source: string;
  readonly asOf: string;
}

export interface ModelEntry {
  readonly id: string;
  readonly name: string;
  readonly provider: string;
  readonly inputKey: string;
  readonly outputKey: string;
  readonly aliases: readonly string[];
  readonly note?: string;
}

export interface RateEntry {
  readonly currency: CurrencyCode;
  /** Units of `currency` per 1 USD. */
  readonly perUsd: string;
  readonly source: string;
  readonly asOf: string;
}
