import type { Catalog, RateEntry } from "../../core/catalog/index.ts";
import type { BudgetsPort } from "./budgets.ts";
import type { CostExplorerPort } from "./cost-explorer.ts";
import type { ChannelRef, Tenant } from "./model.ts";
import type { PriceListSource, PriceOverlayStore } from "./prices.ts";
import type { Clock, Logger, Random, Sleep } from "./runtime.ts";
import type { PipelineStore, SpendCache } from "./stores.ts";

/** Who is asking, from where: every surface builds one of these. */
export interface Context {
  readonly tenant: Tenant;
  readonly user: string;
  readonly surface: "slack" | "teams" | "cli";
  /** The thread the message came from (Slack channel + thread ts, Teams reply chain, CLI "last"). */
  readonly thread?: { readonly channel: string; readonly thread: string };
  /** Where replies and alerts for this conversation go. */
  readonly channel?: ChannelRef;
}

/** The ports a command runs against; adapters provide them, the app never imports an SDK. */
export interface Deps {
  readonly catalog: Catalog;
  readonly store: PipelineStore;
  readonly clock: Clock;
  readonly log: Logger;
  readonly budgets?: BudgetsPort;
  /** Cost Explorer for `actual` (loaded on first use), and its answers cached per tenant, filter and day. */
  readonly costExplorer?: CostExplorerPort;
  readonly spendCache?: SpendCache;
  /** Retry jitter and reference ids; the process's own when absent. */
  readonly random?: Random;
  /** Retry waits; a real timer when absent. */
  readonly sleep?: Sleep;
  /** Live AWS prices laid over the catalog (read at most every few minutes), and their refresh. */
  readonly overlay?: PriceOverlayStore;
  readonly priceList?: () => Promise<PriceListSource>;
  /** Exchange rates for a refresh (the ECB's daily reference rates). */
  readonly rateSource?: () => Promise<readonly RateEntry[]>;
  /** A tenant's most saved scenarios (DEFAULT_MAX_SCENARIOS when absent). */
  readonly maxScenarios?: number;
  /** The catalog before live prices (set by the pipeline): what a refresh compares with. */
  readonly shippedCatalog?: Catalog;
}
