import { PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { beforeEach, describe, expect, it } from "vitest";
import { CorruptItemError } from "../../../src/adapters/dynamodb/items.ts";
import { type DynamoStores, dynamoStores } from "../../../src/adapters/dynamodb/stores.ts";
import { keys } from "../../../src/adapters/dynamodb/table.ts";
import { ConflictError } from "../../../src/app/ports.ts";
import { scenario, useEmbeddedDynamo } from "./fixtures.ts";

const engine = useEmbeddedDynamo();
let table: string;
let store: DynamoStores;
beforeEach(async () => {
  table = await engine.newTable();
  store = dynamoStores(engine.db(), table);
});

describe("scenarios", () => {
  it("creates at version 1 and reads back the same scenario under any capitalisation of its name", async () => {
    const saved = await store.putScenario(scenario("slack:T1", "Launch Plan"), 0);
    expect(saved.version).toBe(1);
    const read = await store.getScenario("slack:T1", "LAUNCH plan");
    expect(read).toEqual(saved);
    expect(read?.name).toBe("Launch Plan");
  });

  it("returns undefined for a scenario that was never saved", async () => {
    expect(await store.getScenario("slack:T1", "nothing")).toBeUndefined();
  });

  it("lists a tenant's scenarios as summaries, in name order", async () => {
    await store.putScenario(scenario("slack:T1", "beta", "U2"), 0);
    await store.putScenario(scenario("slack:T1", "Alpha"), 0);
    const e = scenario("slack:T1", "x").estimate;
    expect(await store.listScenarios("slack:T1")).toEqual([
      {
        name: "Alpha",
        template: "bedrock-api",
        total: e.total,
        currency: "USD",
        updatedAt: expect.any(String),
        createdBy: "U1",
      },
      {
        name: "beta",
        template: "bedrock-api",
        total: e.total,
        currency: "USD",
        updatedAt: expect.any(String),
        createdBy: "U2",
      },
    ]);
  });

  it("lists every scenario when the tenant's items span more than one 1 MB query page", async () => {
    const base = scenario("slack:T1", "x");
    const padding = "p".repeat(100_000);
    for (let i = 0; i < 12; i++) {
      const big = {
        ...base,
        name: `big-${String(i).padStart(2, "0")}`,
        estimate: { ...base.estimate, notes: [padding] },
      };
      await store.putScenario(big, 0);
    }
    const firstPage = await engine.db().send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": keys.tenant("slack:T1") },
      }),
    );
    expect(firstPage.LastEvaluatedKey).toBeDefined(); // the engine really does page
    const names = (await store.listScenarios("slack:T1")).map((s) => s.name);
    expect(names).toEqual(Array.from({ length: 12 }, (_, i) => `big-${String(i).padStart(2, "0")}`));
  });

  it("deletes a scenario and says whether there was one to delete", async () => {
    await store.putScenario(scenario("slack:T1", "plan"), 0);
    expect(await store.deleteScenario("slack:T1", "PLAN")).toBe(true);
    expect(await store.getScenario("slack:T1", "plan")).toBeUndefined();
    expect(await store.deleteScenario("slack:T1", "plan")).toBe(false);
  });

  it("refuses to create a name that already exists (version 0), whatever its case", async () => {
    await store.putScenario(scenario("slack:T1", "plan"), 0);
    await expect(store.putScenario(scenario("slack:T1", "Plan", "U2"), 0)).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect((await store.getScenario("slack:T1", "plan"))?.createdBy).toBe("U1");
  });

  it("updates at the version read, and refuses a stale version without changing the item", async () => {
    const v1 = await store.putScenario(scenario("slack:T1", "plan"), 0);
    const v2 = await store.putScenario({ ...v1, updatedAt: "2025-02-01T00:00:00.000Z" }, v1.version);
    expect(v2.version).toBe(2);
    const stale = store.putScenario({ ...v1, createdBy: "U9" }, v1.version);
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    expect(await store.getScenario("slack:T1", "plan")).toEqual(v2);
  });
});

describe("tenant isolation", () => {
  it("tenant B cannot get, list or delete tenant A's scenario of the same name, and can save its own", async () => {
    const a = await store.putScenario(scenario("slack:TA", "plan"), 0);
    expect(await store.getScenario("slack:TB", "plan")).toBeUndefined();
    expect(await store.listScenarios("slack:TB")).toEqual([]);
    expect(await store.deleteScenario("slack:TB", "plan")).toBe(false);
    expect((await store.putScenario(scenario("slack:TB", "plan", "UB"), 0)).version).toBe(1);
    expect(await store.getScenario("slack:TA", "plan")).toEqual(a);
  });
});

describe("corrupt items", () => {
  it("a stored scenario with a bad shape fails the read with CorruptItemError naming its key", async () => {
    const key = keys.scenario("slack:T1", "broken");
    const item = { ...key, ...scenario("slack:T1", "broken"), version: 1, estimate: { total: "lots" } };
    await engine.db().send(new PutCommand({ TableName: table, Item: item }));
    const error = await store.getScenario("slack:T1", "broken").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptItemError);
    expect(error).toMatchObject({ name: "CorruptItemError", key });
    expect((error as CorruptItemError).message).toContain("estimate.total");
    await expect(store.listScenarios("slack:T1")).rejects.toBeInstanceOf(CorruptItemError);
  });
});
