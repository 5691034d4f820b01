import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { monthlyAlert, snsEvent } from "../fixtures/budgets/sns.ts";
import { FakeSlack } from "../fixtures/slack/fake-slack.ts";
import { startTeamsHarness, TENANT_A, type TeamsHarness } from "../fixtures/teams/harness.ts";
import { captureConsole, report } from "./figures.ts";

/**
 * The Bot Connector failing (the fake connector answers 500/503), and AWS Budgets alerts
 * redelivered by SNS while Slack rate-limits and Teams fails: each channel gets each alert
 * exactly once in the end, retries stay bounded, and every claim left in the table belongs
 * to a delivered alert.
 */
type AlertHandler = (event: unknown, context: unknown) => Promise<void>;
const CHANNEL = "19:finops-costs@thread.tacv2";

let h: TeamsHarness;
const slack = new FakeSlack();
let alerts: AlertHandler;
const figures: Record<string, unknown> = {};

beforeAll(async () => {
  h = await startTeamsHarness();
  await slack.start();
  expect((await h.send(h.activity("channel-mention"))).statusCode).toBe(200);
  await h.store.putBudgetSubscription({
    tenant: `teams:${TENANT_A}`,
    name: "ml",
    awsBudgetName: "costbot-mixed-ml",
    limitUsd: "38.61",
    channels: [
      { platform: "slack", channel: "C1" },
      { platform: "teams", channel: CHANNEL },
    ],
    createdBy: "U1",
    createdAt: "2026-11-23T00:00:00Z",
  });
  Object.assign(process.env, { SLACK_BOT_TOKEN: "xoxb-fake-test", SLACK_API_URL: slack.apiUrl });
  const bundle = pathToFileURL(resolve("dist/budget-alerts/index.mjs")).href;
  alerts = ((await import(/* @vite-ignore */ bundle)) as { handler: AlertHandler }).handler;
});
afterAll(async () => {
  report("faults-teams-alerts", figures);
  await slack.stop();
  await h?.close();
});

describe("Teams: the Bot Connector failing", () => {
  it("a reply the connector refuses (500, then the apology too): 200 to Bot Service, logged with a reference, nothing posted twice", async () => {
    const before = h.connector.posted.length;
    h.connector.failNext(2, 500);
    const activity = h.activity("channel-mention", TENANT_A, { id: "1732300000099" });
    const { result, lines } = await captureConsole(() => h.send(activity));
    expect([200, 500]).toContain(result.statusCode);
    expect(h.connector.refused.length).toBeGreaterThanOrEqual(1);
    expect(h.connector.posted.length).toBe(before);
    const logged = lines.map((l) => JSON.parse(l));
    expect(logged.some((l) => l.message === "teams turn failed" && /^[0-9a-f]{8}$/.test(l.reference))).toBe(
      true,
    );
    // Bot Service redelivers the same activity: claimed, so it does not act again.
    await captureConsole(() => h.send(activity));
    expect(h.connector.posted.length).toBe(before);
    figures.teamsConnector500 = { status: result.statusCode, refused: h.connector.refused.length };
  });
});

describe("budget alerts: SNS redelivery while Slack and Teams fail", () => {
  it("each channel gets the alert exactly once across redeliveries; only failed channels are retried", async () => {
    const message = monthlyAlert.replaceAll("costbot-slack-T1-ml", "costbot-mixed-ml");
    const event = snsEvent(message, "m-redeliver-1");
    const teamsBefore = h.connector.posted.length;
    const refusedBefore = h.connector.refused.length;

    // Delivery 1: Slack says 429 (Retry-After 20 s, longer than the function may wait), Teams 503.
    slack.failNext("chat.postMessage", 1, { status: 429, retryAfter: 20 });
    h.connector.failNext(1, 503);
    const first = await captureConsole(() =>
      alerts(event, { awsRequestId: "sns-1" }).then(
        () => "ok",
        (e) => e,
      ),
    );
    expect(first.result).toBeInstanceOf(Error);
    expect(slack.accepted("chat.postMessage")).toEqual([]);
    expect(h.connector.posted.length).toBe(teamsBefore);

    // Delivery 2 (SNS/Lambda retry): both go through.
    await captureConsole(() => alerts(event, { awsRequestId: "sns-2" }));
    expect(slack.accepted("chat.postMessage").map((c) => c.body.channel)).toEqual(["C1"]);
    expect(h.connector.posted.length).toBe(teamsBefore + 1);

    // Deliveries 3 and 4: nothing more.
    await captureConsole(() => alerts(event, { awsRequestId: "sns-3" }));
    await captureConsole(() => alerts(event, { awsRequestId: "sns-4" }));
    expect(slack.accepted("chat.postMessage")).toHaveLength(1);
    expect(h.connector.posted.length).toBe(teamsBefore + 1);

    // Bounded: one Slack attempt per delivery that needed one (no in-process retries).
    expect(slack.callsTo("chat.postMessage")).toHaveLength(2);
    figures.alertRedelivery = {
      slackAttempts: slack.callsTo("chat.postMessage").length,
      teamsAttempts: h.connector.refused.length - refusedBefore + 1,
      deliveries: 4,
      postsPerChannel: 1,
    };
  });
});
