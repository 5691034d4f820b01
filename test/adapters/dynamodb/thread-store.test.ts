import { beforeEach, describe, expect, it } from "vitest";
import { DynamoThreadStore } from "../../../src/adapters/dynamodb/thread-store.ts";
import { ConflictError } from "../../../src/app/ports.ts";
import { scenario, useEmbeddedDynamo } from "./fixtures.ts";

const engine = useEmbeddedDynamo();
let store: DynamoThreadStore;
beforeEach(async () => {
  store = new DynamoThreadStore(engine.db(), await engine.newTable());
});

describe("thread links", () => {
  const link = () => {
    const { tenant, input, estimate } = scenario("slack:T1", "x");
    return { tenant, channel: "C1", thread: "1700000000.000100", input, estimate, history: [] };
  };

  it("creates, reads and appends a what-if at the version read", async () => {
    const v1 = await store.putThread(link(), 0);
    const whatIf = { text: "what if users 10k", by: "U1", at: "2025-01-01T00:01:00.000Z" };
    const v2 = await store.putThread({ ...v1, history: [...v1.history, whatIf] }, v1.version);
    expect(await store.getThread("slack:T1", "C1", "1700000000.000100")).toEqual(v2);
    expect(v2.history).toEqual([whatIf]);
    expect(await store.getThread("slack:T2", "C1", "1700000000.000100")).toBeUndefined();
  });

  it("of two writers racing from the same version, exactly one wins and the other gets ConflictError", async () => {
    const v1 = await store.putThread(link(), 0);
    const at = "2025-01-01T00:01:00.000Z";
    const results = await Promise.allSettled([
      store.putThread({ ...v1, history: [{ text: "what if users 10k", by: "U1", at }] }, v1.version),
      store.putThread({ ...v1, history: [{ text: "what if users 20k", by: "U2", at }] }, v1.version),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]?.status === "rejected" && lost[0].reason).toBeInstanceOf(ConflictError);
    const stored = await store.getThread("slack:T1", "C1", "1700000000.000100");
    expect(stored).toEqual(won[0]?.status === "fulfilled" ? won[0].value : undefined);
  });
});
