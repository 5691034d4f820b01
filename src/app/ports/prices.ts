import type { RateEntry } from "../../core/catalog/index.ts";
import type { LivePrice } from "../../core/catalog/overlay.ts";

/**
 * Live AWS prices (app/price-overlay.ts): a refresh reads the AWS Price List API
 * (PriceListSource) and writes a dated overlay (PriceOverlayStore).
 */

/** One catalog key as the price list answered it: a price in the catalog's own unit, or nothing. */
export interface FetchedPrice {
  readonly key: string;
  /** USD per the catalog entry's `per` units; undefined when the price list had no such product. */
  readonly value?: string;
  readonly asOf?: string;
  /** What was asked (service and filters), for the log and the source line. */
  readonly query: string;
}

export interface PriceListSource {
  /** Every key the source knows how to ask for. Throws PriceListUnavailable without credentials. */
  fetchAll(): Promise<FetchedPrice[]>;
}

/** The price list could not be read at all (no credentials, no network): one line for the user. */
export class PriceListUnavailable extends Error {
  override readonly name = "PriceListUnavailable";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A price the refresh did not apply: it moved too far or vanished. A person should look. */
export interface HeldPrice {
  readonly key: string;
  readonly shipped: string;
  readonly fetched?: string;
  readonly reason: string;
}

export interface PriceOverlay {
  /** The day of the refresh (UTC, YYYY-MM-DD) and its instant. */
  readonly date: string;
  readonly fetchedAt: string;
  readonly prices: readonly LivePrice[];
  readonly held: readonly HeldPrice[];
  /** Exchange rates per 1 USD from the ECB's daily reference rates, when they could be read. */
  readonly rates?: readonly RateEntry[];
}

export interface PriceOverlayStore {
  getOverlay(): Promise<PriceOverlay | undefined>;
  putOverlay(overlay: PriceOverlay): Promise<void>;
}
