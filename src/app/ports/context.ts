import type { Catalog, RateEntry } from "../../core/catalog/index.ts";
import type { BudgetsPort } from "./budgets.ts";
import type { CostExplorerPort } from "./cost-explorer.ts";
import type { ChannelRef, Tenant } from "./model.ts";
import type { PriceBookStore } from "./price-book.ts";
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
  /**
   * False for someone outside the tenant (a Slack Connect partner in a shared channel), as the
   * surface's adapter decides: they may estimate, ask what-ifs, save here and see what was saved
   * here, nothing else (see requireMember). Absent: a member.
   */
  readonly member?: boolean;
  /**
   * The asker's name as people know it ("Ada Lovelace"), shown instead of `user`, which stays for
   * matching. A surface whose payload carries no name leaves it out and provides Deps.userName.
   */
  readonly userName?: string;
  /** The tenant's name as its people know it ("Acme"), for a refusal that says whose members may. */
  readonly tenantName?: string;
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
  /**
   * How long a write that meets a concurrent one (a what-if in a busy thread) keeps retrying,
   * in ms from its first attempt: its share of the function's deadline. WHAT_IF_RETRY_MS when absent.
   */
  readonly retryWithinMs?: number;
  /** Live AWS prices laid over the catalog (read at most every few minutes), and their refresh. */
  readonly overlay?: PriceOverlayStore;
  readonly priceList?: () => Promise<PriceListSource>;
  /** Exchange rates for a refresh (the ECB's daily reference rates). */
  readonly rateSource?: () => Promise<readonly RateEntry[]>;
  /** A tenant's most saved scenarios (DEFAULT_MAX_SCENARIOS when absent). */
  readonly maxScenarios?: number;
  /** The catalog before live prices (set by the pipeline): what a refresh compares with. */
  readonly shippedCatalog?: Catalog;
  /** The tenant's own prices (`prices set`, `settings discount=`). */
  readonly priceBook?: PriceBookStore;
  /** The same effective prices in another AWS region (set by the pipeline with `catalog`). */
  readonly pricesIn?: (region: string) => Promise<Catalog>;
  /**
   * A person's name when the surface must ask for it (Slack's users.info; undefined when it
   * cannot say). Asked only by a command that shows it (a save records who saved), so no other
   * command waits for the platform; a Context's own userName wins.
   */
  readonly userName?: (user: string) => Promise<string | undefined>;
}
