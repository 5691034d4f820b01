import { describe, expect, it } from "vitest";
import { DynamoIdempotencyStore } from "../../src/adapters/dynamodb/idempotency-store.ts";
import { dynamoStores } from "../../src/adapters/dynamodb/stores.ts";
import { type BudgetAlert, deliverAlert } from "../../src/app/alerts.ts";
import { handleText } from "../../src/app/pipeline.ts";
import type { ChannelRef, Notifier } from "../../src/app/ports.ts";
import type { Reply } from "../../src/app/reply.ts";
import { builtInCatalog } from "../../src/core/catalog/index.ts";
import { useEmbeddedDynamo } from "../adapters/dynamodb/fixtures.ts";
import { memoryLogger } from "./support.ts";

const dynamo = useEmbeddedDynamo();
const alert: BudgetAlert = {
  awsBudgetName: "costbot-slack-T1-ml",
  alertType: "ACTUAL",
  budgetedUsd: "38.61",
  thresholdUsd: "19.31",
  amountUsd: "21.40",
  period: "month",
};

/** A notifier that records what it posted and fails for the channels it is told to. */
function recorder(platform: ChannelRef["platform"], failFor = new Set<string>()) {
  const posts: { channel: string; reply: Reply }[] = [];
  const notifier: Notifier = {
    platform,
    post: async (_tenant, channel, reply) => {
      if (failFor.has(channel.channel)) throw new Error(`${channel.channel} is down`);
      posts.push({ channel: channel.channel, reply });
    },
  };
  return { posts, notifier };
}

async function setup() {
  const table = await dynamo.newTable();
  const store = dynamoStores(dynamo.db(), table);
  const catalog = builtInCatalog();
  const log = memoryLogger();
  await handleText(
    "save api bedrock-api",
    { tenant: "slack:T1", user: "U1", surface: "slack" },
    { catalog, store, clock: { now: () => new Date() }, log },
  );
  await store.putBudgetSubscription({
    tenant: "slack:T1",
    name: "ml",
    awsBudgetName: "costbot-slack-T1-ml",
    limitUsd: "38.61",
    channels: [
      { platform: "slack", channel: "C1" },
      { platform: "slack", channel: "C2" },
      { platform: "teams", channel: "19:abc@thread.tacv2" },
    ],
    scenario: "api",
    createdBy: "U1",
    createdAt: "2026-11-23T00:00:00Z",
  });
  return { store, idempotency: new DynamoIdempotencyStore(dynamo.db(), table), catalog, log };
}

describe("budget alert delivery", () => {
  it("posts to every subscribed channel: which budget, actual vs limit, the threshold, what the scenario predicted", async () => {
    const base = await setup();
    const slack = recorder("slack");
    const teams = recorder("teams");
    const report = await deliverAlert(alert, "m-1", { ...base, notifiers: [slack.notifier, teams.notifier] });
    expect(report.delivered).toHaveLength(3);
    expect(slack.posts.map((p) => p.channel).sort()).toEqual(["C1", "C2"]);
    const reply = slack.posts[0]!.reply;
    // 19.31 of 38.61 is 50 %; 21.40 is 55 % of the limit and of the prediction (bedrock-api: 38.61).
    expect(reply.summary).toBe("Budget ml: actual spend 21.40 USD passed 50 % of 38.61 USD");
    const text = reply.blocks.map((b) => (b.type === "text" ? b.text : "")).join("\n");
    expect(text).toMatch(/Actual spend this month: \*21\.40 USD\*, 55 % of the 38\.61 USD limit/);
    expect(text).toMatch(/Scenario `api` predicted \*38\.61 USD\* a month/);
    expect(reply.blocks.some((b) => b.type === "table")).toBe(true);
  });

  it("a redelivery posts nothing twice; a channel that failed is tried again, and only it", async () => {
    const base = await setup();
    const slack = recorder("slack", new Set(["C2"]));
    const teams = recorder("teams");
    const first = await deliverAlert(alert, "m-2", { ...base, notifiers: [slack.notifier, teams.notifier] });
    expect(first.failed.map((f) => f.channel.channel)).toEqual(["C2"]);
    expect(first.delivered).toHaveLength(2);

    const healed = recorder("slack");
    const second = await deliverAlert(alert, "m-2", {
      ...base,
      notifiers: [healed.notifier, teams.notifier],
    });
    expect(healed.posts.map((p) => p.channel)).toEqual(["C2"]);
    expect(teams.posts).toHaveLength(1);
    expect(second.skipped).toHaveLength(2);
    expect(second.failed).toEqual([]);
  });

  it("an alert for a budget nobody subscribed to is logged with its name, and posts nothing", async () => {
    const base = await setup();
    const slack = recorder("slack");
    const report = await deliverAlert({ ...alert, awsBudgetName: "someone-elses" }, "m-3", {
      ...base,
      notifiers: [slack.notifier],
    });
    expect(report.unknownBudget).toBe(true);
    expect(slack.posts).toEqual([]);
    expect(base.log.errors).toEqual([expect.objectContaining({ awsBudgetName: "someone-elses" })]);
  });
});
