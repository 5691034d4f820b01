import { UserError } from "../errors.ts";
import { Decimal, isCurrency, parseAmount } from "../money.ts";
import { nearest } from "../names.ts";
import type { Catalog } from "./index.ts";
import type { PriceEntry } from "./types.ts";

/**
 * A team's own prices (README "Prices: the catalog", "Your price book"): negotiated rates that
 * replace a catalog entry, and a blanket discount on every AWS-billed price. Overrides are final
 * (a negotiated rate is what the team pays: the discount does not apply to it again).
 */
export interface PriceOverride {
  readonly key: string;
  /** In the entry's own currency, per the entry's own `per` units (as `prices` shows it). */
  readonly value: string;
  readonly setBy: string;
  readonly setAt: string;
}

export interface PriceDiscount {
  /** Today one scope: every AWS-billed price (aws.* keys and the models Amazon Bedrock sells). */
  readonly scope: "aws";
  /** Percent off, a decimal string above 0 and at most 100 ("6"). */
  readonly percent: string;
  readonly setBy: string;
  readonly setAt: string;
}

export interface PriceBook {
  readonly overrides: readonly PriceOverride[];
  readonly discount?: PriceDiscount;
}

/** The bound every amount costbot prices stays under (docs/workload-models.md, "Sizes"). */
const MAX_AMOUNT = new Decimal("1e15");

/** The price a key stands for, as the catalog writes it: "0.20 USD per 1,000,000 requests". */
export const priceText = (p: Pick<PriceEntry, "value" | "currency" | "per" | "unit">, value = p.value) =>
  `${value} ${p.currency} per ${p.per === 1 ? "" : `${p.per.toLocaleString("en-US")} `}${p.unit}`;

const day = (iso: string) => iso.slice(0, 10);

/** True for a price AWS bills: an `aws.` key, or a model sold by Amazon Bedrock. */
export function awsBilled(catalog: Pick<Catalog, "model">, key: string): boolean {
  if (key.startsWith("aws.")) return true;
  if (!key.startsWith("model.")) return false;
  const id = key.slice("model.".length, key.lastIndexOf("."));
  return catalog.model(id)?.provider === "aws";
}

/**
 * `prices set <key>=<amount>`: the key must be a catalog price, the amount a number (in the
 * entry's currency, per its unit) or an amount in that same currency, 0 or more and below 1e15.
 * Returns the value to store; refuses with one line.
 */
export function checkOverride(catalog: Catalog, key: string, text: string): string {
  const entry = catalog.price(key);
  if (!entry) {
    const near = nearest(key, catalog.keys("price"));
    throw new UserError(
      `no price \`${key.slice(0, 80)}\` in the catalog${near}`,
      "`prices <filter>` lists the keys",
    );
  }
  const plain = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(text.trim());
  let value: Decimal;
  // A plain number keeps the digits as written (0.10 stays 0.10, as the vendor's page writes it).
  const written = plain && !/e/i.test(text) ? text.trim().replace(/^\+/, "") : undefined;
  if (plain) value = new Decimal(text.trim());
  else {
    const money = parseAmount(text);
    if ("reason" in money) throw new UserError(`\`${text.slice(0, 40)}\` is not a price: ${money.reason}`);
    if (money.currency !== entry.currency || !isCurrency(money.currency))
      throw new UserError(
        `${key} is priced in ${entry.currency} (${priceText(entry)}); give the amount in ${entry.currency}`,
      );
    value = money.amount;
  }
  if (!value.isFinite() || value.isNegative())
    throw new UserError(`a price is 0 or more (got ${text.slice(0, 40)}); nothing stored`);
  if (value.gte(MAX_AMOUNT))
    throw new UserError(`${text.slice(0, 40)} is beyond what costbot prices (below 1e15); nothing stored`);
  return written ?? value.toString();
}

/** `settings discount=aws:6%`: a percent above 0 and at most 100 (0 removes it). */
export function checkDiscount(percent: Decimal, text: string): string {
  if (!percent.isFinite() || percent.lt(0) || percent.gt(100))
    throw new UserError(`a discount is between 0 and 100 % (got ${text.slice(0, 40)}); nothing stored`);
  return percent.toString();
}

/**
 * The catalog as the team pays: an overridden key at the team's value (its source names the
 * price book, who set it and when), every other AWS-billed price less the discount.
 */
export function withPriceBook(base: Catalog, book: PriceBook | undefined): Catalog {
  if (!book || (!book.overrides.length && !book.discount)) return base;
  const overrides = new Map(book.overrides.map((o) => [o.key, o]));
  const discount = book.discount;
  const keep = discount ? new Decimal(100).minus(discount.percent).div(100) : undefined;
  const cache = new Map<string, PriceEntry | undefined>();
  const priced = (entry: PriceEntry): PriceEntry => {
    const o = overrides.get(entry.key);
    const { undated: _u, live: _l, note: _n, ...kept } = entry;
    if (o) {
      const book = `your price book: ${entry.key} ${priceText(entry, o.value)}, set by ${o.setBy} on ${day(o.setAt)}`;
      return { ...kept, value: o.value, source: book, asOf: day(o.setAt), book };
    }
    if (!discount || !keep || !awsBilled(base, entry.key)) return entry;
    const book = `your price book: ${discount.percent} % off AWS list prices, set by ${discount.setBy} on ${day(discount.setAt)}`;
    return {
      ...entry,
      value: new Decimal(entry.value).times(keep).toString(),
      source: `${entry.source}; less ${discount.percent} % (${book})`,
      book,
    };
  };
  const price = (key: string) => {
    if (!cache.has(key)) {
      const entry = base.price(key);
      cache.set(key, entry && priced(entry));
    }
    return cache.get(key);
  };
  return { ...base, price, prices: () => base.prices().map((p) => price(p.key) ?? p) };
}
