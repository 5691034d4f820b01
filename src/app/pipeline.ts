import { UserError } from "../core/errors.ts";
import type { Value } from "../core/params.ts";
import type { Template } from "../core/template.ts";
import type { Command } from "./commands.ts";
import { apologise } from "./failure.ts";
import { requireRights } from "./members.ts";
import { loadModelsFor } from "./model-list.ts";
import { parseCommand } from "./parse.ts";
import { type Context, type Deps, StoreUnavailable, type TemplateLookup } from "./ports.ts";
import { livePrices } from "./price-overlay.ts";
import { errorReply, type Reply } from "./reply.ts";
import { runActualCommand } from "./run/actual.ts";
import { runAudit, runPlan } from "./run/analysis.ts";
import { runBudget } from "./run/budget.ts";
import { runEstimate, runWhatIf } from "./run/estimate.ts";
import { runCompare, runSweep } from "./run/explore.ts";
import { runHelp, runModels, runTemplates } from "./run/info.ts";
import { runPriceBook, runPriceSet, runPrices, runPricesRefresh, runPriceUnset } from "./run/prices.ts";
import { runDelete, runDiff, runList, runSave, runShow } from "./run/scenarios.ts";
import { runSettings } from "./run/settings.ts";
import { type Attachment, runWorkload } from "./run/workload.ts";
import { requireEstimateTarget, requireWorkload, tenantTemplates } from "./workloads.ts";

/** Context and Deps live in the ports; re-exported for callers that import them from here. */
export type { Context, Deps } from "./ports.ts";

/** A command that names its template: estimate, sweep, compare, plan, audit. */
type Named = Extract<Command, { template: string }>;

/** Every value the command gives, by key (a sweep's values each under its axis key). */
function valuesOf(command: Named): [string, Value][] {
  const axis =
    "axis" in command ? command.axis.values.map((v): [string, Value] => [command.axis.key, v]) : [];
  return [...Object.entries(command.assignments), ...axis];
}

/**
 * The template the command names, looked up (a built-in, or the tenant's own read from the
 * store), with the full model list loaded when one of its values needs it: what the runner is
 * handed. Unknown names are refused here, in the parser's words for a bare estimate.
 */
async function templateFor(
  command: Named,
  templates: TemplateLookup,
  deps: Deps,
  require = requireWorkload,
): Promise<Template> {
  const { template } = await require(templates, command.template);
  await loadModelsFor(deps.catalog, template, valuesOf(command));
  return template;
}

async function dispatch(
  command: Command,
  templates: TemplateLookup,
  ctx: Context,
  deps: Deps,
  attachment: Attachment,
): Promise<Reply> {
  switch (command.kind) {
    case "estimate":
      // Not a built-in: the tenant's own workload, or neither (refused as the parser would).
      return runEstimate(
        command,
        await templateFor(command, templates, deps, requireEstimateTarget),
        ctx,
        deps,
      );
    case "what-if":
      return runWhatIf(command, templates, ctx, deps);
    case "sweep":
      return runSweep(command, await templateFor(command, templates, deps), deps);
    case "compare":
      return runCompare(command, await templateFor(command, templates, deps), deps);
    case "plan":
      return runPlan(command, await templateFor(command, templates, deps), deps);
    case "audit":
      return runAudit(await templateFor(command, templates, deps), deps);
    case "save":
      return runSave(command, templates, ctx, deps);
    case "list":
      return runList(command.page ?? 1, ctx, deps);
    case "show":
      return runShow(command.name, command.options, templates, ctx, deps);
    case "delete":
      return runDelete(command, ctx, deps);
    case "diff":
      return runDiff(command.names, templates, ctx, deps);
    case "budget":
      return runBudget(command, templates, ctx, deps);
    case "templates":
      return runTemplates(deps, ctx.surface);
    case "models":
      return runModels(command.filter, deps);
    case "prices":
      if (command.refresh) return runPricesRefresh(deps, command.options.region);
      if (command.set) return runPriceSet(command.set, ctx, deps);
      if (command.unset) return runPriceUnset(command.unset, ctx, deps);
      if (command.book) return runPriceBook(ctx, deps);
      return runPrices(command.filter, deps);
    case "settings":
      return runSettings(command, ctx, deps);
    case "help": {
      const found = command.topic === undefined ? "unknown" : await templates.resolve(command.topic);
      return runHelp(command.topic, found === "unknown" ? undefined : found.template, templates.known());
    }
    case "workload":
      return runWorkload(command, attachment, ctx, deps);
    case "track":
    case "untrack":
    case "actual":
      return runActualCommand(command, templates, ctx, deps);
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
    const command = parseCommand(text);
    // A Slack Connect partner's command outside what partners may do is refused here, once.
    requireRights(command, ctx);
    // help, templates, models and settings answer from the shipped catalog, and track/untrack/actual
    // from the scenario as saved: no overlay read for them.
    const priced = !["help", "templates", "models", "settings", "track", "untrack", "actual"].includes(
      command.kind,
    );
    // The tenant's effective prices: its region's overlay and its price book (a refresh reads
    // the region's price list instead of needing its overlay).
    const region = priced ? regionFor(command) : undefined;
    const used = priced
      ? await livePrices(deps, { tenant: ctx.tenant, ...(region ? { region } : {}) })
      : deps;
    // The command's templates: built-ins at once; another name is read from the tenant's store.
    const templates = tenantTemplates(ctx.tenant, used.store, used.catalog);
    return await dispatch(command, templates, ctx, used, attachment);
  } catch (error) {
    if (error instanceof UserError) return errorReply(error.message, error.hint);
    if (error instanceof StoreUnavailable)
      return { ...errorReply(error.message), code: "store_unavailable", status: 1 };
    return apologise("command failed", error, { ctx, text }, deps).reply;
  }
}

/**
 * The region a command prices in: its own `region=` (a what-if or `show` without one keeps its
 * scenario's, through Deps.pricesIn). A refresh reads its region's price list rather than needing
 * that region's overlay.
 */
function regionFor(command: Command): string | undefined {
  if (command.kind === "prices" && command.refresh) return undefined;
  return command.options.region;
}
