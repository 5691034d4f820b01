import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { BudgetSubscription, BudgetSubscriptionStore, Tenant } from "../../app/ports.ts";
import { awsBudgetLookupItem, budgetItem, parseItem } from "./items.ts";
import { keys, SK_PREFIX } from "./table.ts";
import { TableAccess } from "./table-access.ts";

/** Budget subscriptions, and the pointer from each AWS budget name back to its tenant. */
export class DynamoBudgetSubscriptionStore implements BudgetSubscriptionStore {
  private readonly items: TableAccess;

  constructor(db: DynamoDBDocumentClient, table: string) {
    this.items = new TableAccess(db, table);
  }

  /**
   * Two items: the subscription in its tenant's partition, and a pointer from the AWS budget
   * name. Not a transaction, because the local engine (dynalite) has no TransactWriteItems:
   * the pointer is written first and removed last, and a read through it checks the
   * subscription still exists, so a write interrupted halfway leaves only a harmless pointer.
   */
  async putBudgetSubscription(sub: BudgetSubscription): Promise<void> {
    await this.items.put({ tenant: sub.tenant, name: sub.name, ...keys.awsBudget(sub.awsBudgetName) });
    await this.items.put({ ...sub, ...keys.budget(sub.tenant, sub.name) });
  }

  getBudgetSubscription(tenant: Tenant, name: string): Promise<BudgetSubscription | undefined> {
    return this.items.get(keys.budget(tenant, name), budgetItem);
  }

  async findBudgetSubscriptionByAwsName(awsBudgetName: string): Promise<BudgetSubscription | undefined> {
    const pointer = await this.items.get(keys.awsBudget(awsBudgetName), awsBudgetLookupItem);
    if (!pointer) return undefined;
    const sub = await this.getBudgetSubscription(pointer.tenant, pointer.name);
    return sub?.awsBudgetName === awsBudgetName ? sub : undefined;
  }

  listBudgetSubscriptions(tenant: Tenant): Promise<BudgetSubscription[]> {
    return this.items.query(tenant, SK_PREFIX.budget, budgetItem);
  }

  async deleteBudgetSubscription(tenant: Tenant, name: string): Promise<boolean> {
    const key = keys.budget(tenant, name);
    const old = await this.items.delete(key);
    if (old === undefined) return false;
    const { awsBudgetName } = parseItem(budgetItem.pick({ awsBudgetName: true }), key, old);
    await this.items.delete(keys.awsBudget(awsBudgetName));
    return true;
  }
}
