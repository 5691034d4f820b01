import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import type { PriceBookStore } from "../../app/ports/price-book.ts";
import type { Tenant } from "../../app/ports.ts";
import type { PriceBook, PriceDiscount, PriceOverride } from "../../core/catalog/price-book.ts";
import { type ItemKey, keys } from "./table.ts";
import { TableAccess } from "./table-access.ts";

/**
 * A tenant's price book in its own partition: one item per overridden key
 * (`PRICEBOOK#key#<key>`) and one for the discount (`PRICEBOOK#discount#aws`), so two people
 * setting two keys at once never overwrite each other. One key query reads the whole book.
 */
const PREFIX = "PRICEBOOK#";
const overrideKey = (tenant: Tenant, key: string): ItemKey => ({
  pk: keys.tenant(tenant),
  sk: `${PREFIX}key#${key}`,
});
const discountKey = (tenant: Tenant): ItemKey => ({ pk: keys.tenant(tenant), sk: `${PREFIX}discount#aws` });

const Override = z.object({ key: z.string(), value: z.string(), setBy: z.string(), setAt: z.string() });
const Discount = z.object({
  scope: z.literal("aws"),
  percent: z.string(),
  setBy: z.string(),
  setAt: z.string(),
});
const Item = z.union([
  z.looseObject({ kind: z.literal("override"), override: Override }),
  z.looseObject({ kind: z.literal("discount"), discount: Discount }),
]);

export class DynamoPriceBookStore implements PriceBookStore {
  private readonly items: TableAccess;

  constructor(db: DynamoDBDocumentClient, table: string) {
    this.items = new TableAccess(db, table);
  }

  async getPriceBook(tenant: Tenant): Promise<PriceBook> {
    const found = await this.items.query(tenant, PREFIX, Item);
    const overrides: PriceOverride[] = [];
    let discount: PriceDiscount | undefined;
    for (const item of found) {
      if (item.kind === "override") overrides.push(item.override);
      else discount = item.discount;
    }
    overrides.sort((a, b) => a.key.localeCompare(b.key));
    return { overrides, ...(discount ? { discount } : {}) };
  }

  async setPrice(tenant: Tenant, override: PriceOverride): Promise<PriceOverride | undefined> {
    const key = overrideKey(tenant, override.key);
    const before = await this.items.get(key, Item);
    await this.items.put({ ...key, kind: "override", override: Override.parse(override) });
    return before?.kind === "override" ? before.override : undefined;
  }

  async unsetPrice(tenant: Tenant, key: string): Promise<PriceOverride | undefined> {
    const old = await this.items.delete(overrideKey(tenant, key));
    const parsed = old ? Item.safeParse(old) : undefined;
    return parsed?.success && parsed.data.kind === "override" ? parsed.data.override : undefined;
  }

  async setDiscount(tenant: Tenant, discount: PriceDiscount | undefined): Promise<void> {
    if (!discount) await this.items.delete(discountKey(tenant));
    else
      await this.items.put({ ...discountKey(tenant), kind: "discount", discount: Discount.parse(discount) });
  }
}
