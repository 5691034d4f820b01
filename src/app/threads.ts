import { ConflictError, type Context, type Deps, type ThreadLink } from "./ports.ts";
import type { Reply } from "./reply.ts";
import { randomOf, sleepOf } from "./runtime.ts";

/**
 * Threads: which scenario a chat thread (or the CLI's "last") is about, written after a reply is
 * posted (the turn) and read and rewritten by each what-if (run/estimate.ts), with the bounded
 * retry both use when writers collide.
 */

/**
 * Concurrent what-ifs in one thread retry on a version conflict, then give up clearly. Of N
 * writers that read the same version only one can win, so retrying at once just collides
 * again: with 4 immediate attempts, 20 what-ifs at once in one thread lost two thirds to
 * "please ask again" (test/reliability/load.test.ts). Each retry waits a random time ("full
 * jitter") in a window that doubles per attempt and starts at the length of the attempt that
 * just lost, i.e. the store's current read-modify-write time, so the writers spread out over
 * as many windows as there are contenders whether DynamoDB answers in 5 ms or a loaded engine
 * in 500. Bounded: at most MAX_ATTEMPTS attempts, each wait at most BACKOFF_CAP_MS. At
 * DynamoDB's latency (≈10 ms a read-modify-write) the worst case, losing nine times in a row,
 * waits 10 + 20 + … + 1,280 + 2,000 ms ≈ 4.6 s, inside the function's 10 s; twenty
 * simultaneous what-ifs in one thread typically settle in a few hundred milliseconds.
 */
export const MAX_ATTEMPTS = 10;
const BACKOFF_FLOOR_MS = 10;
const BACKOFF_CAP_MS = 2000;

/**
 * How long to wait before attempt `attempt + 1`, or undefined when no attempt is left.
 * The clock measures the attempt that lost; the jitter comes from the injected randomness.
 */
export function backoff(attempt: number, lastStarted: Date, deps: Deps): number | undefined {
  if (attempt >= MAX_ATTEMPTS) return undefined;
  const lost = deps.clock.now().getTime() - lastStarted.getTime();
  const window = Math.max(BACKOFF_FLOOR_MS, lost) * 2 ** (attempt - 1);
  return Math.floor(randomOf(deps).fraction() * Math.min(BACKOFF_CAP_MS, window));
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
      const wait = error instanceof ConflictError ? backoff(attempt, started, deps) : undefined;
      if (wait === undefined) throw error;
      await sleepOf(deps)(wait);
    }
  }
}
