import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DynamoBudgetSubscriptionStore } from "../../src/adapters/dynamodb/budget-subscription-store.ts";
import { documentClient, startEmbeddedDynamo } from "../../src/adapters/dynamodb/embedded.ts";
import { createTable } from "../../src/adapters/dynamodb/table.ts";
import { monthlyAlert, snsEvent } from "../fixtures/budgets/sns.ts";
import { FakeSsm } from "../fixtures/fake-ssm.ts";
import { FakeSlack } from "../fixtures/slack/fake-slack.ts";
import { captureConsole } from "../reliability/figures.ts";

/**
 * Issue 16 item 6: the built functions in a Slack-only deployment (serverless.yml's defaults
 * without the teamsAppId parameter: MicrosoftAppId empty, the Teams password parameter never
 * created), reading their secrets from a loopback SSM that first hangs.
 */
const TABLE = "costbot-deployments-test";
const SLACK_TOKEN_PARAM = "/costbot/test/slack/bot-token";
const TEAMS_PASSWORD_PARAM = "/costbot/test/teams/app-password";
const ssm = new FakeSsm({ [SLACK_TOKEN_PARAM]: "xoxb-fakessm" });
const slack = new FakeSlack();
let engine: Awaited<ReturnType<typeof startEmbeddedDynamo>>;

const bundle = (name: string) =>
  `${pathToFileURL(resolve(`dist/${name}/index.mjs`)).href}?deployment=${Date.now()}`;

beforeAll(async () => {
  await ssm.start();
  await slack.start();
  engine = await startEmbeddedDynamo();
  const db = documentClient(engine.endpoint);
  await createTable(db, TABLE);
  const store = new DynamoBudgetSubscriptionStore(db, TABLE);
  await store.putBudgetSubscription({
    tenant: "slack:T1",
    name: "ml",
    awsBudgetName: "costbot-slack-T1-ml",
    limitUsd: "38.61",
    channels: [
      { platform: "slack", channel: "C1" },
      { platform: "teams", channel: "19:finops@thread.tacv2" },
    ],
    createdBy: "U1",
    createdAt: "2026-11-23T00:00:00Z",
  });
  for (const key of ["SLACK_BOT_TOKEN", "MicrosoftAppPassword", "TEAMS_TOKEN_SIDECAR_URL"])
    delete process.env[key];
  Object.assign(process.env, {
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "AKIDFAKE",
    AWS_SECRET_ACCESS_KEY: "fake-secret",
    AWS_ENDPOINT_URL_SSM: ssm.url,
    TABLE_NAME: TABLE,
    DYNAMODB_ENDPOINT: engine.endpoint,
    SLACK_API_URL: slack.apiUrl,
    SLACK_BOT_TOKEN_PARAM: SLACK_TOKEN_PARAM,
    MicrosoftAppId: "",
    MicrosoftAppTenantId: "",
    MicrosoftAppPassword_PARAM: TEAMS_PASSWORD_PARAM,
  });
});
afterAll(async () => {
  await ssm.stop();
  await slack.stop();
  await engine?.close();
});

describe("a Slack-only deployment", () => {
  it("budget-alerts starts past a hung SSM call and without the Teams password, says once that Teams is skipped, and alerts Slack", async () => {
    ssm.hangNext = 1;
    const { result: alerts, lines } = await captureConsole(async () => {
      const m = (await import(/* @vite-ignore */ bundle("budget-alerts"))) as {
        handler: (event: unknown, context: unknown) => Promise<void>;
      };
      await m.handler(snsEvent(monthlyAlert, "deploy-1"), {});
      await m.handler(snsEvent(monthlyAlert, "deploy-2"), {});
      return m;
    });
    expect(alerts.handler).toBeTypeOf("function");
    // The hung request, then the retry: the same decrypted call both times.
    expect(ssm.requests.map((r) => r.target)).toEqual(["AmazonSSM.GetParameters", "AmazonSSM.GetParameters"]);
    expect(ssm.requests[1]!.body).toEqual({
      Names: [SLACK_TOKEN_PARAM, TEAMS_PASSWORD_PARAM],
      WithDecryption: true,
    });
    const posts = slack.calls.filter((c) => c.method === "chat.postMessage");
    expect(posts.map((p) => [p.token, p.body.channel])).toEqual([
      ["xoxb-fakessm", "C1"],
      ["xoxb-fakessm", "C1"],
    ]);
    const skipped = lines.filter((l) => l.includes("teams is not configured here"));
    expect(skipped).toHaveLength(1);
    expect(lines.filter((l) => l.includes('"level":"error"'))).toEqual([]);
  });

  it("the teams function starts without reading any secret and answers 503, saying once why", async () => {
    const before = ssm.requests.length;
    const { lines, result } = await captureConsole(async () => {
      const m = (await import(/* @vite-ignore */ bundle("teams"))) as {
        handler: (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string }>;
      };
      return [await m.handler({ body: "{}" }, {}), await m.handler({ body: "{}" }, {})];
    });
    expect(result.map((r) => r.statusCode)).toEqual([503, 503]);
    expect(JSON.parse(result[0]!.body)).toEqual({ error: "Teams is not configured in this deployment" });
    expect(ssm.requests.length).toBe(before);
    expect(lines.filter((l) => l.includes("teams is not configured here"))).toHaveLength(1);
  });
});
