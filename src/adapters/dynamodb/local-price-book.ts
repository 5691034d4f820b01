import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { PriceBookStore } from "../../app/ports/price-book.ts";

/** Written next to the store once the CLI's price book has held something. */
export const priceBookMarker = (home: string) => join(home, "price-book");

/**
 * The CLI's price book in the embedded store. Until something was set (the marker file), reading
 * opens nothing: commands that need no store keep not opening it (as the local overlay does).
 */
export function localPriceBook(home: string, open: () => Promise<PriceBookStore>): PriceBookStore {
  const mark = () => {
    mkdirSync(home, { recursive: true });
    writeFileSync(priceBookMarker(home), "the price book has entries in the embedded store\n");
  };
  const used = () => existsSync(priceBookMarker(home));
  return {
    getPriceBook: async (tenant) => (used() ? (await open()).getPriceBook(tenant) : { overrides: [] }),
    setPrice: async (tenant, override) => {
      const before = await (await open()).setPrice(tenant, override);
      mark();
      return before;
    },
    unsetPrice: async (tenant, key) => (used() ? (await open()).unsetPrice(tenant, key) : undefined),
    setDiscount: async (tenant, discount) => {
      await (await open()).setDiscount(tenant, discount);
      if (discount) mark();
    },
  };
}
