import { randomUUID } from "node:crypto";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  paginateQuery,
  type QueryCommandInput,
} from "@aws-sdk/lib-dynamodb";
import type { z } from "zod";
import {
  type BudgetSubscription,
  type Clock,
  ConflictError,
  type ConversationReferenceRecord,
  type IdempotencyStore,
  type Scenario,
  type ScenarioStore,
  type ScenarioSummary,
  type Tenant,
  type ThreadLink,
} from "../../app/ports.ts";
import {
  awsBudgetLookupItem,
  budgetItem,
  conversationItem,
  parseItem,
  scenarioItem,
  scenarioSummaryItem,
  threadItem,
} from "./items.ts";
import { type ItemKey, keys, SK_PREFIX } from "./table.ts";

const systemClock: Clock = { now: () => new Date() };

/** The attribute holding the token of the write that produced an item (see `landedEarlier`). */
const WRITE_TOKEN = "writeToken";

/**
 * A conditional write whose first attempt may have landed although its answer was lost (a
 * timeout or reset connection, then the SDK's retry): the retry then fails its own condition.
 * Every such write carries a fresh token; when the SDK retried and the condition failed, a
 * strongly consistent read tells whether the item holds our token, i.e. the write was ours.
 */
async function landedEarlier(
  db: DynamoDBDocumentClient,
  table: string,
  key: ItemKey,
  error: ConditionalCheckFailedException,
  token: string,
): Promise<boolean> {
  if ((error.$metadata.attempts ?? 1) <= 1) return false;
  const { Item } = await db.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }));
  return Item?.[WRITE_TOKEN] === token;
}

/** A put that only succeeds at the version the writer read; a lost race becomes ConflictError. */
async function putVersioned(
  db: DynamoDBDocumentClient,
  table: string,
  key: ItemKey,
  item: object,
  expectedVersion: number,
  what: string,
): Promise<number> {
  const version = expectedVersion + 1;
  const token = randomUUID();
  const condition =
    expectedVersion === 0
      ? { ConditionExpression: "attribute_not_exists(pk)" }
      : {
          ConditionExpression: "#version = :expected",
          ExpressionAttributeNames: { "#version": "version" },
          ExpressionAttributeValues: { ":expected": expectedVersion },
        };
  try {
    await db.send(
      new PutCommand({
        TableName: table,
        Item: { ...item, ...key, version, [WRITE_TOKEN]: token },
        ...condition,
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    if (!(await landedEarlier(db, table, key, error, token))) throw new ConflictError(what, { cause: error });
  }
  return version;
}

/**
 * ScenarioStore on one DynamoDB table (see table.ts for the key layout). The client is
 * injected, built once per process by the caller with `removeUndefinedValues` on.
 */
export class DynamoScenarioStore implements ScenarioStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async putScenario(scenario: Omit<Scenario, "version">, expectedVersion: number): Promise<Scenario> {
    const key = keys.scenario(scenario.tenant, scenario.name);
    const what = `scenario "${scenario.name}"`;
    const version = await putVersioned(this.db, this.table, key, scenario, expectedVersion, what);
    return { ...scenario, version };
  }

  getScenario(tenant: Tenant, name: string): Promise<Scenario | undefined> {
    return this.get(keys.scenario(tenant, name), scenarioItem);
  }

  async listScenarios(tenant: Tenant): Promise<ScenarioSummary[]> {
    return this.query(tenant, SK_PREFIX.scenario, scenarioSummaryItem, {
      // The summary needs four small fields; the estimate snapshot can be tens of KB.
      ProjectionExpression:
        "pk, sk, #name, #estimate.#template, #estimate.#total, #estimate.#currency, updatedAt, createdBy",
      ExpressionAttributeNames: {
        "#name": "name",
        "#estimate": "estimate",
        "#template": "template",
        "#total": "total",
        "#currency": "currency",
      },
    });
  }

  deleteScenario(tenant: Tenant, name: string): Promise<boolean> {
    return this.delete(keys.scenario(tenant, name)).then((old) => old !== undefined);
  }

  getThread(tenant: Tenant, channel: string, thread: string): Promise<ThreadLink | undefined> {
    return this.get(keys.thread(tenant, channel, thread), threadItem);
  }

  async putThread(link: Omit<ThreadLink, "version">, expectedVersion: number): Promise<ThreadLink> {
    const key = keys.thread(link.tenant, link.channel, link.thread);
    const what = `the thread's scenario`;
    const version = await putVersioned(this.db, this.table, key, link, expectedVersion, what);
    return { ...link, version };
  }

  /**
   * Two items: the subscription in its tenant's partition, and a pointer from the AWS budget
   * name. Not a transaction, because the local engine (dynalite) has no TransactWriteItems:
   * the pointer is written first and removed last, and a read through it checks the
   * subscription still exists, so a write interrupted halfway leaves only a harmless pointer.
   */
  async putBudgetSubscription(sub: BudgetSubscription): Promise<void> {
    const lookup = { tenant: sub.tenant, name: sub.name };
    await this.db.send(
      new PutCommand({ TableName: this.table, Item: { ...lookup, ...keys.awsBudget(sub.awsBudgetName) } }),
    );
    await this.db.send(
      new PutCommand({ TableName: this.table, Item: { ...sub, ...keys.budget(sub.tenant, sub.name) } }),
    );
  }

  getBudgetSubscription(tenant: Tenant, name: string): Promise<BudgetSubscription | undefined> {
    return this.get(keys.budget(tenant, name), budgetItem);
  }

  async findBudgetSubscriptionByAwsName(awsBudgetName: string): Promise<BudgetSubscription | undefined> {
    const pointer = await this.get(keys.awsBudget(awsBudgetName), awsBudgetLookupItem);
    if (!pointer) return undefined;
    const sub = await this.getBudgetSubscription(pointer.tenant, pointer.name);
    return sub?.awsBudgetName === awsBudgetName ? sub : undefined;
  }

  listBudgetSubscriptions(tenant: Tenant): Promise<BudgetSubscription[]> {
    return this.query(tenant, SK_PREFIX.budget, budgetItem);
  }

  async deleteBudgetSubscription(tenant: Tenant, name: string): Promise<boolean> {
    const key = keys.budget(tenant, name);
    const old = await this.delete(key);
    if (old === undefined) return false;
    const { awsBudgetName } = parseItem(budgetItem.pick({ awsBudgetName: true }), key, old);
    await this.delete(keys.awsBudget(awsBudgetName));
    return true;
  }

  async putConversationReference(record: ConversationReferenceRecord): Promise<void> {
    const key = keys.conversation(record.tenant, record.conversationId);
    await this.db.send(new PutCommand({ TableName: this.table, Item: { ...record, ...key } }));
  }

  getConversationReference(
    tenant: Tenant,
    conversationId: string,
  ): Promise<ConversationReferenceRecord | undefined> {
    return this.get(keys.conversation(tenant, conversationId), conversationItem);
  }

  private async get<S extends z.ZodType>(key: ItemKey, schema: S): Promise<z.output<S> | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.table, Key: key }));
    return Item === undefined ? undefined : parseItem(schema, key, Item);
  }

  /** Deletes and returns what was there, so callers learn whether anything was deleted. */
  private async delete(key: ItemKey): Promise<Record<string, unknown> | undefined> {
    const out = await this.db.send(
      new DeleteCommand({ TableName: this.table, Key: key, ReturnValues: "ALL_OLD" }),
    );
    return out.Attributes;
  }

  /** Every item of one kind in a tenant's partition, across pages, in key order. */
  private async query<S extends z.ZodType>(
    tenant: Tenant,
    prefix: string,
    schema: S,
    projection: Pick<QueryCommandInput, "ProjectionExpression" | "ExpressionAttributeNames"> = {},
  ): Promise<z.output<S>[]> {
    const pages = paginateQuery(
      { client: this.db },
      {
        TableName: this.table,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
        ExpressionAttributeValues: { ":pk": keys.tenant(tenant), ":prefix": prefix },
        ...projection,
      },
    );
    const found: z.output<S>[] = [];
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        found.push(parseItem(schema, { pk: String(item.pk), sk: String(item.sk) }, item));
      }
    }
    return found;
  }
}

/** Claims on retried deliveries; the clock is injected so tests can step past the TTL. */
export class DynamoIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly clock: Clock = systemClock,
  ) {}

  async claim(key: string, ttlSeconds: number): Promise<boolean> {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const token = randomUUID();
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...keys.idempotency(key), expiresAt: now + ttlSeconds, [WRITE_TOKEN]: token },
          // An expired record may not have been swept yet: it no longer counts as a claim.
          ConditionExpression: "attribute_not_exists(pk) OR expiresAt < :now",
          ExpressionAttributeValues: { ":now": now },
        }),
      );
      return true;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // A retried claim that finds its own first attempt is still ours: the delivery is not a repeat.
      return landedEarlier(this.db, this.table, keys.idempotency(key), error, token);
    }
  }

  async release(key: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: keys.idempotency(key) }));
  }
}
