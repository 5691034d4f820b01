import { DeleteCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { beforeEach, describe, expect, it } from "vitest";
import { CorruptItemError } from "../../../src/adapters/dynamodb/items.ts";
import { DynamoScenarioStore, type EngineFeatures } from "../../../src/adapters/dynamodb/scenario-store.ts";
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

  it("lists a tenant's scenarios as summaries, newest saved first", async () => {
    await store.putScenario(
      { ...scenario("slack:T1", "beta", "U2"), createdAt: "2025-01-02T00:00:00.000Z" },
      0,
    );
    await store.putScenario(scenario("slack:T1", "Alpha"), 0); // saved 2025-01-01: older
    const e = scenario("slack:T1", "x").estimate;
    const summary = {
      template: "bedrock-api",
      total: e.total,
      currency: "USD",
      updatedAt: expect.any(String),
    };
    expect(await store.listScenarios("slack:T1")).toEqual([
      { name: "beta", createdBy: "U2", ...summary },
      { name: "Alpha", createdBy: "U1", ...summary },
    ]);
  });

  it("lists large scenarios from their small summary items: the estimates are not read", async () => {
    const base = scenario("slack:T1", "x");
    const padding = "p".repeat(100_000);
    for (let i = 0; i < 12; i++) {
      const big = {
        ...base,
        name: `big-${String(i).padStart(2, "0")}`,
        createdAt: `2025-01-01T00:00:${String(i).padStart(2, "0")}.000Z`,
        estimate: { ...base.estimate, notes: [padding] },
      };
      await store.putScenario(big, 0);
    }
    const names = (await store.listScenarios("slack:T1")).map((s) => s.name);
    expect(names).toEqual(Array.from({ length: 12 }, (_, i) => `big-${String(11 - i).padStart(2, "0")}`));
    const sent = counting();
    const paged = await sent.store.listScenarios("slack:T1", { offset: 5, limit: 4 });
    expect(paged.map((s) => s.name)).toEqual(["big-06", "big-05", "big-04", "big-03"]);
    expect(await sent.store.countScenarios("slack:T1")).toBe(12);
    // A marker read, the page (9 items: 5 skipped, 4 shown) and the count: no 100 KB item crossed the wire.
    expect(sent.commands.map((c) => c.name)).toEqual(["GetCommand", "QueryCommand", "QueryCommand"]);
    expect(sent.commands[1]?.input).toMatchObject({ Limit: 9, ScanIndexForward: false });
    expect(sent.bytes()).toBeLessThan(20_000);
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

/** The same table through a client that records each command and the size of each answer. */
function counting(features: EngineFeatures = {}) {
  const db = engine.db();
  const commands: { name: string; input: Record<string, unknown> }[] = [];
  let bytes = 0;
  const spy = new Proxy(db, {
    get(target, property, receiver) {
      if (property !== "send") return Reflect.get(target, property, receiver);
      return async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
        commands.push({ name: command.constructor.name, input: command.input });
        const out = await (target.send as (c: unknown) => Promise<unknown>)(command);
        bytes += JSON.stringify(out).length;
        return out;
      };
    },
  });
  return { store: dynamoStores(spy, table, undefined, features), commands, bytes: () => bytes };
}

describe("bounded reads: list pages, counts and name lookups", () => {
  const save = (name: string, second: number) =>
    store.putScenario(
      {
        ...scenario("slack:T1", name),
        createdAt: `2025-01-01T00:00:${String(second).padStart(2, "0")}.000Z`,
      },
      0,
    );

  it("pages newest first; a page past the end is empty", async () => {
    for (let i = 0; i < 45; i++) await save(`s${i}`, i);
    expect(await store.countScenarios("slack:T1")).toBe(45);
    const page2 = await store.listScenarios("slack:T1", { offset: 20, limit: 20 });
    // Newest first: s44 … s25 on page 1, s24 … s5 on page 2.
    expect(page2.map((s) => s.name)).toEqual(Array.from({ length: 20 }, (_, i) => `s${24 - i}`));
    expect(await store.listScenarios("slack:T1", { offset: 60, limit: 20 })).toEqual([]);
    expect(await store.countScenarios("slack:T2")).toBe(0);
  });

  it("looks names up by prefix with a limit, in name order, in the tenant's partition only", async () => {
    for (const [i, name] of ["plan-a", "Plan-B", "plan-c", "other", "plan-d"].entries()) await save(name, i);
    await store.putScenario(scenario("slack:T2", "plan-z"), 0);
    const sent = counting();
    expect(await sent.store.scenarioNamesStartingWith("slack:T1", "PL", 3)).toEqual([
      "plan-a",
      "Plan-B",
      "plan-c",
    ]);
    expect(sent.commands).toHaveLength(1);
    expect(sent.commands[0]?.input).toMatchObject({ Limit: 3 });
    expect(await store.scenarioNamesStartingWith("slack:T1", "x", 3)).toEqual([]);
  });

  it("a delete removes the scenario's summary too: no longer listed or counted", async () => {
    await save("keep", 1);
    await save("drop", 2);
    expect(await store.deleteScenario("slack:T1", "DROP")).toBe(true);
    expect((await store.listScenarios("slack:T1")).map((s) => s.name)).toEqual(["keep"]);
    expect(await store.countScenarios("slack:T1")).toBe(1);
  });

  it("scenarios saved before summaries existed get theirs on the tenant's first list, once", async () => {
    // Written as the previous version did: the scenario item alone.
    for (const [i, name] of ["old-a", "old-b"].entries()) {
      const s = { ...scenario("slack:T1", name), createdAt: `2024-06-0${i + 1}T00:00:00.000Z` };
      await engine.db().send(
        new PutCommand({
          TableName: table,
          Item: { ...keys.scenario("slack:T1", name), ...s, version: 1 },
        }),
      );
    }
    await save("new", 1);
    expect((await store.listScenarios("slack:T1")).map((s) => s.name)).toEqual(["new", "old-b", "old-a"]);
    // Another process (a new store) finds the marker and reads no scenario item.
    const sent = counting();
    expect(await sent.store.countScenarios("slack:T1")).toBe(3);
    expect(sent.commands.map((c) => [c.name, c.input.ExpressionAttributeValues])).toEqual([
      ["GetCommand", undefined],
      ["QueryCommand", { ":pk": "T#slack:T1", ":prefix": "RECENT#SCENARIO#" }],
    ]);
  });
});

describe("requests a command makes", () => {
  it("an engine known to have no transactions (the CLI's) is not asked for one: the save is written all the same", async () => {
    const asked = counting();
    await asked.store.putScenario(scenario("slack:T1", "first"), 0, 10);
    // Not told: the first save finds out from dynalite's refusal.
    expect(asked.commands.map((c) => c.name)).toContain("TransactWriteCommand");
    const told = counting({ transactions: false });
    const saved = await told.store.putScenario(scenario("slack:T1", "second"), 0, 10);
    expect(told.commands.map((c) => c.name)).not.toContain("TransactWriteCommand");
    expect(await store.getScenario("slack:T1", "second")).toEqual(saved);
    expect((await store.listScenarios("slack:T1")).map((s) => s.name)).toEqual(["second", "first"]);
    expect(await store.countScenarios("slack:T1")).toBe(2);
  });
});

describe("rebuilding list summaries (after a repair)", () => {
  it("writes a missing summary and deletes one whose scenario is gone", async () => {
    await store.putScenario(scenario("slack:T1", "kept"), 0);
    await store.putScenario({ ...scenario("slack:T1", "lost"), createdAt: "2025-01-02T00:00:00.000Z" }, 0);
    // The tenant's first list writes the marker that says its summaries are complete.
    expect((await store.listScenarios("slack:T1")).map((s) => s.name)).toEqual(["lost", "kept"]);
    // As a repair may leave it: `kept` without its summary, `lost` only as a summary.
    await engine.db().send(
      new DeleteCommand({
        TableName: table,
        Key: keys.recentScenario("slack:T1", "2025-01-01T00:00:00.000Z", "kept"),
      }),
    );
    await engine.db().send(new DeleteCommand({ TableName: table, Key: keys.scenario("slack:T1", "lost") }));
    expect((await store.listScenarios("slack:T1")).map((s) => s.name)).toEqual(["lost"]);
    await new DynamoScenarioStore(engine.db(), table).rebuildRecentScenarios("slack:T1");
    expect((await store.listScenarios("slack:T1")).map((s) => s.name)).toEqual(["kept"]);
    expect(await store.countScenarios("slack:T1")).toBe(1);
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
