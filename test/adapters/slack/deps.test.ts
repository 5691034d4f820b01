import { describe, expect, it } from "vitest";
import { deliveryClaim, type SlackDeps } from "../../../src/adapters/slack/deps.ts";
import type { IdempotencyStore } from "../../../src/app/ports.ts";

/** A claim store that records what it was asked; `failComplete` makes the done-mark fail. */
function claims(options: { first?: boolean; failComplete?: boolean } = {}) {
  const asked: string[] = [];
  const idempotency: IdempotencyStore = {
    claim: async (key) => {
      asked.push(`claim ${key}`);
      return options.first ?? true;
    },
    complete: async (key) => {
      asked.push(`complete ${key}`);
      if (options.failComplete) throw new Error("table down");
    },
    release: async (key) => void asked.push(`release ${key}`),
  };
  return { asked, deps: { idempotency } as unknown as SlackDeps };
}

describe("a delivery's claim", () => {
  it("is marked done once, whether the turn started the mark when it posted or the listener after it", async () => {
    const { asked, deps } = claims();
    const claim = deliveryClaim(deps, "T1", "Ev1");
    expect(await claim.first()).toBe(true);
    claim.answered();
    await claim.done();
    await claim.done();
    expect(asked).toEqual(["claim slack:T1:Ev1", "complete slack:T1:Ev1"]);
  });

  it("a repeat marks nothing", async () => {
    const { asked, deps } = claims({ first: false });
    const claim = deliveryClaim(deps, "T1", "Ev1");
    expect(await claim.first()).toBe(false);
    await claim.done();
    expect(asked).toEqual(["claim slack:T1:Ev1"]);
  });

  it("a mark that fails after `answered` started it still fails the listener's done(), where it is reported", async () => {
    const { deps } = claims({ failComplete: true });
    const claim = deliveryClaim(deps, "T1", "Ev1");
    await claim.first();
    claim.answered();
    await expect(claim.done()).rejects.toThrow("table down");
  });
});
