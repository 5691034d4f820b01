import { CURRENCIES, type CurrencyCode, Decimal } from "../money.ts";
import type { RateEntry } from "./types.ts";

export const ECB_DAILY_URL = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml";

/**
 * The ECB's daily euro reference rates (eurofxref-daily.xml: `<Cube time='…'>` holding
 * `<Cube currency='USD' rate='1.1650'/>`, units per 1 EUR) as the catalog's rates per 1 USD:
 * EUR = 1 / USD, X = X / USD, to 6 decimal places. Currencies the ECB does not publish (TWD)
 * are left out; the catalog keeps its own for them.
 */
export function parseEcbDaily(xml: string): RateEntry[] {
  const time = /<Cube\s+time=['"](\d{4}-\d{2}-\d{2})['"]/.exec(xml)?.[1];
  if (!time) throw new Error("not the ECB's daily reference rates: no <Cube time='…'>");
  const perEur = new Map<string, Decimal>();
  for (const m of xml.matchAll(/<Cube\s+currency=['"]([A-Z]{3})['"]\s+rate=['"]([0-9.]+)['"]\s*\/>/g))
    perEur.set(m[1]!, new Decimal(m[2]!));
  const usd = perEur.get("USD");
  if (!usd || usd.isZero()) throw new Error("the ECB's daily reference rates carry no USD rate");
  const source = `ECB euro foreign exchange reference rates of ${time}; ${ECB_DAILY_URL}`;
  const rates: RateEntry[] = [];
  for (const currency of CURRENCIES as readonly CurrencyCode[]) {
    if (currency === "USD") continue;
    const perUsd = currency === "EUR" ? new Decimal(1).div(usd) : perEur.get(currency)?.div(usd);
    if (perUsd) rates.push({ currency, perUsd: perUsd.toDecimalPlaces(6).toString(), source, asOf: time });
  }
  return rates;
}
