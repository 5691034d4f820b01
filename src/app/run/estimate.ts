import { UserError } from "../../core/errors.ts";
import type { Estimate } from "../../core/estimate.ts";
import { dec } from "../../core/money.ts";
import type { Value } from "../../core/params.ts";
import type { Template } from "../../core/template.ts";
import type { Assignments, Options } from "../commands.ts";
import { money, signed } from "../format.ts";
import { ConflictError, type Context, type Deps, type ScenarioInput, type TemplateLookup } from "../ports.ts";
import { estimateBlocks, estimateSummary } from "../present.ts";
import type { Reply } from "../reply.ts";
import { sleepOf } from "../runtime.ts";
import {
  deltaData,
  deltaTable,
  inputOf,
  paramChanges,
  priceSaved,
  priceScenario,
  totalDelta,
  withChanges,
} from "../scenario.ts";
import { backoff } from "../threads.ts";
import { canonicalText } from "../values.ts";

/**
 * What-ifs a thread keeps, newest last. Unbounded, ~5,000 ordinary what-ifs (or ~200 of 2,000
 * characters) pushed the thread's item past DynamoDB's 400 KB and every later what-if there
 * failed. Bounded: 50 entries of at most MAX_INPUT (2,000) characters each, plus the current
 * and base scenarios (each at most MAX_INPUT of values) and one estimate, stay far below it.
 */
export const MAX_THREAD_HISTORY = 50;
/**
 * A what-if this estimate's template accepts: its first plain number key, doubled (or halved
 * when doubling leaves its range), so the suggested command runs as written.
 */
export function whatIfExample(e: Estimate, template: Template): string {
  for (const [key, spec] of Object.entries(template.params)) {
    if (spec.kind !== "number" || spec.fraction) continue;
    const now = typeof e.params[key] === "number" ? (e.params[key] as number) : spec.default;
    const doubled = dec(now).times(2);
    const next = doubled.lte(spec.max) ? doubled : dec(now).div(2);
    const value = spec.integer ? next.floor() : next;
    if (value.eq(now) || value.lt(spec.min) || (spec.exclusiveMin && value.eq(spec.min))) continue;
    return `${key}=${value.toString()}`;
  }
  return "currency=EUR";
}

const WHAT_IF_HINT: Record<Context["surface"], (example: string) => string> = {
  slack: (x) => `Reply in this thread with \`what if ${x}\` (or any key=value) to see what changes.`,
  teams: (x) =>
    `Reply to this message with \`@costbot what if ${x}\` (or any key=value) to see what changes.`,
  cli: (x) =>
    `Try \`costbot what if ${x}\` (or any key=value) to see what changes, \`costbot save <name>\` to keep it.`,
};

export function estimateReply(
  e: Estimate,
  template: Template,
  input: ScenarioInput,
  options: Options,
  surface: Context["surface"],
): Reply {
  return {
    kind: "estimate",
    visibility: "channel",
    summary: estimateSummary(e),
    blocks: [
      ...estimateBlocks(e, template, options.detail ?? false),
      { type: "actions", actions: [{ id: "save", label: "Save scenario" }] },
      { type: "context", text: WHAT_IF_HINT[surface](whatIfExample(e, template)) },
    ],
    estimate: e,
    scenario: input,
    status: 0,
  };
}

/** `template` is the one the command names, looked up before the runner (a built-in or the tenant's). */
export async function runEstimate(
  command: { template: string; assignments: Assignments; options: Options },
  template: Template,
  ctx: Context,
  deps: Deps,
): Promise<Reply> {
  const input = inputOf(command.template, command.assignments, command.options);
  const e = await priceScenario(input, template, deps.catalog);
  return estimateReply(e, template, input, command.options, ctx.surface);
}

/** The thread's scenario names its template: `templates` looks it up once it is read. */
export async function runWhatIf(
  command: { assignments: Assignments; options: Options },
  templates: TemplateLookup,
  ctx: Context,
  deps: Deps,
): Promise<Reply> {
  if (!ctx.thread) {
    throw new UserError(
      ctx.surface === "cli"
        ? "what if changes the last estimate: run one first, e.g. `costbot voice-agent users=1000`"
        : "what if works in the thread of an estimate: start one with `/cost <template> key=value …`",
    );
  }
  const { channel, thread } = ctx.thread;
  for (let attempt = 1; ; attempt++) {
    const started = deps.clock.now();
    const link = await deps.store.getThread(ctx.tenant, channel, thread);
    if (!link) {
      throw new UserError(
        ctx.surface === "cli"
          ? "there is no last estimate to change yet"
          : "this thread has no estimate to change yet",
        ctx.surface === "cli"
          ? "run one first, e.g. `costbot voice-agent users=1000` (any template), then `costbot what if …`"
          : "start one with `/cost voice-agent users=1000` (any template), then ask `what if …` in its thread",
      );
    }
    const input = withChanges(link.input, command.assignments, command.options);
    const after = (await priceSaved(input, templates, deps.catalog)).estimate;
    // Before and after must be in one currency for the deltas to mean anything.
    const before =
      input.currency === link.input.currency
        ? link.estimate
        : (await priceSaved({ ...link.input, currency: input.currency }, templates, deps.catalog)).estimate;
    const words = (valueText: (v: Value) => string) =>
      [
        ...Object.entries(command.assignments).map(([k, v]) => `${k}=${valueText(v)}`),
        ...(command.options.currency ? [`currency=${command.options.currency}`] : []),
      ].join(" ");
    // The reply echoes the words as written; the stored history keeps the canonical values.
    const text = words((v) => v.text);
    const entry = { text: words(canonicalText), by: ctx.user, at: deps.clock.now().toISOString() };
    try {
      await deps.store.putThread(
        {
          tenant: ctx.tenant,
          channel,
          thread,
          input,
          estimate: after,
          ...(link.base ? { base: link.base } : {}),
          history: [...link.history, entry].slice(-MAX_THREAD_HISTORY),
        },
        link.version,
      );
      const shownIn = input.currency !== link.input.currency ? input.currency : undefined;
      return whatIfReply(before, after, input, text, ctx.surface, shownIn);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const wait = backoff(attempt, started, deps);
      if (wait === undefined) throw new UserError("several what-ifs arrived at once; please ask again");
      await sleepOf(deps)(wait);
    }
  }
}

function whatIfReply(
  before: Estimate,
  after: Estimate,
  input: ScenarioInput,
  text: string,
  surface: Context["surface"],
  shownIn?: string,
): Reply {
  const change = totalDelta(before, after);
  const changes = [...paramChanges(before, after), ...(shownIn ? [`shown in ${shownIn}`] : [])];
  return {
    kind: "what-if",
    visibility: "channel",
    summary: `what if ${text}: ${money(after.total, after.currency)} / month (${signed(change)})`,
    blocks: [
      { type: "heading", text: `What if ${text}: ${money(after.total, after.currency)} / month` },
      { type: "text", text: changes.length ? `Changed: ${changes.join(", ")}` : "Nothing changed." },
      deltaTable(before, after),
      ...(after.notes.length ? [{ type: "notes" as const, items: after.notes }] : []),
      {
        type: "context",
        text:
          surface === "cli"
            ? "Each what-if builds on the last one; `costbot save <name>` keeps it."
            : "Each what-if builds on the last one in this thread.",
      },
    ],
    estimate: after,
    scenario: input,
    data: { changed: changes, delta: deltaData(before, after) },
    status: 0,
  };
}
