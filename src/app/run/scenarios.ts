import { UserError } from "../../core/errors.ts";
import { dec } from "../../core/money.ts";
import type { Command, Options } from "../commands.ts";
import { money } from "../format.ts";
import { DEFAULT_MAX_SCENARIOS } from "../limits.ts";
import { notInThisChannel, requireMember, visibleTo } from "../members.ts";
import {
  ConflictError,
  type Context,
  type Deps,
  LimitReached,
  type Scenario,
  type TemplateLookup,
} from "../ports.ts";
import { estimateBlocks, estimateSummary } from "../present.ts";
import { catalogFor } from "../price-overlay.ts";
import { type Reply, textReply } from "../reply.ts";
import { deltaData, deltaTable, inputOf, paramChanges, priceSaved } from "../scenario.ts";

/** Names shown when a name is not found: a bounded lookup, never the tenant's whole list. */
const SUGGESTIONS = 10;
/** What a saved scenario may take of a 400 KB DynamoDB item, leaving room for its keys and record. */
export const MAX_SCENARIO_BYTES = 300_000;

async function mustGet(name: string, ctx: Context, deps: Deps): Promise<Scenario> {
  const scenario = await deps.store.getScenario(ctx.tenant, name);
  // A partner learns nothing of scenarios saved elsewhere, not even their names.
  if (ctx.member === false && (!scenario || !visibleTo(scenario, ctx))) throw notInThisChannel(name, ctx);
  if (!scenario)
    throw new UserError(`no saved scenario named \`${name}\``, await suggestions(name, ctx, deps));
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

/** Who saved it, as people know them: the name the surface gave, else the id. */
const savedBy = (s: { createdBy: string; createdByName?: string }) => s.createdByName ?? s.createdBy;

/** Scenarios a `list` page shows. */
export const LIST_PAGE_SIZE = 20;

/** Saved names sharing the missing name's first letter, else the most recently saved ones. */
async function suggestions(name: string, ctx: Context, deps: Deps): Promise<string> {
  const alike = await deps.store.scenarioNamesStartingWith(ctx.tenant, name.slice(0, 1), SUGGESTIONS);
  if (alike.length) return `saved with \`${name.slice(0, 1)}\`: ${alike.join(", ")}`;
  const recent = await deps.store.listScenarios(ctx.tenant, { offset: 0, limit: SUGGESTIONS });
  return recent.length
    ? `saved most recently: ${recent.map((s) => s.name).join(", ")}`
    : "nothing is saved yet";
}

export async function runSave(
  command: Extract<Command, { kind: "save" }>,
  templates: TemplateLookup,
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
  const { estimate, version } = await priceSaved(input, templates, deps.catalog);
  // A team's own workload: which version of its model these figures come from.
  if (version !== undefined) input = { ...input, workloadVersion: version };
  // The store holds the cap with a conditional counter: exact however many saves race.
  const max = deps.maxScenarios ?? DEFAULT_MAX_SCENARIOS;
  // DynamoDB keeps at most 400 KB an item: a larger scenario (a team's model with many long
  // lines) is the user's to shrink, refused before anything is written.
  const bytes = Buffer.byteLength(JSON.stringify({ input, estimate }), "utf8");
  if (bytes > MAX_SCENARIO_BYTES)
    throw new UserError(
      `\`${command.name}\` is too large to save (${Math.ceil(bytes / 1024)} KB; at most ${MAX_SCENARIO_BYTES / 1000} KB); nothing was saved`,
      "fewer lines or shorter labels and notes in the workload model make it smaller",
    );
  const now = deps.clock.now().toISOString();
  const where = savedIn(ctx);
  const userName = ctx.userName ?? (await deps.userName?.(ctx.user).catch(() => undefined));
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
        ...(userName ? { createdByName: userName } : {}),
        createdAt: now,
        updatedAt: now,
        ...where,
      },
      0,
      max,
    );
  } catch (error) {
    if (error instanceof LimitReached) {
      throw new UserError(
        `this workspace has ${max} saved scenarios, the most it can keep; \`${command.name}\` was not saved`,
        "delete some you no longer need (`list` shows them, newest first; `delete <name>`), then save again",
      );
    }
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

export async function runList(page: number, ctx: Context, deps: Deps): Promise<Reply> {
  const offset = (page - 1) * LIST_PAGE_SIZE;
  const [shown, total] = await Promise.all([
    deps.store.listScenarios(ctx.tenant, { offset, limit: LIST_PAGE_SIZE }),
    deps.store.countScenarios(ctx.tenant),
  ]);
  if (!total)
    return {
      ...textReply(
        "scenario",
        ctx.surface === "cli"
          ? "No saved scenarios yet. Keep the last estimate with `costbot save <name>`."
          : "No saved scenarios yet. Save one with `save <name>` in an estimate's thread.",
        "private",
      ),
      data: { kind: "list", scenarios: [], page, pages: 0, count: 0 },
    };
  const pages = Math.ceil(total / LIST_PAGE_SIZE);
  if (!shown.length)
    throw new UserError(
      `there ${pages === 1 ? "is 1 page" : `are ${pages} pages`} of saved scenarios; no page ${page}`,
    );
  const range = `${offset + 1}–${offset + shown.length} of ${total}`;
  return {
    kind: "scenario",
    visibility: "private",
    summary: `${total} saved scenario(s)`,
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
        rows: shown.map((s) => [
          s.name,
          s.template,
          money(s.total, s.currency),
          s.updatedAt.slice(0, 10),
          savedBy(s),
        ]),
      },
      {
        type: "context",
        text: `${range}, newest first.${page < pages ? ` Next: \`list page=${page + 1}\`.` : ""}`,
      },
    ],
    data: { kind: "list", scenarios: shown, page, pages, count: total },
    status: 0,
  };
}

export async function runShow(
  name: string,
  options: Options,
  templates: TemplateLookup,
  ctx: Context,
  deps: Deps,
): Promise<Reply> {
  const scenario = await mustGet(name, ctx, deps);
  const input = options.currency ? { ...scenario.input, currency: options.currency } : scenario.input;
  // A saved scenario re-prices in the region it was saved in (README "Prices: the catalog").
  const catalog = await catalogFor(deps, options.region ?? input.region);
  const { estimate: now, template, version } = await priceSaved(input, templates, catalog);
  const drift = !dec(now.total).eq(scenario.estimate.total) && now.currency === scenario.estimate.currency;
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
      ...estimateBlocks(now, template, options.detail ?? false),
      {
        type: "context",
        text: `Saved as \`${scenario.name}\` by ${savedBy(scenario)} on ${scenario.createdAt.slice(0, 10)}${drift ? `; it was ${money(scenario.estimate.total, scenario.estimate.currency)} then (${modelChanged ? "the model or prices" : "prices"} changed since)` : ""}.${modelChanged}`,
      },
    ],
    estimate: now,
    scenario: input,
    status: 0,
  };
}

/**
 * Names one saved state of a scenario: its creation time and version (`20250101000000000-1`).
 * A confirmation carries it, so it deletes what the person was shown, not a scenario saved
 * again under the same name since.
 */
export function confirmationOf(scenario: Pick<Scenario, "createdAt" | "version">): string {
  return `${scenario.createdAt.replace(/\D/g, "")}-${scenario.version}`;
}

/**
 * Anyone in the workspace may delete a scenario, but deleting someone else's asks first, naming
 * who saved it and when: a button (Slack, Teams) or, typed, `delete <name> confirm=<token>`.
 */
export async function runDelete(
  command: Extract<Command, { kind: "delete" }>,
  ctx: Context,
  deps: Deps,
): Promise<Reply> {
  const scenario = await mustGet(command.name, ctx, deps);
  const token = confirmationOf(scenario);
  const own = scenario.createdBy === ctx.user;
  if (!own) requireMember(ctx, "delete scenarios someone else saved");
  if (!own && command.confirm !== token) return deleteQuestion(scenario, token, command.confirm, ctx);
  const deleted = await deps.store.deleteScenario(ctx.tenant, command.name, {
    version: scenario.version,
    createdAt: scenario.createdAt,
  });
  if (!deleted)
    throw new UserError(`\`${scenario.name}\` changed while it was being deleted; nothing was deleted`);
  const whose = own ? "" : ` (saved by ${savedBy(scenario)} on ${scenario.createdAt.slice(0, 10)})`;
  return textReply("scenario", `Deleted \`${scenario.name}\`${whose}.`);
}

function deleteQuestion(scenario: Scenario, token: string, stale: string | undefined, ctx: Context): Reply {
  const who = `\`${scenario.name}\` was saved by ${savedBy(scenario)} on ${scenario.createdAt.slice(0, 10)}, not by you`;
  const changed = stale ? "It was saved again since you were asked. " : "";
  const typed =
    ctx.surface === "cli"
      ? `To delete it anyway: \`costbot delete ${scenario.name} confirm=${token}\``
      : `Nothing is deleted until you confirm (or type \`delete ${scenario.name} confirm=${token}\`).`;
  return {
    kind: "scenario",
    visibility: "private",
    summary: `${who}. Delete it anyway?`,
    blocks: [
      { type: "text", text: `${changed}${who}. Delete it anyway?` },
      ...(ctx.surface === "cli"
        ? []
        : [
            {
              type: "actions" as const,
              actions: [
                {
                  id: "confirm-delete" as const,
                  label: `Delete ${scenario.name}`,
                  name: scenario.name,
                  confirm: token,
                },
              ],
            },
          ]),
      { type: "context", text: typed },
    ],
    data: {
      name: scenario.name,
      createdBy: scenario.createdBy,
      createdAt: scenario.createdAt,
      confirm: token,
    },
    // Not done: the CLI exits 2, as for any command that needs the person to change something.
    status: 2,
  };
}

export async function runDiff(
  names: readonly [string, string],
  templates: TemplateLookup,
  ctx: Context,
  deps: Deps,
): Promise<Reply> {
  const [a, b] = await Promise.all(names.map((n) => mustGet(n, ctx, deps)));
  const before = (await priceSaved({ ...a!.input, currency: "USD" }, templates, deps.catalog)).estimate;
  const after = (await priceSaved({ ...b!.input, currency: "USD" }, templates, deps.catalog)).estimate;
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
