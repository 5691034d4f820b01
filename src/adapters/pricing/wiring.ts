import type { PriceListSource, PriceOverlay, PriceOverlayStore } from "../../app/ports.ts";
import type { Catalog } from "../../core/catalog/index.ts";
import type { DynamoPriceOverlay } from "../dynamodb/price-overlay.ts";

/** The Price List API in us-east-1 (the region that serves it), its SDK loaded on first use. */
export function lazyPriceList(catalog: Catalog): () => Promise<PriceListSource> {
  return async () => {
    const [{ PricingClient }, { AwsPriceList }] = await Promise.all([
      import("@aws-sdk/client-pricing"),
      import("./aws-price-list.ts"),
    ]);
    return new AwsPriceList(new PricingClient({ region: "us-east-1" }), catalog);
  };
}

/** The overlay in a deployed table (`COSTBOT_TABLE`), through the caller's own AWS credentials. */
export function lazyOverlay(table: string, endpoint?: string): PriceOverlayStore {
  let opened: Promise<DynamoPriceOverlay> | undefined;
  const open = () =>
    (opened ??= Promise.all([import("../dynamodb/client.ts"), import("../dynamodb/price-overlay.ts")]).then(
      ([{ documentClientFor }, { DynamoPriceOverlay }]) =>
        new DynamoPriceOverlay(documentClientFor(endpoint), table),
    ));
  return {
    getOverlay: async (region?: string): Promise<PriceOverlay | undefined> =>
      (await open()).getOverlay(region),
    putOverlay: async (overlay) => (await open()).putOverlay(overlay),
    noteRegion: async (region) => (await open()).noteRegion(region),
    regionsUsed: async () => (await open()).regionsUsed(),
  };
}
