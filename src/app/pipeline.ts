import { randomUUID } from "node:crypto";
import type { Catalog, RateEntry } from "../core/catalog/index.ts";
import { UserError } from "../core/errors.ts";
import type { Command } from "./commands.ts";
import { withModelList } from "./model-list.ts";
import { parseCommand } from "./parse.ts";
import type { ChannelRef, Clock, Logger, ScenarioStore, Tenant } from "./ports.ts";
import { livePrices, type PriceListSource, type PriceOverlayStore } from "./price-overlay.ts";
import { errorReply, type Reply } from "./reply.ts";
import { runAudit, runPlan } from "./run/analysis.ts";
import type { BudgetsPort } from "./run/budget.ts";
import { runBudget } from "./run/budget.ts";
import { runEstimate, runWhatIf } from "./run/estimate.ts";
import { runCompare, runSweep } from "./run/explore.ts";
import { runHelp, runModels, runTemplates } from "./run/info.ts";
import { runPrices, runPricesRefresh } from "./run/prices.ts";
import { runDelete, runDiff, runList, runSave, runShow } from "./run/scenarios.ts";

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

export interface Deps {
  readonly catalog: Catalog;
  readonly store: ScenarioStore;
  readonly clock: Clock;
  readonly log: Logger;
  readonly budgets?: BudgetsPort;
  /** Live AWS prices laid over the catalog (read at most every few minutes), and their refresh. */
  readonly overlay?: PriceOverlayStore;
  readonly priceList?: () => Promise<PriceListSource>;
  /** Exchange rates for a refresh (the ECB's daily reference rates). */
  readonly rateSource?: () => Promise<readonly RateEntry[]>;
  /** The catalog before live prices (set by the pipeline): what a refresh compares with. */
  readonly shippedCatalog?: Catalog;
}

async function dispatch(command: Command, ctx: Context, deps: Deps): Promise<Reply> {
  switch (command.kind) {
    case "estimate":
      return runEstimate(command, ctx, deps);
    case "what-if":
      return runWhatIf(command, ctx, deps);
    case "sweep":
      return runSweep(command, deps);
    case "compare":
      return runCompare(command, deps);
    case "plan":
      return runPlan(command, deps);
    case "audit":
      return runAudit(command, deps);
    case "save":
      return runSave(command, ctx, deps);
    case "list":
      return runList(ctx, deps);
    case "show":
      return runShow(command.name, command.options, ctx, deps);
    case "delete":
      return runDelete(command.name, ctx, deps);
    case "diff":
      return runDiff(command.names, ctx, deps);
    case "budget":
      return runBudget(command, ctx, deps);
    case "templates":
      return runTemplates(deps);
    case "models":
      return runModels(command.filter, deps);
    case "prices":
      return command.refresh ? runPricesRefresh(deps) : runPrices(command.filter, deps);
    case "help":
      return runHelp(command.topic);
  }
}

/**
 * The one command pipeline every surface shares: text in, Reply out. A mistake of the
 * user's becomes a clear private reply; anything else is logged with a reference id and
 * the user gets a short apology carrying that id.
 */
export async function handleText(text: string, ctx: Context, deps: Deps): Promise<Reply> {
  try {
    return await withModelList(deps.catalog, async () => {
      const command = parseCommand(text);
      // help, templates and models answer from the shipped catalog: no overlay read for them.
      const priced = !["help", "templates", "models"].includes(command.kind);
      return dispatch(command, ctx, priced ? await livePrices(deps) : deps);
    });
  } catch (error) {
    if (error instanceof UserError) return errorReply(error.message, error.hint);
    const reference = randomUUID().slice(0, 8);
    deps.log.error("command failed", {
      reference,
      tenant: ctx.tenant,
      surface: ctx.surface,
      text,
      error: describe(error),
    });
    return {
      ...errorReply(`Sorry, something went wrong on our side (reference ${reference}). Please try again.`),
      status: 1,
    };
  }
}

function describe(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { value: String(error) };
}
