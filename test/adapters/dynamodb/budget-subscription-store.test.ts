import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { beforeEach, describe, expect, it } from "vitest";
import { DynamoBudgetSubscriptionStore } from "../../../src/adapters/dynamodb/budget-subscription-store.ts";
import { keys } from "../../../src/adapters/dynamodb/table.ts";
import { useEmbeddedDynamo } from "./fixtures.ts";

const engine = useEmbeddedDynamo();
let table: string;
let store: DynamoBudgetSubscriptionStore;
beforeEach(async () => {
  table = await engine.newTable();
  store = new DynamoBudgetSubscriptionStore(engine.db(), table);
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
