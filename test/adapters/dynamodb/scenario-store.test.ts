import { GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
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

describe("budget subscriptions", () => {
  const sub = {
    tenant: "slack:T1",
    name: "ml-prod",
    awsBudgetName: "costbot-slack-T1-ml-prod",
    limitUsd: "500.00",
    channels: [{ platform: "slack" as const, channel: "C1" }],
    scenario: "plan",
    createdBy: "U1",
    createdAt: "2025-01-01T00:00:00.000Z",
  };
  const raw = (key: { pk: string; sk: string }) =>
    engine
      .db()
      .send(new GetCommand({ TableName: table, Key: key }))
      .then((out) => out.Item);

  it("puts, gets, lists and finds a subscription by its AWS budget name from outside the tenant", async () => {
    await store.putBudgetSubscription(sub);
    expect(await store.getBudgetSubscription("slack:T1", "ML-Prod")).toEqual(sub);
    expect(await store.listBudgetSubscriptions("slack:T1")).toEqual([sub]);
    expect(await store.findBudgetSubscriptionByAwsName(sub.awsBudgetName)).toEqual(sub);
    expect(await store.getBudgetSubscription("slack:T2", "ml-prod")).toBeUndefined();
    expect(await store.findBudgetSubscriptionByAwsName("costbot-unknown")).toBeUndefined();
  });

  it("delete removes both the subscription and its AWS-name lookup item", async () => {
    await store.putBudgetSubscription(sub);
    expect(await raw(keys.awsBudget(sub.awsBudgetName))).toBeDefined();
    expect(await store.deleteBudgetSubscription("slack:T1", "ml-prod")).toBe(true);
    expect(await raw(keys.budget("slack:T1", "ml-prod"))).toBeUndefined();
    expect(await raw(keys.awsBudget(sub.awsBudgetName))).toBeUndefined();
    expect(await store.deleteBudgetSubscription("slack:T1", "ml-prod")).toBe(false);
  });

  it("a lookup item left by an interrupted write finds nothing", async () => {
    const pointer = { ...keys.awsBudget(sub.awsBudgetName), tenant: sub.tenant, name: sub.name };
    await engine.db().send(new PutCommand({ TableName: table, Item: pointer }));
    expect(await store.findBudgetSubscriptionByAwsName(sub.awsBudgetName)).toBeUndefined();
  });
});

describe("conversation references", () => {
  it("stores a Teams reference per conversation and replaces it on the next put", async () => {
    const record = {
      tenant: "teams:tid",
      conversationId: "19:abc@thread.tacv2",
      reference: { serviceUrl: "https://smba.example/", conversation: { id: "19:abc@thread.tacv2" } },
      updatedAt: "2025-01-01T00:00:00.000Z",
    };
    await store.putConversationReference(record);
    expect(await store.getConversationReference("teams:tid", record.conversationId)).toEqual(record);
    const newer = {
      ...record,
      reference: { serviceUrl: "https://smba2.example/" },
      updatedAt: "2025-01-02T00:00:00.000Z",
    };
    await store.putConversationReference(newer);
    expect(await store.getConversationReference("teams:tid", record.conversationId)).toEqual(newer);
    expect(await store.getConversationReference("teams:other", record.conversationId)).toBeUndefined();
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
