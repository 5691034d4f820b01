import { beforeEach, describe, expect, it } from "vitest";
import { DynamoIdempotencyStore } from "../../../src/adapters/dynamodb/scenario-store.ts";
import type { Clock } from "../../../src/app/ports.ts";
import { useEmbeddedDynamo } from "./fixtures.ts";

const engine = useEmbeddedDynamo();

/** A clock the test moves by hand, so the TTL can pass without waiting. */
function manualClock(start = "2025-01-01T00:00:00.000Z") {
  let now = new Date(start).getTime();
  const clock: Clock = { now: () => new Date(now) };
  return { clock, advanceSeconds: (s: number) => (now += s * 1000) };
}

describe("DynamoIdempotencyStore.claim", () => {
  let table: string;
  beforeEach(async () => {
    table = await engine.newTable();
  });

  it("is true the first time a key is claimed and false for a retried delivery within the TTL", async () => {
    const { clock, advanceSeconds } = manualClock();
    const store = new DynamoIdempotencyStore(engine.db(), table, clock);
    expect(await store.claim("slack:Ev123", 60)).toBe(true);
    expect(await store.claim("slack:Ev123", 60)).toBe(false);
    advanceSeconds(60); // at the expiry second the claim still holds
    expect(await store.claim("slack:Ev123", 60)).toBe(false);
  });

  it("is true again once the TTL has passed, even though the record was never swept", async () => {
    const { clock, advanceSeconds } = manualClock();
    const store = new DynamoIdempotencyStore(engine.db(), table, clock);
    expect(await store.claim("sns:msg-1", 60)).toBe(true);
    advanceSeconds(61);
    expect(await store.claim("sns:msg-1", 60)).toBe(true);
    expect(await store.claim("sns:msg-1", 60)).toBe(false);
  });

  it("keeps keys independent", async () => {
    const store = new DynamoIdempotencyStore(engine.db(), table, manualClock().clock);
    expect(await store.claim("a", 60)).toBe(true);
    expect(await store.claim("b", 60)).toBe(true);
  });

  it("uses the system clock when none is injected", async () => {
    const store = new DynamoIdempotencyStore(engine.db(), table);
    expect(await store.claim("wall-clock", 60)).toBe(true);
    expect(await store.claim("wall-clock", 60)).toBe(false);
  });
});
