import { UserError } from "../../core/errors.ts";
import { dec } from "../../core/money.ts";
import type { Command, Options } from "../commands.ts";
import { money } from "../format.ts";
import { ConflictError, type Context, type Deps, type Scenario } from "../ports.ts";
import { estimateBlocks, estimateSummary } from "../present.ts";
import { type Reply, textReply } from "../reply.ts";
import { deltaData, deltaTable, inputOf, paramChanges, runInput } from "../scenario.ts";
import { workloadVersion } from "../workloads.ts";

async function mustGet(name: string, ctx: Context, deps: Deps): Promise<Scenario> {
  const scenario = await deps.store.getScenario(ctx.tenant, name);
  if (!scenario) {
    const names = (await deps.store.listScenarios(ctx.tenant)).map((s) => s.name);
    const hint = names.length ? `saved: ${names.slice(0, 10).join(", ")}` : "nothing is saved yet";
    throw new UserError(`no saved scenario named \`${name}\``, hint);
  }
  return scenario;
}

/** Where a chat scenario was saved (a Slack thread, a Teams conversation): its drift notices go there. */
function savedIn(ctx: Context): Pick<Scenario, "savedIn"> {
  if (!ctx.channel || ctx.channel.platform === "cli") return {};
  const thread =
    ctx.channel.platform === "slack" && ctx.thread?.channel === ctx.channel.channel
      ? ctx.thread.thread
      : undefined;
  return { savedIn: { ...ctx.channel, ...(thread ? { thread } : {}) } };
}

export async function runSave(
  command: Extract<Command, { kind: "save" }>,
  ctx: Context,
  deps: Deps,
): Promise<Reply> {
  let input = command.inline
    ? inputOf(command.inline.template, command.inline.assignments, command.options)
    : undefined;
  if (!input) {
    const link = ctx.thread
      ? await deps.store.getThread(ctx.tenant, ctx.thread.channel, ctx.thread.thread)
      : undefined;
    if (!link) {
      throw new UserError(
        "there is no estimate here to save",
        ctx.surface === "cli"
          ? "run an estimate first, or `costbot save <name> <template> key=value …`"
          : "use `save <name>` in an estimate's thread, or `save <name> <template> key=value …`",
      );
    }
    input = link.input;
  }
  const estimate = runInput(input, deps.catalog);
  // A team's own workload: which version of its model these figures come from.
  const version = workloadVersion(input.template);
  if (version !== undefined) input = { ...input, workloadVersion: version };
  const now = deps.clock.now().toISOString();
  const where = savedIn(ctx);
  // Drift notices find chat scenarios through the tenants that saved one; registered first, so
  // a scenario is never saved where a refresh cannot find it (a CLI save has nowhere to post).
  if (where.savedIn) await deps.store.registerTenant(ctx.tenant);
  try {
    await deps.store.putScenario(
      {
        tenant: ctx.tenant,
        name: command.name,
        input,
        estimate,
        createdBy: ctx.user,
        createdAt: now,
        updatedAt: now,
        ...where,
      },
      0,
    );
  } catch (error) {
    if (error instanceof ConflictError) {
      throw new UserError(
        `a scenario named \`${command.name}\` already exists`,
        "pick another name, or `delete` it first",
      );
    }
    throw error;
  }
  return textReply("scenario", `Saved \`${command.name}\`: ${estimateSummary(estimate)}`);
}

export async function runList(ctx: Context, deps: Deps): Promise<Reply> {
  const all = await deps.store.listScenarios(ctx.tenant);
  if (!all.length)
    return {
      ...textReply(
        "scenario",
        ctx.surface === "cli"
          ? "No saved scenarios yet. Keep the last estimate with `costbot save <name>`."
          : "No saved scenarios yet. Save one with `save <name>` in an estimate's thread.",
        "private",
      ),
      data: { kind: "list", scenarios: [] },
    };
  return {
    kind: "scenario",
    visibility: "private",
    summary: `${all.length} saved scenario(s)`,
    blocks: [
      { type: "heading", text: "Saved scenarios" },
      {
        type: "table",
        columns: [
          { header: "Name", align: "left" },
          { header: "Template", align: "left" },
          { header: "Total / month", align: "right" },
          { header: "Saved", align: "left" },
          { header: "By", align: "left" },
        ],
        rows: all.map((s) => [
          s.name,
          s.template,
          money(s.total, s.currency),
          s.updatedAt.slice(0, 10),
          s.createdBy,
        ]),
      },
    ],
    data: { kind: "list", scenarios: all },
    status: 0,
  };
}

export async function runShow(name: string, options: Options, ctx: Context, deps: Deps): Promise<Reply> {
  const scenario = await mustGet(name, ctx, deps);
  const input = options.currency ? { ...scenario.input, currency: options.currency } : scenario.input;
  const now = runInput(input, deps.catalog);
  const drift = !dec(now.total).eq(scenario.estimate.total) && now.currency === scenario.estimate.currency;
  const version = workloadVersion(input.template);
  const modelChanged =
    version !== undefined &&
    scenario.input.workloadVersion !== undefined &&
    version !== scenario.input.workloadVersion
      ? ` The workload model \`${input.template}\` changed since: saved with version ${scenario.input.workloadVersion}, priced now with version ${version}.`
      : "";
  return {
    kind: "scenario",
    visibility: "channel",
    summary: `${scenario.name}: ${estimateSummary(now)}`,
    blocks: [
      ...estimateBlocks(now, options.detail ?? false),
      {
        type: "context",
        text: `Saved as \`${scenario.name}\` by ${scenario.createdBy} on ${scenario.createdAt.slice(0, 10)}${drift ? `; it was ${money(scenario.estimate.total, scenario.estimate.currency)} then (${modelChanged ? "the model or prices" : "prices"} changed since)` : ""}.${modelChanged}`,
      },
    ],
    estimate: now,
    scenario: input,
    status: 0,
  };
}

export async function runDelete(name: string, ctx: Context, deps: Deps): Promise<Reply> {
  const deleted = await deps.store.deleteScenario(ctx.tenant, name);
  if (!deleted) throw new UserError(`no saved scenario named \`${name}\``);
  return textReply("scenario", `Deleted \`${name}\`.`);
}

export async function runDiff(names: readonly [string, string], ctx: Context, deps: Deps): Promise<Reply> {
  const [a, b] = await Promise.all(names.map((n) => mustGet(n, ctx, deps)));
  const before = runInput({ ...a!.input, currency: "USD" }, deps.catalog);
  const after = runInput({ ...b!.input, currency: "USD" }, deps.catalog);
  const changes =
    a!.input.template === b!.input.template
      ? paramChanges(before, after)
      : [`template ${before.template} → ${after.template}`];
  return {
    kind: "scenario",
    visibility: "channel",
    summary: `${names[0]} ${money(before.total)} vs ${names[1]} ${money(after.total)} USD / month`,
    blocks: [
      { type: "heading", text: `diff ${names[0]} → ${names[1]}` },
      { type: "text", text: changes.length ? `Differences: ${changes.join(", ")}` : "Same parameters." },
      deltaTable(before, after, [names[0], names[1]]),
    ],
    data: { kind: "diff", names, changes, ...deltaData(before, after) },
    status: 0,
  };
}
