import type { Estimate } from "../core/estimate.ts";
import type { CurrencyCode } from "../core/money.ts";
import type { Reply } from "./reply.ts";

/**
 * The ports the command pipeline talks through. Adapters implement them (DynamoDB, AWS
 * Budgets, the clock); the pipeline never imports an SDK. Every method takes the tenant
 * first: a tenant is "<platform>:<id>" (slack:T123, teams:<tenant guid>, cli:local), and
 * no method can reach another tenant's items.
 */
export type Tenant = string;

/** A command's own words, kept so a scenario can be re-run against a newer catalog. */
export interface ScenarioInput {
  readonly template: string;
  /** key → the value as written (`users` → `5k`), after what-ifs are applied. */
  readonly written: Readonly<Record<string, string>>;
  readonly currency: CurrencyCode;
}

export interface Scenario {
  readonly tenant: Tenant;
  readonly name: string;
  readonly input: ScenarioInput;
  readonly estimate: Estimate;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Optimistic concurrency: each write must name the version it read (0 = new). */
  readonly version: number;
}

export interface ScenarioSummary {
  readonly name: string;
  readonly template: string;
  readonly total: number;
  readonly currency: CurrencyCode;
  readonly updatedAt: string;
  readonly createdBy: string;
}

/** A chat thread (Slack channel + thread ts, Teams conversation + reply chain) and its scenario. */
export interface ThreadLink {
  readonly tenant: Tenant;
  readonly channel: string;
  readonly thread: string;
  readonly input: ScenarioInput;
  readonly estimate: Estimate;
  /** Every what-if asked in the thread, oldest first. */
  readonly history: readonly { readonly text: string; readonly by: string; readonly at: string }[];
  readonly version: number;
}

export interface ChannelRef {
  readonly platform: "slack" | "teams" | "cli";
  /** Slack channel id, Teams conversation id. */
  readonly channel: string;
}

export interface BudgetSubscription {
  readonly tenant: Tenant;
  /** The name the user gave (`ml-prod`). */
  readonly name: string;
  /** The name in AWS Budgets: prefix, tenant and name, unique across tenants. */
  readonly awsBudgetName: string;
  readonly limitUsd: string;
  readonly channels: readonly ChannelRef[];
  readonly scenario?: string;
  readonly createdBy: string;
  readonly createdAt: string;
}

/** A Teams conversation reference (opaque JSON), kept for proactive budget alerts. */
export interface ConversationReferenceRecord {
  readonly tenant: Tenant;
  readonly conversationId: string;
  readonly reference: Readonly<Record<string, unknown>>;
  readonly updatedAt: string;
}

/** A write lost a race: someone else changed the item since it was read. */
export class ConflictError extends Error {
  override readonly name = "ConflictError";
  constructor(
    readonly what: string,
    options?: { cause?: unknown },
  ) {
    super(`${what} was changed by someone else`, options);
  }
}

export interface ScenarioStore {
  /** `expectedVersion` 0 creates (fails if the name exists); n updates only version n. */
  putScenario(scenario: Omit<Scenario, "version">, expectedVersion: number): Promise<Scenario>;
  getScenario(tenant: Tenant, name: string): Promise<Scenario | undefined>;
  listScenarios(tenant: Tenant): Promise<ScenarioSummary[]>;
  /** True when something was deleted. */
  deleteScenario(tenant: Tenant, name: string): Promise<boolean>;

  getThread(tenant: Tenant, channel: string, thread: string): Promise<ThreadLink | undefined>;
  /** `expectedVersion` 0 creates; n replaces version n; ConflictError otherwise. */
  putThread(link: Omit<ThreadLink, "version">, expectedVersion: number): Promise<ThreadLink>;

  putBudgetSubscription(sub: BudgetSubscription): Promise<void>;
  getBudgetSubscription(tenant: Tenant, name: string): Promise<BudgetSubscription | undefined>;
  /** Alerts name the AWS budget, not the tenant: this is the one lookup across tenants. */
  findBudgetSubscriptionByAwsName(awsBudgetName: string): Promise<BudgetSubscription | undefined>;
  listBudgetSubscriptions(tenant: Tenant): Promise<BudgetSubscription[]>;
  deleteBudgetSubscription(tenant: Tenant, name: string): Promise<boolean>;

  putConversationReference(record: ConversationReferenceRecord): Promise<void>;
  getConversationReference(
    tenant: Tenant,
    conversationId: string,
  ): Promise<ConversationReferenceRecord | undefined>;
}

/** Retried deliveries (Slack retries, SNS redelivery) must not act twice. */
export interface IdempotencyStore {
  /** True the first time a key is claimed within its time to live; false for a repeat. */
  claim(key: string, ttlSeconds: number): Promise<boolean>;
  /** Gives a claim back when the work it guarded failed, so a retry can do it. */
  release(key: string): Promise<void>;
}

export interface Clock {
  now(): Date;
}

/** Structured logging; adapters pick the sink (console JSON in Lambda, stderr in the CLI). */
export interface Logger {
  info(message: string, context?: Readonly<Record<string, unknown>>): void;
  error(message: string, context?: Readonly<Record<string, unknown>>): void;
}

/**
 * Posts a reply into a channel outside a request/response cycle (budget alerts). Slack
 * posts with chat.postMessage; Teams posts proactively from the stored conversation reference.
 */
export interface Notifier {
  readonly platform: ChannelRef["platform"];
  post(tenant: Tenant, channel: ChannelRef, reply: Reply): Promise<void>;
}
