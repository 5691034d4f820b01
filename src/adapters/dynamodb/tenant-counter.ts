import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Tenant } from "../../app/ports.ts";
import { keys } from "./table.ts";
import type { TableAccess } from "./table-access.ts";

/**
 * How many items of one kind a tenant has, kept in one counter item (`META#COUNT#…`) changed
 * only by conditional updates: taking a slot succeeds only below the cap, so twenty saves racing
 * at the cap cannot all pass a count read before any of them wrote (README, "Limits"). A tenant
 * whose counter does not exist yet gets it from a count of its items, once.
 *
 * A process killed between taking a slot and writing its item leaves the counter one too high:
 * the cap then binds one early, never late; `costbot store check` reports it and `store repair`
 * sets the counter from the items again.
 */
export class TenantCounter {
  private readonly known = new Set<Tenant>();

  constructor(
    private readonly items: TableAccess,
    private readonly sk: string,
    /** The tenant's items counted one by one: the counter's first value. */
    private readonly countItems: (tenant: Tenant) => Promise<number>,
  ) {}

  private key(tenant: Tenant) {
    return { pk: keys.tenant(tenant), sk: this.sk };
  }

  /** Takes one of `limit` slots: false (and nothing changed) when all are taken. */
  async take(tenant: Tenant, limit: number): Promise<boolean> {
    return this.step(tenant, "+", "#count < :bound", limit);
  }

  /** Gives a slot back (its item was deleted, or never written); never below zero. */
  async give(tenant: Tenant): Promise<void> {
    await this.step(tenant, "-", "#count > :bound", 0);
  }

  /** Moves the count by one while `condition` holds against `bound`; false when it did not. */
  private async step(tenant: Tenant, sign: "+" | "-", condition: string, bound: number): Promise<boolean> {
    await this.ensure(tenant);
    try {
      await this.items.db.send(
        new UpdateCommand({
          TableName: this.items.table,
          Key: this.key(tenant),
          UpdateExpression: `SET #count = #count ${sign} :one`,
          ConditionExpression: condition,
          ExpressionAttributeNames: { "#count": "count" },
          ExpressionAttributeValues: { ":one": 1, ":bound": bound },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** The counter as stored; undefined before the tenant's first create. */
  async read(tenant: Tenant): Promise<number | undefined> {
    const { Item } = await this.items.db.send(
      new GetCommand({ TableName: this.items.table, Key: this.key(tenant), ConsistentRead: true }),
    );
    return typeof Item?.count === "number" ? Item.count : undefined;
  }

  /** Sets the counter from the items again (`store repair`). */
  async recount(tenant: Tenant): Promise<number> {
    const count = await this.countItems(tenant);
    await this.items.put({ ...this.key(tenant), count });
    this.known.add(tenant);
    return count;
  }

  /** Makes sure the tenant's counter exists (counted from its items the first time). */
  async ensure(tenant: Tenant): Promise<void> {
    if (this.known.has(tenant)) return;
    if ((await this.read(tenant)) === undefined) {
      const count = await this.countItems(tenant);
      try {
        await this.items.db.send(
          new PutCommand({
            TableName: this.items.table,
            Item: { ...this.key(tenant), count },
            // Two first creates racing: the first counter written stands.
            ConditionExpression: "attribute_not_exists(pk)",
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
    this.known.add(tenant);
  }
}
