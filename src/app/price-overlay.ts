import type { Catalog, RateEntry } from "../core/catalog/index.ts";
import { type LivePrice, withLivePrices } from "../core/catalog/overlay.ts";
import { Decimal } from "../core/money.ts";
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

/** The ports a refresh talks through live in ports/prices.ts; re-exported for their adapters. */
export {
  type FetchedPrice,
  type HeldPrice,
  type PriceListSource,
  PriceListUnavailable,
  type PriceOverlay,
  type PriceOverlayStore,
} from "./ports/prices.ts";

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
  return { date, fetchedAt: now.toISOString(), prices, held, ...(rates.length ? { rates } : {}) };
}

/** The catalog replies price with: the shipped one, with the stored overlay's live prices over it. */
export function catalogWithOverlay(shipped: Catalog, overlay: PriceOverlay | undefined): Catalog {
  return overlay ? withLivePrices(shipped, overlay.prices, overlay.date, overlay.rates) : shipped;
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
): () => Promise<PriceOverlay | undefined> {
  let cached: { at: number; overlay: Promise<PriceOverlay | undefined> } | undefined;
  let last: PriceOverlay | undefined;
  return () => {
    // One read in flight at a time: concurrent requests on a cold instance share it.
    if (cached && now() - cached.at < ttlMs) return cached.overlay;
    const read = store.getOverlay().then(
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

const readers = new WeakMap<PriceOverlayStore, () => Promise<PriceOverlay | undefined>>();

/** Deps whose catalog carries the stored live prices (the shipped catalog kept for refreshes). */
export async function livePrices<
  D extends {
    catalog: Catalog;
    overlay?: PriceOverlayStore;
    log: { error(m: string, c?: Readonly<Record<string, unknown>>): void };
  },
>(deps: D): Promise<D & { shippedCatalog: Catalog }> {
  const store = deps.overlay;
  if (!store) return { ...deps, shippedCatalog: deps.catalog };
  let read = readers.get(store);
  if (!read) {
    read = cachedOverlay(store, Date.now, (error) =>
      deps.log.error("price overlay unreadable; shipped prices in force", { error: String(error) }),
    );
    readers.set(store, read);
  }
  return { ...deps, catalog: catalogWithOverlay(deps.catalog, await read()), shippedCatalog: deps.catalog };
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
): Promise<PriceOverlay> {
  const fetched = await source.fetchAll();
  let rates: readonly RateEntry[] = [];
  try {
    rates = rateSource ? await rateSource() : [];
  } catch (error) {
    // The ECB being unreachable keeps the catalog's rates; the AWS prices still refresh.
    log.error("exchange rates not refreshed; catalog rates kept", { error: String(error) });
  }
  const overlay = buildOverlay(shipped, fetched, now, rates);
  for (const h of overlay.held) log.error("live price held for review, shipped price kept", { ...h });
  if (store) {
    await store.putOverlay(overlay);
    forgetOverlay(store);
  }
  log.info(store ? "price overlay written" : "price overlay fetched, not stored", {
    date: overlay.date,
    live: overlay.prices.length,
    held: overlay.held.length,
  });
  return overlay;
}
