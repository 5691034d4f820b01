import { z } from "zod";

/** The parts of one GetProducts PriceList item (a JSON string, format aws_v1) costbot reads. */
const Dimension = z.looseObject({
  unit: z.string(),
  beginRange: z.string().optional(),
  pricePerUnit: z.looseObject({ USD: z.string().optional() }),
});
const Term = z.looseObject({
  effectiveDate: z.string().optional(),
  priceDimensions: z.record(z.string(), Dimension),
});
const Product = z.looseObject({
  product: z.looseObject({
    sku: z.string().optional(),
    attributes: z.record(z.string(), z.string()).optional(),
  }),
  terms: z.looseObject({ OnDemand: z.record(z.string(), Term).optional() }),
  publicationDate: z.string().optional(),
});

export interface OnDemandPrice {
  /** USD per one of the price list's units (the tier starting at 0). */
  readonly usd: string;
  readonly unit: string;
  /** The term's effective date, else the list's publication date (YYYY-MM-DD). */
  readonly asOf?: string;
}

/** The on-demand, first-tier USD price of one PriceList item, or undefined when it has none. */
export function onDemandPrice(item: string): OnDemandPrice | undefined {
  const parsed = Product.safeParse(JSON.parse(item));
  if (!parsed.success) return undefined;
  for (const term of Object.values(parsed.data.terms.OnDemand ?? {})) {
    const dims = Object.values(term.priceDimensions);
    const first = dims.find((d) => (d.beginRange ?? "0") === "0") ?? dims[0];
    const usd = first?.pricePerUnit.USD;
    if (first && usd !== undefined) {
      const date = term.effectiveDate ?? parsed.data.publicationDate;
      return { usd, unit: first.unit, ...(date ? { asOf: date.slice(0, 10) } : {}) };
    }
  }
  return undefined;
}
