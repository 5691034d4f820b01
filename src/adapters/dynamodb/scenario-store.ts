import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  paginateQuery,
  QueryCommand,
} from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import type { Scenario, ScenarioStore, ScenarioSummary, Tenant } from "../../app/ports.ts";
import { parseItem, scenarioItem, scenarioSummaryItem } from "./items.ts";
import { type ItemKey, keys, SK_PREFIX } from "./table.ts";
import { TableAccess } from "./table-access.ts";

export { DynamoIdempotencyStore } from "./idempotency-store.ts";

/** The fields of a scenario that its RECENT# item copies. */
function summaryOf(s: Omit<Scenario, "version">) {
  return {
    tenant: s.tenant,
    name: s.name,
    template: s.estimate.template,
    total: s.estimate.total,
    currency: s.estimate.currency,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    createdBy: s.createdBy,
  };
}

/**
 * Saved scenarios on the one table (see table.ts for the key layout). Each scenario has a small
 * RECENT# item keyed by when it was saved, so `list` reads one page of those, newest first, and a
 * count reads only them; nothing reads a tenant's whole partition of estimates. The RECENT# item
 * is written after the scenario and deleted after it (no transactions in dynalite): a write cut
 * short between the two leaves a scenario missing from `list`, or a listed name that `show` no
 * longer finds, never a scenario lost.
 */
export class DynamoScenarioStore implements ScenarioStore {
  private readonly items: TableAccess;
  /** Tenants whose older scenarios are known to have their RECENT# items (see `ensureRecentItems`). */
  private readonly indexed = new Set<Tenant>();

  constructor(db: DynamoDBDocumentClient, table: string) {
    this.items = new TableAccess(db, table);
  }

  async putScenario(scenario: Omit<Scenario, "version">, expectedVersion: number): Promise<Scenario> {
    const key = keys.scenario(scenario.tenant, scenario.name);
    const version = await this.items.putVersioned(
      key,
      scenario,
      expectedVersion,
      `scenario "${scenario.name}"`,
    );
    await this.items.put({
      ...summaryOf(scenario),
      ...keys.recentScenario(scenario.tenant, scenario.createdAt, scenario.name),
    });
    return { ...scenario, version };
  }

  getScenario(tenant: Tenant, name: string): Promise<Scenario | undefined> {
    return this.items.get(keys.scenario(tenant, name), scenarioItem);
  }

  async listScenarios(tenant: Tenant, page = { offset: 0, limit: 100 }): Promise<ScenarioSummary[]> {
    await this.ensureRecentItems(tenant);
    const wanted = page.offset + page.limit;
    const found: ScenarioSummary[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.items.db.send(
        new QueryCommand({
          TableName: this.items.table,
          KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
          ExpressionAttributeValues: { ":pk": keys.tenant(tenant), ":prefix": SK_PREFIX.recentScenario },
          ScanIndexForward: false,
          Limit: wanted - found.length,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const item of out.Items ?? []) found.push(parseItem(scenarioSummaryItem, keyOf(item), item));
      start = out.LastEvaluatedKey;
    } while (start && found.length < wanted);
    return found.slice(page.offset, wanted);
  }

  async countScenarios(tenant: Tenant): Promise<number> {
    await this.ensureRecentItems(tenant);
    let count = 0;
    const pages = paginateQuery(
      { client: this.items.db },
      {
        TableName: this.items.table,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
        ExpressionAttributeValues: { ":pk": keys.tenant(tenant), ":prefix": SK_PREFIX.recentScenario },
        Select: "COUNT",
      },
    );
    for await (const p of pages) count += p.Count ?? 0;
    return count;
  }

  async scenarioNamesStartingWith(tenant: Tenant, prefix: string, limit: number): Promise<string[]> {
    const out = await this.items.db.send(
      new QueryCommand({
        TableName: this.items.table,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
        ExpressionAttributeValues: {
          ":pk": keys.tenant(tenant),
          ":prefix": `${SK_PREFIX.scenario}${prefix.toLowerCase()}`,
        },
        ProjectionExpression: "#name",
        ExpressionAttributeNames: { "#name": "name" },
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((item) => String(item.name));
  }

  async deleteScenario(
    tenant: Tenant,
    name: string,
    only?: { readonly version: number; readonly createdAt: string },
  ): Promise<boolean> {
    const key = keys.scenario(tenant, name);
    let old: Record<string, unknown> | undefined;
    try {
      const out = await this.items.db.send(
        new DeleteCommand({
          TableName: this.items.table,
          Key: key,
          ReturnValues: "ALL_OLD",
          ...(only
            ? {
                ConditionExpression: "#version = :version AND createdAt = :createdAt",
                ExpressionAttributeNames: { "#version": "version" },
                ExpressionAttributeValues: { ":version": only.version, ":createdAt": only.createdAt },
              }
            : {}),
        }),
      );
      old = out.Attributes;
    } catch (error) {
      // Changed or deleted since it was read: nothing of what the caller meant is left to delete.
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
    if (old === undefined) return false;
    const { createdAt } = parseItem(scenarioItem.pick({ createdAt: true }), key, old);
    await this.items.delete(keys.recentScenario(tenant, createdAt, name));
    return true;
  }

  /**
   * Scenarios saved before RECENT# items existed get theirs the first time their tenant is
   * listed or counted: one pass over the tenant's scenarios, once, then a marker item says so.
   */
  private async ensureRecentItems(tenant: Tenant): Promise<void> {
    if (this.indexed.has(tenant)) return;
    const marker = keys.recentScenariosMarker(tenant);
    const { Item } = await this.items.db.send(new GetCommand({ TableName: this.items.table, Key: marker }));
    if (!Item) await this.rebuildRecentScenarios(tenant);
    this.indexed.add(tenant);
  }

  /**
   * Makes the tenant's RECENT# items match its scenarios again: a missing one is written, one
   * whose scenario is gone is deleted. Reads the whole partition of scenarios: for a first list
   * and after a repair (`costbot store repair` can keep a scenario but lose its summary), not per request.
   */
  async rebuildRecentScenarios(tenant: Tenant): Promise<void> {
    const scenarios = await this.items.query(tenant, SK_PREFIX.scenario, scenarioItem);
    const wanted = new Map(scenarios.map((s) => [keys.recentScenario(tenant, s.createdAt, s.name).sk, s]));
    const present = await this.items.query(tenant, SK_PREFIX.recentScenario, recentKeyItem, {
      ProjectionExpression: "pk, sk",
    });
    for (const { sk } of present) {
      if (!wanted.delete(sk)) await this.items.delete({ pk: keys.tenant(tenant), sk });
    }
    for (const [sk, s] of wanted) await this.items.put({ ...summaryOf(s), pk: keys.tenant(tenant), sk });
    await this.items.put({ ...keys.recentScenariosMarker(tenant) });
  }
}

const recentKeyItem = z.object({ sk: z.string() });

const keyOf = (item: Record<string, unknown>): ItemKey => ({ pk: String(item.pk), sk: String(item.sk) });
