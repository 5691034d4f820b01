import { GetProductsCommand, type PricingClient } from "@aws-sdk/client-pricing";
import { type FetchedPrice, type PriceListSource, PriceListUnavailable } from "../../app/ports.ts";
import type { Catalog } from "../../core/catalog/index.ts";
import { Decimal } from "../../core/money.ts";
import { describeQuery, type PriceListQuery, priceListQueries } from "./filters.ts";
import { onDemandPrice } from "./price-list.ts";

type Queries = Readonly<Record<string, PriceListQuery>>;

/**
 * The AWS Price List Query API (pricing:GetProducts, served from us-east-1) for the catalog
 * keys in filters.ts, in any region. The client is injected (us-east-1): the Lambda's role or
 * the user's own credentials for `costbot prices refresh`.
 */
export class AwsPriceList implements PriceListSource {
  constructor(
    private readonly client: PricingClient,
    private readonly catalog: Catalog,
    /** The queries per region (filters.ts); a fixed set for tests. */
    private readonly queries: Queries | ((region: string) => Queries) = priceListQueries,
  ) {}

  async fetchAll(region = "us-east-1"): Promise<FetchedPrice[]> {
    const queries = typeof this.queries === "function" ? this.queries(region) : this.queries;
    try {
      // Resolve credentials first: failing here is "no credentials", not a price list error.
      await this.client.config.credentials();
    } catch (error) {
      throw new PriceListUnavailable(
        "no AWS credentials: `costbot prices refresh` reads the AWS Price List API with yours (AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)",
        { cause: error },
      );
    }
    const out: FetchedPrice[] = [];
    for (const [key, query] of Object.entries(queries)) {
      const entry = this.catalog.price(key);
      if (!entry) continue;
      const { PriceList = [] } = await this.client.send(
        new GetProductsCommand({
          ServiceCode: query.serviceCode,
          FormatVersion: "aws_v1",
          MaxResults: 10,
          Filters: Object.entries(query.filters).map(([Field, Value]) => ({
            Type: "TERM_MATCH",
            Field,
            Value,
          })),
        }),
      );
      const prices = (PriceList as unknown[])
        .map((item) => onDemandPrice(String(item)))
        .filter((p): p is NonNullable<typeof p> => p !== undefined);
      const described = describeQuery(query);
      // Exactly one product in the expected unit, or the filter no longer names what it did.
      const price = prices.length === 1 && prices[0]!.unit === query.unit ? prices[0] : undefined;
      out.push({
        key,
        query: described,
        ...(price
          ? {
              value: new Decimal(price.usd)
                .div(query.unitSize ?? 1)
                .times(entry.per)
                .toString(),
              ...(price.asOf ? { asOf: price.asOf } : {}),
            }
          : {}),
      });
    }
    return out;
  }
}
