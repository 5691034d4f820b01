import { describe, expect, it } from "vitest";
import { DynamoSpendCache } from "../../../src/adapters/dynamodb/spend-cache-store.ts";
import { useEmbeddedDynamo } from "./fixtures.ts";

const dynamo = useEmbeddedDynamo();

describe("DynamoSpendCache: Cost Explorer's answers per tenant, filter and day", () => {
  it("gives an answer back until its TTL, then none (the sweeper's delay does not matter)", async () => {
    let now = new Date("2026-12-06T10:00:00Z");
    const cache = new DynamoSpendCache(dynamo.db(), await dynamo.newTable(), () => now);
    const expires = Date.parse("2026-12-08T00:00:00Z") / 1000;
    await cache.putSpend("slack:T1", "tag=app:voice#2026-12#2026-12-06", '{"services":[]}', expires);
    expect(await cache.getSpend("slack:T1", "tag=app:voice#2026-12#2026-12-06")).toBe('{"services":[]}');
    // Another tenant with the same filter sees nothing.
    expect(await cache.getSpend("slack:T2", "tag=app:voice#2026-12#2026-12-06")).toBeUndefined();
    now = new Date("2026-12-08T00:00:00Z");
    expect(await cache.getSpend("slack:T1", "tag=app:voice#2026-12#2026-12-06")).toBeUndefined();
  });
});
