import { UserError } from "../core/errors.ts";
import type { Command } from "./commands.ts";
import { withModelList } from "./model-list.ts";
import { parseCommand } from "./parse.ts";
import { type Context, type Deps, StoreUnavailable } from "./ports.ts";
import { livePrices } from "./price-overlay.ts";
import { apologyReply, errorReply, type Reply } from "./reply.ts";
import { runActualCommand } from "./run/actual.ts";
import { runAudit, runPlan } from "./run/analysis.ts";
import { runBudget } from "./run/budget.ts";
import { runEstimate, runWhatIf } from "./run/estimate.ts";
import { runCompare, runSweep } from "./run/explore.ts";
import { runHelp, runModels, runTemplates } from "./run/info.ts";
import { runPrices, runPricesRefresh } from "./run/prices.ts";
import { runDelete, runDiff, runList, runSave, runShow } from "./run/scenarios.ts";
import { runSettings } from "./run/settings.ts";
import { type Attachment, runWorkload } from "./run/workload.ts";
import { randomOf } from "./runtime.ts";
import { requireEstimateTarget, withWorkloads } from "./workloads.ts";

/** Context and Deps live in the ports; re-exported for callers that import them from here. */
export type { Context, Deps } from "./ports.ts";

async function dispatch(command: Command, ctx: Context, deps: Deps, attachment: Attachment): Promise<Reply> {
  switch (command.kind) {
    case "estimate":
      // Not a built-in: the tenant's own workload, or neither (refused as the parser would).
      requireEstimateTarget(command.template);
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
      return runList(command.page ?? 1, ctx, deps);
    case "show":
      return runShow(command.name, command.options, ctx, deps);
    case "delete":
      return runDelete(command, ctx, deps);
    case "diff":
      return runDiff(command.names, ctx, deps);
    case "budget":
      return runBudget(command, ctx, deps);
    case "templates":
      return runTemplates(deps, ctx.surface);
    case "models":
      return runModels(command.filter, deps);
    case "prices":
      return command.refresh ? runPricesRefresh(deps) : runPrices(command.filter, deps);
    case "settings":
      return runSettings(command, ctx, deps);
    case "help":
      return runHelp(command.topic);
    case "workload":
      return runWorkload(command, attachment, ctx, deps);
    case "track":
    case "untrack":
    case "actual":
      return runActualCommand(command, ctx, deps);
  }
}

/**
 * The one command pipeline every surface shares: text in, Reply out. A mistake of the
 * user's becomes a clear private reply; anything else is logged with a reference id and
 * the user gets a short apology carrying that id.
 */
export async function handleText(
  text: string,
  ctx: Context,
  deps: Deps,
  attachment: Attachment = {},
): Promise<Reply> {
  try {
    return await withModelList(deps.catalog, async () => {
      const command = parseCommand(text);
      // help, templates, models and settings answer from the shipped catalog, and track/untrack/actual
      // from the scenario as saved: no overlay read for them.
      const priced = !["help", "templates", "models", "settings", "track", "untrack", "actual"].includes(
        command.kind,
      );
      const used = priced ? await livePrices(deps) : deps;
      // A name that is not a built-in is looked up in the tenant's own workloads, only then.
      return withWorkloads(ctx.tenant, used.store, used.catalog, () =>
        dispatch(command, ctx, used, attachment),
      );
    });
  } catch (error) {
    if (error instanceof UserError) return errorReply(error.message, error.hint);
    if (error instanceof StoreUnavailable)
      return { ...errorReply(error.message), code: "store_unavailable", status: 1 };
    const reference = randomOf(deps).referenceId();
    deps.log.error("command failed", {
      reference,
      tenant: ctx.tenant,
      surface: ctx.surface,
      text,
      error: describe(error),
    });
    return apologyReply(reference);
  }
}

export function describe(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { value: String(error) };
}
