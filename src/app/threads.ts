import { ConflictError, type Context, type Deps, type ThreadLink } from "./ports.ts";
import type { Reply } from "./reply.ts";
import { randomOf, sleepOf } from "./runtime.ts";

/**
 * Threads: which scenario a chat thread (or the CLI's "last") is about, written after a reply is
 * posted (the turn) and read and rewritten by each what-if (run/estimate.ts), with the bounded
 * retry both use when writers collide.
 */

/**
 * Concurrent what-ifs in one thread retry on a version conflict until answered. Of N writers
 * that read the same version only one can win, so retrying at once just collides again: with
 * 4 immediate attempts, 20 what-ifs at once in one thread lost two thirds to "please ask
 * again" (test/reliability/load.test.ts). Each retry waits a random time ("full jitter") in a
 * window that doubles per attempt and starts at the length of the attempt that just lost,
 * i.e. the store's current read-modify-write time, so the writers spread out over as many
 * windows as there are contenders whether DynamoDB answers in 5 ms or a loaded engine in 500.
 * Bounded by time, not by a count of attempts: a loaded machine needs more attempts, never a
 * refusal (10 attempts ran out in a busy `npm test`). A write stops retrying only when the next
 * wait would end past its share of the function's deadline (WHAT_IF_RETRY_MS, or
 * `Deps.retryWithinMs`); each wait is at most BACKOFF_CAP_MS. Twenty simultaneous what-ifs in
 * one thread typically settle in a few hundred milliseconds at DynamoDB's latency.
 */
const BACKOFF_FLOOR_MS = 10;
const BACKOFF_CAP_MS = 2000;
/**
 * How long a write keeps retrying, from its first attempt: the slack function's 20 s timeout
 * (serverless.yml) less the 8 s its post may take (src/adapters/slack/worker.ts).
 */
export const WHAT_IF_RETRY_MS = 12_000;

/** When a write that begins now stops retrying (ms since the epoch, on the injected clock). */
export const retryUntil = (deps: Deps): number =>
  deps.clock.now().getTime() + (deps.retryWithinMs ?? WHAT_IF_RETRY_MS);

/**
 * How long to wait before attempt `attempt + 1`, or undefined when that wait would end past
 * `until`. The clock measures the attempt that lost; the jitter comes from the injected randomness.
 */
export function backoff(attempt: number, lastStarted: Date, until: number, deps: Deps): number | undefined {
  const now = deps.clock.now().getTime();
  const lost = now - lastStarted.getTime();
  const window = Math.max(BACKOFF_FLOOR_MS, lost) * 2 ** (attempt - 1);
  const wait = Math.floor(randomOf(deps).fraction() * Math.min(BACKOFF_CAP_MS, window));
  return now + wait <= until ? wait : undefined;
}

/**
 * After a surface posts an estimate, it records which scenario the message's thread is
 * about, so what-ifs in that thread find it. The CLI's single "thread" is overwritten.
 * `fresh`: the post started this thread (its id is the new message's), so no link can exist
 * and the first write goes without reading the version first: one round trip less per
 * estimate. Should one exist after all, that write fails its condition and the usual
 * read-then-write follows.
 */
export async function linkThread(
  ctx: Context,
  where: { channel: string; thread: string },
  reply: Reply,
  deps: Deps,
  fresh = false,
): Promise<ThreadLink | undefined> {
  if (!reply.scenario || !reply.estimate) return undefined;
  const link = {
    tenant: ctx.tenant,
    ...where,
    input: reply.scenario,
    estimate: reply.estimate,
    base: reply.scenario,
    history: [],
  };
  if (fresh) {
    try {
      return await deps.store.putThread(link, 0);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  const until = retryUntil(deps);
  for (let attempt = 1; ; attempt++) {
    const started = deps.clock.now();
    const existing = await deps.store.getThread(ctx.tenant, where.channel, where.thread);
    try {
      return await deps.store.putThread(link, existing?.version ?? 0);
    } catch (error) {
      const wait = error instanceof ConflictError ? backoff(attempt, started, until, deps) : undefined;
      if (wait === undefined) throw error;
      await sleepOf(deps)(wait);
    }
  }
}
