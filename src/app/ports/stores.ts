import type {
  BudgetSubscription,
  ConversationReferenceRecord,
  Scenario,
  ScenarioSummary,
  Tenant,
  TenantSettings,
  ThreadLink,
} from "./model.ts";
import type { WorkloadStore } from "./workloads.ts";

/** Saved scenarios: `save`, `show`, `list`, `delete`, `diff`, budgets made from a scenario. */
export interface ScenarioStore {
  /**
   * `expectedVersion` 0 creates (ConflictError if the name exists); n updates only version n.
   * With `limit`, a create that would make the tenant's scenarios more than `limit` throws
   * LimitReached and writes nothing, however many saves race.
   */
  putScenario(
    scenario: Omit<Scenario, "version">,
    expectedVersion: number,
    limit?: number,
  ): Promise<Scenario>;
  getScenario(tenant: Tenant, name: string): Promise<Scenario | undefined>;
  /** One page of a tenant's scenarios, newest saved first (default: the first 100). */
  listScenarios(
    tenant: Tenant,
    page?: { readonly offset: number; readonly limit: number },
  ): Promise<ScenarioSummary[]>;
  /** How many scenarios the tenant has, without reading them. */
  countScenarios(tenant: Tenant): Promise<number>;
  /** At most `limit` names that start with `prefix` (any case), in name order: a bounded lookup. */
  scenarioNamesStartingWith(tenant: Tenant, prefix: string, limit: number): Promise<string[]>;
  /**
   * True when something was deleted. With `only`, deletes only the scenario at that version and
   * creation time (the one a person confirmed deleting), and is false if it changed meanwhile.
   */
  deleteScenario(
    tenant: Tenant,
    name: string,
    only?: { readonly version: number; readonly createdAt: string },
  ): Promise<boolean>;
}

/** Which scenario a chat thread discusses, and the what-ifs asked in it. */
export interface ThreadStore {
  getThread(tenant: Tenant, channel: string, thread: string): Promise<ThreadLink | undefined>;
  /** `expectedVersion` 0 creates; n replaces version n; ConflictError otherwise. */
  putThread(link: Omit<ThreadLink, "version">, expectedVersion: number): Promise<ThreadLink>;
}

export interface BudgetSubscriptionStore {
  putBudgetSubscription(sub: BudgetSubscription): Promise<void>;
  getBudgetSubscription(tenant: Tenant, name: string): Promise<BudgetSubscription | undefined>;
  /** Alerts name the AWS budget, not the tenant: this is the one lookup across tenants. */
  findBudgetSubscriptionByAwsName(awsBudgetName: string): Promise<BudgetSubscription | undefined>;
  listBudgetSubscriptions(tenant: Tenant): Promise<BudgetSubscription[]>;
  deleteBudgetSubscription(tenant: Tenant, name: string): Promise<boolean>;
}

/** Teams conversation references, for proactive posts (budget alerts). */
export interface ConversationReferenceStore {
  putConversationReference(record: ConversationReferenceRecord): Promise<void>;
  getConversationReference(
    tenant: Tenant,
    conversationId: string,
  ): Promise<ConversationReferenceRecord | undefined>;
  /** A reference that was just used (an alert delivered through it) is kept longer. */
  refreshConversationReference(tenant: Tenant, conversationId: string): Promise<void>;
}

/** A tenant's settings, and the list of tenants that saved a scenario (for drift notices). */
export interface TenantStore {
  getSettings(tenant: Tenant): Promise<TenantSettings | undefined>;
  putSettings(settings: TenantSettings): Promise<void>;
  /** Notes that the tenant has saved scenarios; idempotent. */
  registerTenant(tenant: Tenant): Promise<void>;
}

/** What a price refresh reads to find saved scenarios, bounded: known tenants, then each one's scenarios. */
export interface SavedScenarioSource {
  listTenants(): Promise<Tenant[]>;
  /** Every saved scenario of the tenant, whole (input and where it was saved), across pages. */
  listSavedScenarios(tenant: Tenant): Promise<Scenario[]>;
}

/** What the command pipeline reads and writes: scenarios, thread links, budget subscriptions, settings, workloads. */
export type PipelineStore = ScenarioStore &
  ThreadStore &
  BudgetSubscriptionStore &
  TenantStore &
  WorkloadStore;

/**
 * Cost Explorer's answers kept for a day (README "Actual spend"): Cost Explorer charges per request,
 * and its figures move only a few times a day. `key` names the tenant's filter, month and day.
 */
export interface SpendCache {
  getSpend(tenant: Tenant, key: string): Promise<string | undefined>;
  /** Kept until `expiresAt` (epoch seconds), then gone. */
  putSpend(tenant: Tenant, key: string, value: string, expiresAt: number): Promise<void>;
}

/** Retried deliveries (Slack retries, SNS redelivery) must not act twice. */
export interface IdempotencyStore {
  /**
   * True the first time a key is claimed within its time to live; false for a repeat. With
   * `inProgressSeconds` the claim is "in progress" until `complete`: a claim whose holder did not
   * complete it within that time (it timed out, it crashed) may be taken again, as Powertools'
   * idempotency allows; a completed one never is.
   */
  claim(key: string, ttlSeconds: number, inProgressSeconds?: number): Promise<boolean>;
  /** The work a claim guarded is done: the key is never claimed again within its time to live. */
  complete(key: string): Promise<void>;
  /** Gives a claim back when the work it guarded failed, so a retry can do it. */
  release(key: string): Promise<void>;
}

/**
 * A store that cannot be used at all, for a reason the person can act on (the CLI's folder is
 * read-only, damaged or busy). Its message is written for them: it is shown, not apologised for.
 */
export class StoreUnavailable extends Error {
  override readonly name: string = "StoreUnavailable";
}
