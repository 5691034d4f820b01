import { describe, expect, it } from "vitest";
import { dynamoStores } from "../../../src/adapters/dynamodb/stores.ts";
import { scenario, useEmbeddedDynamo } from "./fixtures.ts";

const engine = useEmbeddedDynamo();

describe("dynamoStores: the four per-kind stores on one table", () => {
  it("scenarios, thread links, subscriptions and conversation references share the table and keep apart", async () => {
    const stores = dynamoStores(engine.db(), await engine.newTable());
    const s = scenario("slack:T1", "plan");
    await stores.putScenario(s, 0);
    await stores.putThread(
      { tenant: "slack:T1", channel: "C1", thread: "1.1", input: s.input, estimate: s.estimate, history: [] },
      0,
    );
    await stores.putBudgetSubscription({
      tenant: "slack:T1",
      name: "ml",
      awsBudgetName: "costbot-slack-T1-ml",
      limitUsd: "500.00",
      channels: [{ platform: "slack", channel: "C1" }],
      createdBy: "U1",
      createdAt: "2026-11-23T00:00:00Z",
    });
    await stores.putConversationReference({
      tenant: "slack:T1",
      conversationId: "19:c",
      reference: { a: 1 },
      updatedAt: "x",
    });
    expect((await stores.listScenarios("slack:T1")).map((x) => x.name)).toEqual(["plan"]);
    expect((await stores.getThread("slack:T1", "C1", "1.1"))?.version).toBe(1);
    expect((await stores.listBudgetSubscriptions("slack:T1")).map((x) => x.name)).toEqual(["ml"]);
    expect((await stores.getConversationReference("slack:T1", "19:c"))?.reference).toEqual({ a: 1 });
  });
});
