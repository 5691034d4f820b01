import { describe, expect, it } from "vitest";
import { handleText } from "../../../src/app/pipeline.ts";
import { ConflictError, type Deps, type ThreadLink } from "../../../src/app/ports.ts";
import { linkThread, MAX_ATTEMPTS } from "../../../src/app/threads.ts";
import { chat, usePipeline } from "../support.ts";

const pipeline = usePipeline();
const where = { channel: "C1", thread: "9.9" };

/**
 * Time that moves only when the store works (25 ms a call) or the app sleeps, a jitter fixed
 * at one half, and a thread store that loses the first `losses` writes: every wait is known.
 */
async function scripted(losses: number) {
  const deps = await pipeline.deps();
  await linkThread(chat("slack:T1"), where, await handleText("bedrock-api", chat("slack:T1"), deps), deps);
  let now = 0;
  let lost = 0;
  const waits: number[] = [];
  const store: Deps["store"] = {
    ...deps.store,
    getThread: async (...args) => {
      now += 25;
      return deps.store.getThread(...args);
    },
    putThread: async (link: Omit<ThreadLink, "version">, expected: number) => {
      now += 25;
      if (lost < losses) {
        lost++;
        throw new ConflictError("the thread's scenario");
      }
      return deps.store.putThread(link, expected);
    },
  };
  const scriptedDeps: Deps = {
    ...deps,
    store,
    clock: { now: () => new Date(now) },
    random: { fraction: () => 0.5, referenceId: () => "ref00001" },
    sleep: async (ms) => {
      waits.push(ms);
      now += ms;
    },
  };
  return { deps: scriptedDeps, waits, log: deps.log };
}

describe("what-if retries: backoff from the injected clock, jitter and sleep", () => {
  it("waits half of a window that starts at the lost attempt's length and doubles per attempt", async () => {
    const { deps, waits } = await scripted(3);
    const reply = await handleText("what if devs=20", chat("slack:T1", where), deps);
    expect(reply.kind).toBe("what-if");
    // Each lost attempt took 50 ms (a read and a write, 25 ms each): windows 50, 100, 200 ms; × 0.5.
    expect(waits).toEqual([25, 50, 100]);
  });

  it("gives up clearly after MAX_ATTEMPTS, each wait capped at half of 2,000 ms", async () => {
    const { deps, waits } = await scripted(1000);
    const reply = await handleText("what if devs=20", chat("slack:T1", where), deps);
    expect(reply.summary).toBe("several what-ifs arrived at once; please ask again");
    // Windows 50 × 2^(n−1): 50, 100, 200, 400, 800, 1,600, then 3,200+ capped at 2,000; × 0.5.
    expect(waits).toEqual([25, 50, 100, 200, 400, 800, 1000, 1000, 1000]);
    expect(waits).toHaveLength(MAX_ATTEMPTS - 1);
  });

  it("an apology's reference comes from the injected source", async () => {
    const { deps, log } = await scripted(0);
    const failing: Deps = {
      ...deps,
      store: { ...deps.store, listScenarios: () => Promise.reject(new Error("disk on fire")) },
    };
    const reply = await handleText("list", chat("slack:T1"), failing);
    expect(reply.summary).toBe(
      "Sorry, something went wrong on our side (reference ref00001). Please try again.",
    );
    expect(log.errors).toEqual([expect.objectContaining({ reference: "ref00001" })]);
  });
});
