import { ConditionalCheckFailedException, TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  paginateQuery,
  QueryCommand,
  TransactWriteCommand,
} from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import {
  ConflictError,
  LimitReached,
  type Scenario,
  type ScenarioStore,
  type ScenarioSummary,
  type Tenant,
} from "../../app/ports.ts";
import { parseItem, scenarioItem, scenarioSummaryItem } from "./items.ts";
import { COUNT_SK, type ItemKey, keys, SK_PREFIX } from "./table.ts";
import { TableAccess } from "./table-access.ts";
import { TenantCounter } from "./tenant-counter.ts";

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
    ...(s.createdByName ? { createdByName: s.createdByName } : {}),
  };
}

/** What the engine behind the client can do, when the caller knows (the CLI's embedded engine). */
export interface EngineFeatures {
  /** TransactWriteItems: DynamoDB has it, dynalite does not. Unknown: the first save finds out. */
  readonly transactions?: boolean;
}

/**
 * Saved scenarios on the one table (see table.ts for the key layout). Each scenario has a small
 * RECENT# item keyed by when it was saved, so `list` reads one page of those, newest first, and a
 * count reads only them; nothing reads a tenant's whole partition of estimates. A new scenario,
 * its RECENT# item and the tenant's counter (the cap) are written in one transaction. An engine
 * without transactions (dynalite, the CLI's embedded store) gets the same writes one by one:
 * the counter first, then the scenario, then its summary; a process killed between them leaves
 * what `costbot store check` reports and `store repair` mends, never a scenario lost.
 */
export class DynamoScenarioStore implements ScenarioStore {
  private readonly items: TableAccess;
  /** Tenants whose older scenarios are known to have their RECENT# items (see `ensureRecentItems`). */
  private readonly indexed = new Set<Tenant>();
  /** How many scenarios each tenant has: the cap, exact under concurrency. */
  readonly counter: TenantCounter;
  /** False once the engine said it has no transactions (dynalite), or when told so up front. */
  private transactions: boolean;

  constructor(db: DynamoDBDocumentClient, table: string, engine: EngineFeatures = {}) {
    this.items = new TableAccess(db, table);
    this.transactions = engine.transactions ?? true;
    this.counter = new TenantCounter(this.items, COUNT_SK.scenario, (tenant) => this.countScenarios(tenant));
  }

  async putScenario(
    scenario: Omit<Scenario, "version">,
    expectedVersion: number,
    limit?: number,
  ): Promise<Scenario> {
    const what = `scenario "${scenario.name}"`;
    const creates = expectedVersion === 0 && limit !== undefined;
    if (creates) await this.ensureRecentItems(scenario.tenant);
    if (this.transactions) {
      try {
        return await this.putInOneTransaction(scenario, expectedVersion, creates ? limit : undefined);
      } catch (error) {
        if (!isUnknownOperation(error)) throw error;
        this.transactions = false;
      }
    }
    if (creates && !(await this.counter.take(scenario.tenant, limit))) throw new LimitReached(what, limit);
    let version: number;
    try {
      version = await this.items.putVersioned(
        keys.scenario(scenario.tenant, scenario.name),
        scenario,
        expectedVersion,
        what,
      );
    } catch (error) {
      // Not written: the slot it took is given back.
      if (creates) await this.counter.give(scenario.tenant);
      throw error;
    }
    await this.items.put({
      ...summaryOf(scenario),
      ...keys.recentScenario(scenario.tenant, scenario.createdAt, scenario.name),
    });
    return { ...scenario, version };
  }

  /** The scenario, its RECENT# summary and (for a create under a cap) the counter: all or nothing. */
  private async putInOneTransaction(
    scenario: Omit<Scenario, "version">,
    expectedVersion: number,
    limit: number | undefined,
  ): Promise<Scenario> {
    const { tenant } = scenario;
    const version = expectedVersion + 1;
    const condition =
      expectedVersion === 0
        ? { ConditionExpression: "attribute_not_exists(pk)" }
        : {
            ConditionExpression: "#version = :expected",
            ExpressionAttributeNames: { "#version": "version" },
            ExpressionAttributeValues: { ":expected": expectedVersion },
          };
    const counted = limit !== undefined;
    if (counted) await this.counter.ensure(tenant);
    try {
      await this.items.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.items.table,
                Item: { ...scenario, ...keys.scenario(tenant, scenario.name), version },
                ...condition,
              },
            },
            {
              Put: {
                TableName: this.items.table,
                Item: {
                  ...summaryOf(scenario),
                  ...keys.recentScenario(tenant, scenario.createdAt, scenario.name),
                },
              },
            },
            ...(counted
              ? [
                  {
                    Update: {
                      TableName: this.items.table,
                      Key: { pk: keys.tenant(tenant), sk: COUNT_SK.scenario },
                      UpdateExpression: "SET #count = #count + :one",
                      ConditionExpression: "#count < :limit",
                      ExpressionAttributeNames: { "#count": "count" },
                      ExpressionAttributeValues: { ":one": 1, ":limit": limit },
                    },
                  },
                ]
              : []),
          ],
        }),
      );
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const [scenarioFailed, , counterFailed] = (error.CancellationReasons ?? []).map(
        (r) => r.Code === "ConditionalCheckFailed",
      );
      if (scenarioFailed) throw new ConflictError(`scenario "${scenario.name}"`, { cause: error });
      if (counterFailed && counted) throw new LimitReached(`scenario "${scenario.name}"`, limit);
      throw error;
    }
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
    await this.counter.give(tenant);
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

  /**
   * What `store check` reports for a tenant: scenarios `list` does not show (no RECENT# item),
   * listed names with no scenario, and a counter that disagrees with the scenarios.
   */
  async consistency(tenant: Tenant): Promise<ScenarioConsistency> {
    const scenarios = await this.items.query(tenant, SK_PREFIX.scenario, scenarioItem);
    const listed = await this.items.query(
      tenant,
      SK_PREFIX.recentScenario,
      z.object({ sk: z.string(), name: z.string() }),
      {
        ProjectionExpression: "pk, sk, #name",
        ExpressionAttributeNames: { "#name": "name" },
      },
    );
    const listedKeys = new Set(listed.map((l) => l.sk));
    const saved = new Set(scenarios.map((s) => keys.recentScenario(tenant, s.createdAt, s.name).sk));
    const counted = await this.counter.read(tenant);
    return {
      scenarios: scenarios.length,
      unlisted: scenarios
        .filter((s) => !listedKeys.has(keys.recentScenario(tenant, s.createdAt, s.name).sk))
        .map((s) => s.name),
      stale: listed.filter((l) => !saved.has(l.sk)).map((l) => l.name),
      ...(counted !== undefined && counted !== scenarios.length ? { counted } : {}),
    };
  }
}

const recentKeyItem = z.object({ sk: z.string() });

/** A tenant's scenarios against their list summaries and counter (see `consistency`). */
export interface ScenarioConsistency {
  readonly scenarios: number;
  /** Saved but missing from `list` (and from the count). */
  readonly unlisted: readonly string[];
  /** Listed, but no scenario of that name and time. */
  readonly stale: readonly string[];
  /** The counter, when it disagrees with the scenarios. */
  readonly counted?: number;
}

/** An engine that does not know the operation (dynalite has no transactions). */
function isUnknownOperation(error: unknown): boolean {
  const name = (error as { name?: unknown })?.name;
  return name === "UnknownOperationException" || name === "UnrecognizedClientException";
}

const keyOf = (item: Record<string, unknown>): ItemKey => ({ pk: String(item.pk), sk: String(item.sk) });
