import type { Catalog, RateEntry } from "../core/catalog/index.ts";
import { type LivePrice, withLivePrices } from "../core/catalog/overlay.ts";
import { type PriceBook, withPriceBook } from "../core/catalog/price-book.ts";
import { HOME_REGION } from "../core/catalog/regions.ts";
import { UserError } from "../core/errors.ts";
import { Decimal } from "../core/money.ts";
import type { PriceBookStore } from "./ports/price-book.ts";
import type {
  FetchedPrice,
  HeldPrice,
  PriceListSource,
  PriceOverlay,
  PriceOverlayStore,
} from "./ports/prices.ts";

/**
 * Live AWS prices: a refresh reads the AWS Price List API (PriceListSource) and writes a dated
 * overlay (PriceOverlayStore); replies price with the overlay laid over the shipped catalog,
 * which stays the fallback for every key the overlay lacks.
 */

/** A live price that moved by more than this share of the shipped one is held for a person. */
export const MAX_MOVE = new Decimal("0.5");

/**
 * Compares each fetched price with the shipped entry: within 50 % it goes into the overlay; a
 * bigger move, or a product the price list no longer has, is held and reported, never applied.
 */
export function buildOverlay(
  shipped: Catalog,
  fetched: readonly FetchedPrice[],
  now: Date,
  fetchedRates: readonly RateEntry[] = [],
  region: string = HOME_REGION,
): PriceOverlay {
  const date = now.toISOString().slice(0, 10);
  const prices: LivePrice[] = [];
  const held: HeldPrice[] = [];
  for (const f of fetched) {
    const entry = shipped.price(f.key);
    if (!entry) continue;
    if (f.value === undefined) {
      held.push({ key: f.key, shipped: entry.value, reason: `vanished from the price list (${f.query})` });
      continue;
    }
    const before = new Decimal(entry.value);
    const after = new Decimal(f.value);
    const move = before.isZero()
      ? after.isZero()
        ? new Decimal(0)
        : new Decimal(1e9)
      : after.minus(before).abs().div(before);
    if (move.gt(MAX_MOVE)) {
      held.push({
        key: f.key,
        shipped: entry.value,
        fetched: f.value,
        reason: `moved ${move.times(100).toDecimalPlaces(1)} % (more than 50 %)`,
      });
      continue;
    }
    prices.push({
      key: f.key,
      value: f.value,
      asOf: f.asOf ?? date,
      source: `AWS Price List API, fetched ${date} (${f.query})`,
    });
  }
  const rates: RateEntry[] = [];
  for (const r of fetchedRates) {
    const before = shipped.rateEntries.find((e) => e.currency === r.currency);
    const move = before
      ? new Decimal(r.perUsd).minus(before.perUsd).abs().div(before.perUsd)
      : new Decimal(0);
    if (move.gt(MAX_MOVE)) {
      held.push({
        key: `rate.${r.currency}`,
        shipped: before!.perUsd,
        fetched: r.perUsd,
        reason: `moved ${move.times(100).toDecimalPlaces(1)} % (more than 50 %)`,
      });
    } else rates.push(r);
  }
  return {
    date,
    fetchedAt: now.toISOString(),
    prices,
    held,
    ...(rates.length ? { rates } : {}),
    ...(region !== HOME_REGION ? { region } : {}),
  };
}

/**
 * The catalog replies price with: the shipped one, with the stored overlay's live prices over it;
 * in another region, that region's overlay over both (a key it lacks keeps the us-east-1 price,
 * and the estimate's notes say so).
 */
export function catalogWithOverlay(
  shipped: Catalog,
  overlay: PriceOverlay | undefined,
  regional?: PriceOverlay,
): Catalog {
  const home = overlay ? withLivePrices(shipped, overlay.prices, overlay.date, overlay.rates) : shipped;
  return regional ? withLivePrices(home, regional.prices, regional.date, [], regional.region) : home;
}

/**
 * Reads the overlay at most once per `ttlMs` (a warm Lambda reuses it); a store that fails
 * leaves the shipped prices in force, and the reply's context line then names no live price.
 */
export function cachedOverlay(
  store: PriceOverlayStore,
  now: () => number,
  onError: (error: unknown) => void,
  ttlMs = 10 * 60_000,
  region?: string,
): () => Promise<PriceOverlay | undefined> {
  let cached: { at: number; overlay: Promise<PriceOverlay | undefined> } | undefined;
  let last: PriceOverlay | undefined;
  return () => {
    // One read in flight at a time: concurrent requests on a cold instance share it.
    if (cached && now() - cached.at < ttlMs) return cached.overlay;
    const read = (region ? store.getOverlay(region) : store.getOverlay()).then(
      (overlay) => {
        last = overlay;
        return overlay;
      },
      (error: unknown) => {
        onError(error);
        cached = undefined;
        return last;
      },
    );
    cached = { at: now(), overlay: read };
    return read;
  };
}

const readers = new WeakMap<PriceOverlayStore, Map<string, () => Promise<PriceOverlay | undefined>>>();

function reader(store: PriceOverlayStore, region: string, log: { error(m: string, c?: object): void }) {
  let byRegion = readers.get(store);
  if (!byRegion) {
    byRegion = new Map();
    readers.set(store, byRegion);
  }
  let read = byRegion.get(region);
  if (!read) {
    read = cachedOverlay(
      store,
      Date.now,
      (error) =>
        log.error("price overlay unreadable; shipped prices in force", { region, error: String(error) }),
      undefined,
      region === HOME_REGION ? undefined : region,
    );
    byRegion.set(region, read);
  }
  return read();
}

/** Who is pricing, and where: the tenant's price book and the region's overlay apply. */
export interface PriceScope {
  readonly tenant?: string;
  /** An AWS region code (already checked); absent: us-east-1. */
  readonly region?: string;
}

/**
 * Deps whose catalog is the tenant's effective prices: the shipped catalog, the live overlay,
 * the region's overlay, then the tenant's price book (overrides and discount). Every priced
 * command (estimates, drift notices, `actual`) takes its prices from here. A region with no
 * overlay yet is refused with how to refresh it, and remembered for the daily refresh.
 */
export async function livePrices<
  D extends {
    catalog: Catalog;
    overlay?: PriceOverlayStore;
    priceBook?: PriceBookStore;
    log: { error(m: string, c?: Readonly<Record<string, unknown>>): void };
  },
>(
  deps: D,
  scope: PriceScope = {},
): Promise<D & { shippedCatalog: Catalog; pricesIn: (region: string) => Promise<Catalog> }> {
  // The same prices in another region: a what-if keeps its thread's region, `show` its scenario's.
  const pricesIn = async (region: string) => (await livePrices(deps, { ...scope, region })).catalog;
  const store = deps.overlay;
  const region = scope.region ?? HOME_REGION;
  // The book is read beside the overlays, not after them: one round trip on a cold container.
  const bookRead =
    scope.tenant && deps.priceBook ? cachedBook(deps.priceBook, scope.tenant) : Promise.resolve(undefined);
  const home = store ? await reader(store, HOME_REGION, deps.log) : undefined;
  let regional: PriceOverlay | undefined;
  if (region !== HOME_REGION) {
    regional = store ? await reader(store, region, deps.log) : undefined;
    if (!regional) {
      await store
        ?.noteRegion?.(region)
        .catch((error: unknown) =>
          deps.log.error("region not remembered for the daily refresh", { region, error: String(error) }),
        );
      throw new UserError(
        `no ${region} prices yet: the shipped catalog is us-east-1's. Run \`costbot prices refresh region=${region}\` (the CLI, with AWS credentials), or wait for the daily refresh, which now includes ${region}`,
      );
    }
  }
  const live = catalogWithOverlay(deps.catalog, home, regional);
  const book = await bookRead;
  return { ...deps, catalog: withPriceBook(live, book), shippedCatalog: deps.catalog, pricesIn };
}

/** The prices of `region` for a stored scenario: the command's own unless the scenario's differs. */
export async function catalogFor(
  deps: { catalog: Catalog; pricesIn?: (region: string) => Promise<Catalog> },
  region: string | undefined,
): Promise<Catalog> {
  const wanted = region ?? HOME_REGION;
  if (wanted === (deps.catalog.region ?? HOME_REGION) || !deps.pricesIn) return deps.catalog;
  return deps.pricesIn(wanted);
}

/**
 * A tenant's price book, read at most once a minute per warm process (every priced command reads
 * it); a change made through this process is seen at once (forgetPriceBook), one made through
 * another within the minute.
 */
const BOOK_TTL_MS = 60_000;
const books = new WeakMap<PriceBookStore, Map<string, { at: number; book: Promise<PriceBook> }>>();

function cachedBook(store: PriceBookStore, tenant: string): Promise<PriceBook> {
  let byTenant = books.get(store);
  if (!byTenant) {
    byTenant = new Map();
    books.set(store, byTenant);
  }
  const hit = byTenant.get(tenant);
  if (hit && Date.now() - hit.at < BOOK_TTL_MS) return hit.book;
  const book = store.getPriceBook(tenant);
  byTenant.set(tenant, { at: Date.now(), book });
  // A failed read is not kept: the next command asks again.
  book.catch(() => byTenant.delete(tenant));
  return book;
}

/** After `prices set/unset` or `settings discount=`: the next command reads the book again. */
export function forgetPriceBook(store: PriceBookStore, tenant: string): void {
  books.get(store)?.delete(tenant);
}

/** Forget cached overlays (after a refresh in the same process). */
export function forgetOverlay(store: PriceOverlayStore): void {
  readers.delete(store);
}

/**
 * One refresh: read the price list, keep what moved by at most 50 %, log every held price for a
 * person, store the dated overlay. Shared by the daily `prices` function and `prices refresh`.
 */
export async function refreshPrices(
  source: PriceListSource,
  store: PriceOverlayStore | undefined,
  shipped: Catalog,
  now: Date,
  log: {
    info(m: string, c?: Readonly<Record<string, unknown>>): void;
    error(m: string, c?: Readonly<Record<string, unknown>>): void;
  },
  rateSource?: () => Promise<readonly RateEntry[]>,
  region: string = HOME_REGION,
): Promise<PriceOverlay> {
  const fetched = await (region === HOME_REGION ? source.fetchAll() : source.fetchAll(region));
  let rates: readonly RateEntry[] = [];
  try {
    // Exchange rates go with the us-east-1 overlay only: one table for every region.
    rates = rateSource && region === HOME_REGION ? await rateSource() : [];
  } catch (error) {
    // The ECB being unreachable keeps the catalog's rates; the AWS prices still refresh.
    log.error("exchange rates not refreshed; catalog rates kept", { error: String(error) });
  }
  const overlay = buildOverlay(shipped, fetched, now, rates, region);
  for (const h of overlay.held) log.error("live price held for review, shipped price kept", { ...h });
  if (store) {
    await store.putOverlay(overlay);
    if (region !== HOME_REGION) await store.noteRegion?.(region);
    forgetOverlay(store);
  }
  log.info(store ? "price overlay written" : "price overlay fetched, not stored", {
    region,
    date: overlay.date,
    live: overlay.prices.length,
    held: overlay.held.length,
  });
  return overlay;
}
