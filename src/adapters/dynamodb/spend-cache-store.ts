import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import type { SpendCache, Tenant } from "../../app/ports.ts";
import { type ItemKey, keys, TTL_ATTRIBUTE } from "./table.ts";
import { TableAccess } from "./table-access.ts";

/** `T#<tenant>` / `SPEND#<filter, month, day>`: one Cost Explorer answer, gone after its TTL. */
const spendKey = (tenant: Tenant, key: string): ItemKey => ({ pk: keys.tenant(tenant), sk: `SPEND#${key}` });
const spendItem = z.object({ value: z.string(), [TTL_ATTRIBUTE]: z.number() });

export class DynamoSpendCache implements SpendCache {
  private readonly items: TableAccess;

  constructor(
    db: DynamoDBDocumentClient,
    table: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.items = new TableAccess(db, table);
  }

  async getSpend(tenant: Tenant, key: string): Promise<string | undefined> {
    const item = await this.items.get(spendKey(tenant, key), spendItem);
    // DynamoDB's TTL sweeper deletes late: an expired item is treated as gone.
    if (!item || item[TTL_ATTRIBUTE] * 1000 <= this.now().getTime()) return undefined;
    return item.value;
  }

  async putSpend(tenant: Tenant, key: string, value: string, expiresAt: number): Promise<void> {
    await this.items.put({ ...spendKey(tenant, key), value, [TTL_ATTRIBUTE]: expiresAt });
  }
}
