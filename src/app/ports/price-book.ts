import type { PriceBook, PriceDiscount, PriceOverride } from "../../core/catalog/price-book.ts";
import type { Tenant } from "./model.ts";

/**
 * A tenant's price book (README "Prices: the catalog"): its overrides, one item per key, and its
 * discount. DynamoDB in chat, the embedded store in the CLI.
 */
export interface PriceBookStore {
  getPriceBook(tenant: Tenant): Promise<PriceBook>;
  /** Stores the override; returns the one it replaced. */
  setPrice(tenant: Tenant, override: PriceOverride): Promise<PriceOverride | undefined>;
  /** Removes the override; returns it, or undefined when there was none. */
  unsetPrice(tenant: Tenant, key: string): Promise<PriceOverride | undefined>;
  /** Sets the discount, or removes it (undefined). */
  setDiscount(tenant: Tenant, discount: PriceDiscount | undefined): Promise<void>;
}
