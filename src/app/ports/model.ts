import type { Estimate } from "../../core/estimate.ts";
import type { CurrencyCode } from "../../core/money.ts";
import type { BillFilter } from "./cost-explorer.ts";

/**
 * The items the ports carry. A tenant is "<platform>:<id>" (slack:T123, teams:<tenant guid>,
 * cli:local); every store method takes it first, and none can reach another tenant's items.
 */
export type Tenant = string;

/** A command's own words, kept so a scenario can be re-run against a newer catalog. */
export interface ScenarioInput {
  readonly template: string;
  /** key → the value as written (`users` → `5k`), after what-ifs are applied. */
  readonly written: Readonly<Record<string, string>>;
  readonly currency: CurrencyCode;
  /** A team's own workload: the version of its model this was priced with (absent for a built-in). */
  readonly workloadVersion?: number;
  /** The AWS region it was priced in (`region=`); absent: us-east-1. */
  readonly region?: string;
}

export interface Scenario {
  readonly tenant: Tenant;
  readonly name: string;
  readonly input: ScenarioInput;
  readonly estimate: Estimate;
  readonly createdBy: string;
  /** The saver's name when the surface knew it; `createdBy` (an id) is what matches. */
  readonly createdByName?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Where it was saved from (chat only): drift notices go there. Absent for older items and the CLI. */
  readonly savedIn?: ChannelRef;
  /** Linked to its AWS bill (`track`): what `actual` and the weekly post ask Cost Explorer about. */
  readonly tracking?: Tracking;
  /** Optimistic concurrency: each write must name the version it read (0 = new). */
  readonly version: number;
}

/** A scenario's link to its AWS bill, and who made it when (README "Actual spend"). */
export interface Tracking extends BillFilter {
  readonly by: string;
  readonly at: string;
}

export interface ScenarioSummary {
  readonly name: string;
  readonly template: string;
  readonly total: Estimate["total"];
  readonly currency: CurrencyCode;
  readonly updatedAt: string;
  readonly createdBy: string;
  readonly createdByName?: string;
}

/** A chat thread (Slack channel + thread ts, Teams conversation + reply chain) and its scenario. */
export interface ThreadLink {
  readonly tenant: Tenant;
  readonly channel: string;
  readonly thread: string;
  readonly input: ScenarioInput;
  readonly estimate: Estimate;
  /** The scenario the thread started with (absent on links written before it was kept). */
  readonly base?: ScenarioInput;
  /** The latest what-ifs asked in the thread (at most MAX_THREAD_HISTORY), oldest first. */
  readonly history: readonly { readonly text: string; readonly by: string; readonly at: string }[];
  readonly version: number;
}

export interface ChannelRef {
  readonly platform: "slack" | "teams" | "cli";
  /** Slack channel id, Teams conversation id. */
  readonly channel: string;
  /** A Slack thread's ts, where a post should go into that thread rather than the channel. */
  readonly thread?: string;
}

/** A tenant's own settings (`settings drift=10%`). */
export interface TenantSettings {
  readonly tenant: Tenant;
  /** Drift notices: a refresh that moves a saved scenario's total by more than this percent. */
  readonly driftPercent?: string;
  /** Weekly actual spend: a line more than this percent over its estimate is named first. */
  readonly variancePercent?: string;
  readonly updatedBy: string;
  readonly updatedAt: string;
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

/** A create that would take a tenant past its most items of a kind (`limit`): nothing was written. */
export class LimitReached extends Error {
  override readonly name = "LimitReached";
  constructor(
    readonly what: string,
    readonly limit: number,
  ) {
    super(`${what}: at most ${limit}`);
  }
}
