/**
 * The ports the app talks through, one module per kind (src/app/ports/): the items they
 * carry, the stores per kind of item, AWS Budgets, the clock and logger, notifiers, and
 * the context and dependencies of a command. Adapters implement them; the app never
 * imports an SDK. Import from here. A port file imports only other port files and core, never
 * the rest of app, so no arrow runs from the ports back into app.
 */
export type { BudgetSpend, BudgetsPort, NewBudget } from "./ports/budgets.ts";
export type { Context, Deps } from "./ports/context.ts";
export {
  type BillFilter,
  type CostExplorerPort,
  CostExplorerRefused,
  type ServiceSpend,
  type SpendQuery,
} from "./ports/cost-explorer.ts";
export {
  type BudgetSubscription,
  type ChannelRef,
  ConflictError,
  type ConversationReferenceRecord,
  LimitReached,
  type Scenario,
  type ScenarioInput,
  type ScenarioSummary,
  type Tenant,
  type TenantSettings,
  type ThreadLink,
  type Tracking,
} from "./ports/model.ts";
export type { Notifier } from "./ports/notifier.ts";
export {
  type FetchedPrice,
  type HeldPrice,
  type PriceListSource,
  PriceListUnavailable,
  type PriceOverlay,
  type PriceOverlayStore,
} from "./ports/prices.ts";
export type { Action, Block, Chart, Column, Reply, ReplyKind } from "./ports/reply.ts";
export type { PublicPost, ReplySink } from "./ports/reply-sink.ts";
export type { Clock, Logger, Random, Sleep } from "./ports/runtime.ts";
export {
  type BudgetSubscriptionStore,
  type ConversationReferenceStore,
  type IdempotencyStore,
  type PipelineStore,
  type SavedScenarioSource,
  type ScenarioStore,
  type SpendCache,
  StoreUnavailable,
  type TenantStore,
  type ThreadStore,
} from "./ports/stores.ts";
export type { ResolvedTemplate, TemplateLookup } from "./ports/templates.ts";
export {
  MAX_WORKLOADS,
  type StoredWorkload,
  type WorkloadStore,
  type WorkloadSummary,
} from "./ports/workloads.ts";
