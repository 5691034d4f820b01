import { UserError } from "../../core/errors.ts";
import type { Estimate } from "../../core/estimate.ts";
import { dec } from "../../core/money.ts";
import type { Value } from "../../core/params.ts";
import { findTemplate } from "../../core/templates/index.ts";
import type { Assignments, Options } from "../commands.ts";
import { money, signed } from "../format.ts";
import { ConflictError, type Context, type Deps, type ScenarioInput, type ThreadLink } from "../ports.ts";
import { estimateBlocks, estimateSummary } from "../present.ts";
import type { Reply } from "../reply.ts";
import { randomOf, sleepOf } from "../runtime.ts";
import { deltaData, deltaTable, inputOf, paramChanges, runInput, withChanges } from "../scenario.ts";
import { canonicalText } from "../values.ts";

/**
 * Concurrent what-ifs in one thread retry on a version conflict until answered. Of N writers
 * that read the same version only one can win, so retrying at once just collides again: with
 * 4 immediate attempts, 20 what-ifs at once in one thread lost two thirds to "please ask
 * again" (test/reliability/load.test.ts). Each retry waits a random time ("full jitter") in a
 * window that doubles per attempt and starts at the length of the attempt that just lost,
 * i.e. the store's current read-modify-write time, so the writers spread out over as many
 * windows as there are contenders whether DynamoDB answers in 5 ms or a loaded engine in 500.
 * Bounded by time, not by a count of attempts: a loaded machine needs more attempts, never a
 * refusal. The what-if stops retrying only when the next wait would end past its share of the
 * function's deadline (WHAT_IF_RETRY_MS, or `Deps.retryWithinMs`); each wait is at most
 * BACKOFF_CAP_MS. Twenty simultaneous what-ifs in one thread typically settle in a few hundred
 * milliseconds at DynamoDB's latency (≈10 ms a read-modify-write).
 */
const BACKOFF_FLOOR_MS = 10;
/**
 * How long a what-if keeps retrying, from its first attempt: the slack function's 20 s timeout
 * (serverless.yml) less the 8 s its post may take (src/adapters/slack/worker.ts).
 */
export const WHAT_IF_RETRY_MS = 12_000;

/**
 * What-ifs a thread keeps, newest last. Unbounded, ~5,000 ordinary what-ifs (or ~200 of 2,000
 * characters) pushed the thread's item past DynamoDB's 400 KB and every later what-if there
 * failed. Bounded: 50 entries of at most MAX_INPUT (2,000) characters each, plus the current
 * and base scenarios (each at most MAX_INPUT of values) and one estimate, stay far below it.
 */
export const MAX_THREAD_HISTORY = 50;
const BACKOFF_CAP_MS = 2000;

/**
 * How long to wait before attempt `attempt + 1`, or undefined when that wait would end past
 * `until`. The clock measures the attempt that lost; the jitter comes from the injected randomness.
 */
function backoff(attempt: number, lastStarted: Date, until: number, deps: Deps): number | undefined {
  const now = deps.clock.now().getTime();
  const lost = now - lastStarted.getTime();
  const window = Math.max(BACKOFF_FLOOR_MS, lost) * 2 ** (attempt - 1);
  const wait = Math.floor(randomOf(deps).fraction() * Math.min(BACKOFF_CAP_MS, window));
  return now + wait <= until ? wait : undefined;
}

/** When a write that began now stops retrying (ms since the epoch, on the injected clock). */
const retryUntil = (deps: Deps) => deps.clock.now().getTime() + (deps.retryWithinMs ?? WHAT_IF_RETRY_MS);

/**
 * A what-if this estimate's template accepts: its first plain number key, doubled (or halved
 * when doubling leaves its range), so the suggested command runs as written.
 */
export function whatIfExample(e: Estimate): string {
  const template = findTemplate(e.template);
  for (const [key, spec] of Object.entries(template?.params ?? {})) {
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
  input: ScenarioInput,
  options: Options,
  surface: Context["surface"],
): Reply {
  return {
    kind: "estimate",
    visibility: "channel",
    summary: estimateSummary(e),
    blocks: [
      ...estimateBlocks(e, options.detail ?? false),
      { type: "actions", actions: [{ id: "save", label: "Save scenario" }] },
      { type: "context", text: WHAT_IF_HINT[surface](whatIfExample(e)) },
    ],
    estimate: e,
    scenario: input,
    status: 0,
  };
}

export function runEstimate(
  command: { template: string; assignments: Assignments; options: Options },
  ctx: Context,
  deps: Deps,
): Reply {
  const input = inputOf(command.template, command.assignments, command.options);
  return estimateReply(runInput(input, deps.catalog), input, command.options, ctx.surface);
}

export async function runWhatIf(
  command: { assignments: Assignments; options: Options },
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
  const until = retryUntil(deps);
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
    const after = runInput(input, deps.catalog);
    // Before and after must be in one currency for the deltas to mean anything.
    const before =
      input.currency === link.input.currency
        ? link.estimate
        : runInput({ ...link.input, currency: input.currency }, deps.catalog);
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
      // What it built on: another what-if may have landed in this thread since it was asked.
      const builtOn = link.history.at(-1)?.text;
      return whatIfReply(before, after, input, text, ctx.surface, shownIn, builtOn);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const wait = backoff(attempt, started, until, deps);
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
  builtOn?: string,
): Reply {
  const change = dec(after.total).minus(before.total);
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
        text: `Built on ${builtOn ? `\`what if ${builtOn}\`` : "the estimate"}. ${
          surface === "cli"
            ? "Each what-if builds on the last one; `costbot save <name>` keeps it."
            : "Each what-if builds on the last one in this thread."
        }`,
      },
    ],
    estimate: after,
    scenario: input,
    data: { changed: changes, delta: deltaData(before, after) },
    status: 0,
  };
}

/**
 * After a surface posts an estimate, it records which scenario the message's thread is
 * about, so what-ifs in that thread find it. The CLI's single "thread" is overwritten.
 */
export async function linkThread(
  ctx: Context,
  where: { channel: string; thread: string },
  reply: Reply,
  deps: Deps,
): Promise<ThreadLink | undefined> {
  if (!reply.scenario || !reply.estimate) return undefined;
  const until = retryUntil(deps);
  for (let attempt = 1; ; attempt++) {
    const started = deps.clock.now();
    const existing = await deps.store.getThread(ctx.tenant, where.channel, where.thread);
    try {
      return await deps.store.putThread(
        {
          tenant: ctx.tenant,
          ...where,
          input: reply.scenario,
          estimate: reply.estimate,
          base: reply.scenario,
          history: [],
        },
        existing?.version ?? 0,
      );
    } catch (error) {
      const wait = error instanceof ConflictError ? backoff(attempt, started, until, deps) : undefined;
      if (wait === undefined) throw error;
      await sleepOf(deps)(wait);
    }
  }
}
