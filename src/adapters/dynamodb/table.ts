import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  ResourceInUseException,
  ResourceNotFoundException,
} from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/**
 * The one table and its key layout. Every tenant's items share the partition `T#<tenant>`,
 * so a query can never cross tenants; the only items outside a tenant partition are the
 * AWS-budget lookup (alerts name the AWS budget, not the tenant) and idempotency records.
 */
export const PARTITION_KEY = "pk";
export const SORT_KEY = "sk";
/** Epoch seconds; DynamoDB's TTL sweeper deletes expired items eventually, not on time. */
export const TTL_ATTRIBUTE = "expiresAt";

/**
 * How long items kept for a conversation live after their last use; every write (a link, a
 * what-if, a message from a Teams conversation, an alert delivered to it) starts the period
 * again. A thread nobody asks in for 90 days is not coming back; a Teams conversation that
 * neither talks nor receives an alert for 400 days has likely been deleted or left.
 */
export const RETENTION_SECONDS = {
  thread: 90 * 24 * 60 * 60,
  conversation: 400 * 24 * 60 * 60,
} as const;

/** The TTL attribute's value: epoch seconds, `seconds` after `now`. */
export const expiresAfter = (now: Date, seconds: number): number =>
  Math.floor(now.getTime() / 1000) + seconds;

export const SK_PREFIX = {
  scenario: "SCENARIO#",
  thread: "THREAD#",
  budget: "BUDGET#",
  conversation: "CONV#",
  workload: "WORKLOAD#",
  /** A small copy of each scenario's summary, keyed by when it was saved: `list`, newest first. */
  recentScenario: "RECENT#SCENARIO#",
} as const;

/** A tenant's count of scenarios / workloads, kept by conditional updates so a cap holds under concurrency. */
export const COUNT_SK = { scenario: "META#COUNT#SCENARIO", workload: "META#COUNT#WORKLOAD" } as const;

/** Marks a tenant whose scenarios saved before the RECENT# items existed have been given theirs. */
export const RECENT_SCENARIOS_MARKER_SK = "META#RECENT#SCENARIO";

export const AWS_BUDGET_SK = "SUB";
export const IDEMPOTENCY_SK = "IDEMP";

export interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

const tenantPk = (tenant: string) => `T#${tenant}`;

export const keys = {
  tenant: tenantPk,
  /** Names are case-insensitive: the key is lowercased, the item keeps the spelling given. */
  scenario: (tenant: string, name: string): ItemKey => ({
    pk: tenantPk(tenant),
    sk: `${SK_PREFIX.scenario}${name.toLowerCase()}`,
  }),
  thread: (tenant: string, channel: string, thread: string): ItemKey => ({
    pk: tenantPk(tenant),
    sk: `${SK_PREFIX.thread}${channel}#${thread}`,
  }),
  recentScenario: (tenant: string, createdAt: string, name: string): ItemKey => ({
    pk: tenantPk(tenant),
    sk: `${SK_PREFIX.recentScenario}${createdAt}#${name.toLowerCase()}`,
  }),
  recentScenariosMarker: (tenant: string): ItemKey => ({
    pk: tenantPk(tenant),
    sk: RECENT_SCENARIOS_MARKER_SK,
  }),
  budget: (tenant: string, name: string): ItemKey => ({
    pk: tenantPk(tenant),
    sk: `${SK_PREFIX.budget}${name.toLowerCase()}`,
  }),
  conversation: (tenant: string, conversationId: string): ItemKey => ({
    pk: tenantPk(tenant),
    sk: `${SK_PREFIX.conversation}${conversationId}`,
  }),
  workload: (tenant: string, name: string): ItemKey => ({
    pk: tenantPk(tenant),
    sk: `${SK_PREFIX.workload}${name.toLowerCase()}`,
  }),
  awsBudget: (awsBudgetName: string): ItemKey => ({ pk: `AWSBUDGET#${awsBudgetName}`, sk: AWS_BUDGET_SK }),
  idempotency: (key: string): ItemKey => ({ pk: `IDEMP#${key}`, sk: IDEMPOTENCY_SK }),
};

/**
 * The table as CreateTable takes it. TTL is not part of CreateTable: deployments enable it
 * on `TTL_ATTRIBUTE` (with point-in-time recovery) in infrastructure code. Nothing here
 * depends on the sweeper having run, since every TTL check compares `expiresAt` itself.
 */
export function tableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [
      { AttributeName: PARTITION_KEY, AttributeType: "S" },
      { AttributeName: SORT_KEY, AttributeType: "S" },
    ],
    KeySchema: [
      { AttributeName: PARTITION_KEY, KeyType: "HASH" },
      { AttributeName: SORT_KEY, KeyType: "RANGE" },
    ],
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Creates the table unless it exists, then waits until it is ACTIVE. Safe to run on every start. */
export async function createTable(
  client: DynamoDBDocumentClient,
  tableName: string,
  timeoutMs = 60_000,
): Promise<void> {
  // Every start after the first finds the table: one DescribeTable, not a refused CreateTable and then one.
  const status = async () => {
    try {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      return Table?.TableStatus;
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return undefined;
      throw error;
    }
  };
  let current = await status();
  if (current === "ACTIVE") return;
  if (current === undefined) {
    try {
      await client.send(new CreateTableCommand(tableDefinition(tableName)));
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
  }
  const deadline = Date.now() + timeoutMs;
  for (let delay = 50; ; delay = Math.min(delay * 2, 1_000)) {
    current = await status();
    if (current === "ACTIVE") return;
    if (Date.now() > deadline) {
      throw new Error(`table ${tableName} is still ${current ?? "unknown"} after ${timeoutMs} ms`);
    }
    await sleep(delay);
  }
}
