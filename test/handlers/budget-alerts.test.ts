import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { handleText } from "../../src/app/pipeline.ts";
import type { BudgetSubscription } from "../../src/app/ports.ts";
import { builtInCatalog } from "../../src/core/catalog/index.ts";
import { alertFor, monthlyAlert, snsEvent } from "../fixtures/budgets/sns.ts";
import { FakeSlack } from "../fixtures/slack/fake-slack.ts";
import { cardOf, startTeamsHarness, TENANT_A, type TeamsHarness } from "../fixtures/teams/harness.ts";

type Handler = (event: unknown, context: unknown) => Promise<void>;
const TEAMS_CHANNEL = "19:finops-costs@thread.tacv2";

let teams: TeamsHarness;
const slack = new FakeSlack();
let handler: Handler;
const slackPosts = () => slack.calls.filter((c) => c.method === "chat.postMessage");

async function subscribe(sub: Omit<BudgetSubscription, "createdBy" | "createdAt">) {
  await teams.store.putBudgetSubscription({ ...sub, createdBy: "U1", createdAt: "2026-11-23T00:00:00Z" });
}

beforeAll(async () => {
  teams = await startTeamsHarness();
  await slack.start();
  // The Teams channel talks to the bot once, which stores its conversation reference.
  expect((await teams.send(teams.activity("channel-mention"))).statusCode).toBe(200);
  const deps = {
    catalog: builtInCatalog(),
    store: teams.store,
    clock: { now: () => new Date() },
    log: { info() {}, error() {} },
  };
  await handleText("save api bedrock-api", { tenant: "slack:T1", user: "U1", surface: "slack" }, deps);
  await subscribe({
    tenant: "slack:T1",
    name: "ml",
    awsBudgetName: "costbot-slack-T1-ml",
    limitUsd: "38.61",
    scenario: "api",
    channels: [
      { platform: "slack", channel: "C1" },
      { platform: "slack", channel: "C2" },
    ],
  });
  await subscribe({
    tenant: `teams:${TENANT_A}`,
    name: "ml",
    awsBudgetName: `costbot-teams-${TENANT_A}-ml`,
    limitUsd: "38.61",
    channels: [{ platform: "teams", channel: TEAMS_CHANNEL }],
  });
  Object.assign(process.env, { SLACK_BOT_TOKEN: "xoxb-fake-test", SLACK_API_URL: slack.apiUrl });
  const bundle = pathToFileURL(resolve("dist/budget-alerts/index.mjs")).href;
  handler = ((await import(/* @vite-ignore */ bundle)) as { handler: Handler }).handler;
});
afterAll(async () => {
  await slack.stop();
  await teams?.close();
});
beforeEach(() => slack.reset());

describe("budget-alerts function (built bundle, SNS events, dynalite, fake Slack and Teams)", () => {
  it("posts a monthlyAlert ACTUAL alert to every subscribed Slack channel, next to what the scenario predicted", async () => {
    await handler(snsEvent(monthlyAlert, "m-slack-1"), { awsRequestId: "r1" });
    const posts = slackPosts();
    expect(posts.map((p) => p.body.channel).sort()).toEqual(["C1", "C2"]);
    expect(posts[0]!.token).toBe("xoxb-fake-test");
    // 19.31 of 38.61 is the 50 % threshold; 21.40 is 55 % of the limit.
    expect(posts[0]!.body.text).toBe("Budget ml: actual spend 21.40 USD passed 50 % of 38.61 USD");
    expect(JSON.stringify(posts[0]!.body.blocks)).toMatch(/Scenario `api` predicted \*38\.61 USD\*/);
  });

  it("a redelivery of the same SNS message posts nothing twice", async () => {
    await handler(snsEvent(monthlyAlert, "m-slack-2"), {});
    await handler(snsEvent(monthlyAlert, "m-slack-2"), {});
    expect(slackPosts()).toHaveLength(2);
  });

  it("one channel failing does not stop the others; the function fails, and the retry posts only to that channel", async () => {
    slack.failPostsTo("C2", "channel_not_found");
    await expect(handler(snsEvent(monthlyAlert, "m-slack-3"), {})).rejects.toThrow(/1 channel\(s\) failed/);
    expect(
      slackPosts()
        .filter((p) => p.answer.ok)
        .map((p) => p.body.channel),
    ).toEqual(["C1"]);
    slack.reset();
    await handler(snsEvent(monthlyAlert, "m-slack-3"), {});
    expect(slackPosts().map((p) => p.body.channel)).toEqual(["C2"]);
  });

  it("posts to a Teams channel proactively, from the stored conversation reference", async () => {
    const before = teams.connector.posted.length;
    await handler(snsEvent(alertFor(`costbot-teams-${TENANT_A}-ml`), "m-teams-1"), {});
    const post = teams.connector.posted[before]!;
    expect(post.conversationId).toBe(TEAMS_CHANNEL);
    expect(cardOf(post.activity).heading).toBe("Budget ml: actual spend 21.40 USD passed 50 % of 38.61 USD");
    expect(slackPosts()).toEqual([]);
  });

  it("a 400-digit amount (it printed ∞ USD) is refused and logged, and a 13-digit one is shown to the cent", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const huge = monthlyAlert.replace("ACTUAL Amount: $21.40", `ACTUAL Amount: $1${"0".repeat(400)}`);
      await handler(snsEvent(huge, "m-huge-1"), {});
      expect(errors.mock.calls.map((c) => JSON.parse(String(c[0])))).toEqual([
        expect.objectContaining({
          message: "not an AWS Budgets notification",
          missing: "amount under 10 trillion USD in actual amount",
        }),
      ]);
    } finally {
      errors.mockRestore();
    }
    expect(slackPosts()).toEqual([]);
    const big = monthlyAlert.replace("ACTUAL Amount: $21.40", "ACTUAL Amount: $9,999,999,999,999.99");
    await handler(snsEvent(big, "m-huge-2"), {});
    expect(slackPosts()[0]!.body.text).toBe(
      "Budget ml: actual spend 9,999,999,999,999.99 USD passed 50 % of 38.61 USD",
    );
  });

  it("an unknown budget is logged with its name and a malformed message with its text; neither fails the function", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      await handler(snsEvent(alertFor("costbot-nobody-x"), "m-4"), {});
      await handler(snsEvent("Hello from a misconfigured alarm", "m-5"), {});
      const logged = errors.mock.calls.map((c) => JSON.parse(String(c[0])));
      expect(logged).toEqual([
        expect.objectContaining({
          message: "alert for a budget nobody subscribed to",
          awsBudgetName: "costbot-nobody-x",
        }),
        expect.objectContaining({
          message: "not an AWS Budgets notification",
          text: "Hello from a misconfigured alarm",
        }),
      ]);
    } finally {
      errors.mockRestore();
    }
    expect(slackPosts()).toEqual([]);
  });
});
