import { CURRENCIES, type CurrencyCode, convert, type Decimal, dec, type RateTable } from "../money.ts";
import type { Catalog } from "./index.ts";
import type { PriceEntry, RateEntry } from "./types.ts";

/** A price read from a live source (the AWS Price List API) that replaces a shipped entry. */
export interface LivePrice {
  readonly key: string;
  /** USD per `per` `unit`, as the catalog's own entry is written. */
  readonly value: string;
  /** The source's own date (the price's effective date, or the price list's publication). */
  readonly asOf: string;
  readonly source: string;
}

/**
 * The catalog with live prices laid over its shipped entries: a key the overlay has is priced
 * at the live value (unit and per kept from the shipped entry); every other key, and any key
 * the overlay lacks, keeps the shipped entry as the fallback.
 */
export function withLivePrices(
  base: Catalog,
  live: readonly LivePrice[],
  fetchedOn: string,
  liveRates: readonly RateEntry[] = [],
  /** The AWS region the live prices are for (absent: us-east-1, the shipped catalog's). */
  region?: string,
): Catalog {
  const byKey = new Map<string, PriceEntry>();
  for (const l of live) {
    const shipped = base.price(l.key);
    if (shipped?.currency !== "USD") continue;
    const { undated: _undated, note: _note, ...kept } = shipped;
    byKey.set(l.key, {
      ...kept,
      value: l.value,
      asOf: l.asOf,
      source: l.source,
      live: fetchedOn,
      ...(region ? { region } : {}),
    });
  }
  const rateEntries = base.rateEntries.map((r) => liveRates.find((l) => l.currency === r.currency) ?? r);
  const rates = Object.fromEntries(
    CURRENCIES.map((c) => [
      c,
      liveRates.find((l) => l.currency === c)
        ? dec(liveRates.find((l) => l.currency === c)!.perUsd)
        : base.rates[c],
    ]),
  ) as Record<CurrencyCode, Decimal>;
  if (!byKey.size && !liveRates.length && !region) return base;
  const table: RateTable = rates;
  return {
    ...base,
    ...(region ? { region } : {}),
    rates: table,
    rateEntries,
    price: (key) => byKey.get(key) ?? base.price(key),
    prices: () => base.prices().map((p) => byKey.get(p.key) ?? p),
    usdPerUnit: (entry) => convert(dec(entry.value).div(entry.per), entry.currency, "USD", table),
  };
}
