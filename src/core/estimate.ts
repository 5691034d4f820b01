import type { Catalog, PriceEntry } from "./catalog/index.ts";
import {
  type CurrencyCode,
  convert,
  type Decimal,
  dec,
  moneyOf,
  roundCents,
  sum,
  sumMoney,
} from "./money.ts";
import {
  type AmountValue,
  coerceValue,
  defaultValue,
  type ParamValue,
  type ResolvedParams,
  unknownKey,
  type Value,
} from "./params.ts";
import { Pricer, type Template } from "./template.ts";

/** One priced quantity of a line, exact (not yet rounded), in the estimate's currency. */
export interface ComponentItem {
  readonly label: string;
  readonly quantity: string;
  readonly unit: string;
  readonly amount: string;
  readonly priceKey?: string;
  readonly unitPrice?: string;
}

export interface LineItem {
  readonly id: string;
  readonly label: string;
  /** Rounded half-up to cents in the estimate's currency, as a decimal string ("17.00"). */
  readonly amount: string;
  /** Share of the total, 0..1, exact (a decimal string): rounded only where it is shown. */
  readonly share: string;
  readonly quantity?: string;
  readonly unit?: string;
  readonly unitPrice?: string;
  readonly priceKeys: readonly string[];
  readonly components: readonly ComponentItem[];
  readonly flagged?: string;
}

export interface PriceSource {
  readonly key: string;
  readonly price: string;
  readonly source: string;
  readonly asOf: string;
  /** The source states no date; asOf is the day it was copied. */
  readonly undated?: true;
  /** A live price (AWS Price List API): the day it was fetched. */
  readonly live?: string;
}

export interface Estimate {
  readonly template: string;
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly currency: CurrencyCode;
  /** The sum of the lines' amounts, a decimal string in `currency` ("55038.32"). */
  readonly total: string;
  readonly lines: readonly LineItem[];
  readonly notes: readonly string[];
  /** The lines that make up most of the total, largest first. */
  readonly drivers: readonly { readonly id: string; readonly label: string; readonly share: string }[];
  /** Monthly revenue (cents, decimal string) and the exact gross margin, 0..1. */
  readonly revenue?: { readonly amount: string; readonly margin: string };
  readonly catalog: { readonly version: string; readonly date: string };
  readonly sources: readonly PriceSource[];
  /** The exchange rate used when the estimate is not in USD ("1 USD = 32 TWD", its source and date). */
  readonly rate?: {
    readonly currency: CurrencyCode;
    readonly perUsd: string;
    readonly source: string;
    readonly asOf: string;
    readonly undated?: true;
  };
}

/** Defaults, then the preset's values, then what the user wrote; every value checked. */
export function resolveParams(
  template: Template,
  written: Readonly<Record<string, Value>>,
  catalog: Catalog,
): ResolvedParams {
  const resolved: Record<string, ParamValue> = {};
  for (const [key, spec] of Object.entries(template.params)) resolved[key] = defaultValue(spec, catalog);
  const given: Record<string, ParamValue> = {};
  for (const [rawKey, value] of Object.entries(written)) {
    const key = rawKey.toLowerCase();
    const spec = template.params[key];
    if (!spec) throw unknownKey(rawKey, template.name, template.params);
    given[key] = coerceValue(key, spec, value, catalog);
  }
  if (template.presets) {
    const preset = String(given.preset ?? template.defaultPreset);
    Object.assign(resolved, template.presets[preset], { preset });
  }
  return Object.assign(resolved, given);
}

/** A price as its source wrote it ("3.50 USD per 1,000,000 requests"). */
const formatPrice = (p: PriceEntry) =>
  `${p.value} ${p.currency} per ${p.per === 1 ? "" : `${p.per.toLocaleString("en-US")} `}${p.unit}`;

export function estimate(
  template: Template,
  params: ResolvedParams,
  catalog: Catalog,
  currency: CurrencyCode = "USD",
): Estimate {
  const notes: string[] = [];
  const drafts = template.lines(params, new Pricer(catalog), notes);
  const toCurrency = (usd: Decimal) => convert(usd, "USD", currency, catalog.rates);
  const sources = new Map<string, PriceSource>();

  // Each line's amount travels with the estimate's currency; the total adds only those.
  const rounded = drafts.map((draft) => {
    const exact = toCurrency(sum(draft.components.map((c) => c.usd)));
    return { draft, money: moneyOf(roundCents(exact), currency) };
  });
  const total = sumMoney(
    currency,
    rounded.map((r) => r.money),
  ).amount;

  const lines: LineItem[] = rounded.map(({ draft, money: { amount } }) => {
    const missing = draft.components.filter((c) => c.missingKey).map((c) => c.missingKey!);
    if (missing.length)
      notes.push(`${draft.id}: no price in the catalog for ${missing.join(", ")}; line is incomplete`);
    const components = draft.components.map((c): ComponentItem => {
      if (c.price) {
        sources.set(c.price.key, {
          key: c.price.key,
          price: formatPrice(c.price),
          source: c.price.source,
          asOf: c.price.asOf,
          ...(c.price.undated ? { undated: true } : {}),
          ...(c.price.live ? { live: c.price.live } : {}),
        });
      }
      return {
        label: c.label,
        quantity: c.quantity.toDecimalPlaces(6).toString(),
        unit: c.unit,
        amount: toCurrency(c.usd).toDecimalPlaces(6).toString(),
        ...(c.price ? { priceKey: c.price.key } : {}),
        ...(c.price
          ? {
              unitPrice: formatPrice(c.price),
            }
          : {}),
      };
    });
    const single = components.length === 1 ? components[0] : undefined;
    return {
      id: draft.id,
      label: draft.label,
      amount: amount.toFixed(2),
      share: total.isZero() ? "0" : amount.div(total).toString(),
      ...(single ? { quantity: single.quantity, unit: single.unit } : {}),
      ...(single?.unitPrice ? { unitPrice: single.unitPrice } : {}),
      priceKeys: components.flatMap((c) => (c.priceKey ? [c.priceKey] : [])),
      components,
      ...(missing.length ? { flagged: `missing price: ${missing.join(", ")}` } : {}),
    };
  });

  const revenueUsd = template.revenueUsd?.(params);
  const revenue = revenueUsd ? roundCents(toCurrency(revenueUsd)) : undefined;
  return {
    template: template.name,
    params: { ...params },
    currency,
    total: total.toFixed(2),
    lines,
    notes,
    drivers: topDrivers(lines),
    ...(revenue && !revenue.isZero()
      ? {
          revenue: {
            amount: revenue.toFixed(2),
            margin: revenue.minus(total).div(revenue).toString(),
          },
        }
      : {}),
    catalog: { version: catalog.version, date: catalog.date },
    sources: [...sources.values()].sort((a, b) => a.key.localeCompare(b.key)),
    ...rateUsed(catalog, currency),
  };
}

function rateUsed(catalog: Catalog, currency: CurrencyCode): Pick<Estimate, "rate"> {
  const r = currency === "USD" ? undefined : catalog.rateEntries.find((e) => e.currency === currency);
  if (!r) return {};
  return {
    rate: {
      currency,
      perUsd: r.perUsd,
      source: r.source,
      asOf: r.asOf,
      ...(r.undated ? { undated: true as const } : {}),
    },
  };
}

/** The largest lines that together make up at least 80 % of the total (at most three). */
function topDrivers(lines: readonly LineItem[]) {
  const sorted = [...lines].filter((l) => dec(l.amount).gt(0)).sort((a, b) => dec(b.amount).cmp(a.amount));
  const drivers: { id: string; label: string; share: string }[] = [];
  let covered = dec(0);
  for (const l of sorted) {
    if (drivers.length === 3 || covered.gte(0.8)) break;
    drivers.push({ id: l.id, label: l.label, share: l.share });
    covered = covered.plus(l.share);
  }
  return drivers;
}

/** Display text of a resolved parameter value. */
export function paramText(value: ParamValue): string {
  if (typeof value === "object") return (value as AmountValue).text;
  return String(value);
}
