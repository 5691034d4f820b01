import { readFileSync } from "node:fs";
import { GetProductsCommand, PricingClient } from "@aws-sdk/client-pricing";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { slackContext } from "../../src/adapters/slack/deps.ts";
import { handleText } from "../../src/app/pipeline.ts";
import type { Context } from "../../src/app/ports.ts";
import { ECB_DAILY_URL } from "../../src/core/catalog/ecb.ts";
import { builtInCatalog } from "../../src/core/catalog/index.ts";
import { FakeSlack } from "../fixtures/slack/fake-slack.ts";
import { cardOf, startTeamsHarness, TENANT_A, type TeamsHarness } from "../fixtures/teams/harness.ts";

/**
 * Issue 15 item 4: the `prices` function (its source, so aws-sdk-client-mock reaches its Price
 * List client; the other clients are real) refreshes the overlay on dynalite, then posts one
 * drift notice per moved scenario through the fake Slack Web API and the fake Bot Connector.
 */

const recorded = (name: string) => JSON.parse(readFileSync(`test/fixtures/pricing/${name}.json`, "utf8"));
const APIGW_REST = {
  ServiceCode: "AmazonApiGateway",
  Filters: [
    { Type: "TERM_MATCH" as const, Field: "regionCode", Value: "us-east-1" },
    { Type: "TERM_MATCH" as const, Field: "usagetype", Value: "ApiGatewayRequest" },
  ],
};
const pricing = mockClient(PricingClient);
/** The day's answer for API Gateway REST; every other key answers nothing (held, shipped kept). */
function priceListAnswers(apigw: string) {
  pricing.reset();
  pricing.on(GetProductsCommand).resolves(recorded("empty"));
  pricing.on(GetProductsCommand, APIGW_REST).resolves(recorded(`drift/${apigw}`));
}

/**
 * 1000 devs × 1000 calls × 30 days = 30,000,000 calls a month. API Gateway REST at 3.50 USD per
 * million: 30 × 3.50 = 105.00; Lambda without the free tier: requests 30 × 0.20 = 6.00, plus
 * 0.5 GB × 0.001 s × 30M = 15,000 GB-s × 0.0000166667 = 0.2500005, a line of 6.25. No tokens,
 * no S3: 111.25 USD. At 3.70: 30 × 3.70 = 111.00, total 117.25, +6.00, 6 / 111.25 = 5.39 %.
 */
const HEAVY =
  "bedrock-api devs=1000 calls=1000 input_tokens=0 output_tokens=0 s3_monthly=0 free_tier=false duration_ms=1";
const TEAMS_CHANNEL = "19:finops-costs@thread.tacv2";

type Handler = (event: unknown, context: unknown) => Promise<Record<string, unknown>>;
let handler: Handler;
let teams: TeamsHarness;
const slack = new FakeSlack();
const slackPosts = () => slack.calls.filter((c) => c.method === "chat.postMessage");
const logs: Record<string, unknown>[] = [];

async function say(text: string, ctx: Context) {
  const deps = {
    catalog: builtInCatalog(),
    store: teams.store,
    clock: { now: () => new Date("2026-11-30T10:00:00Z") },
    log: { info() {}, error() {} },
  };
  const reply = await handleText(text, ctx, deps);
  expect(reply.status, `${text}: ${reply.summary}`).toBe(0);
}

const refresh = (day: string) => handler({ time: `${day}T06:00:00Z` }, { awsRequestId: `r-${day}` });

beforeAll(async () => {
  teams = await startTeamsHarness();
  await slack.start();
  const capture = (line: unknown) => logs.push(JSON.parse(String(line)));
  vi.spyOn(console, "log").mockImplementation(capture);
  vi.spyOn(console, "error").mockImplementation(capture);
  // The ECB's reference rates, recorded; every other request goes where it was sent (loopback).
  const realFetch = globalThis.fetch;
  const ecb = readFileSync("test/fixtures/ecb/eurofxref-daily.xml", "utf8");
  vi.stubGlobal("fetch", (url: string | URL | Request, init?: RequestInit) =>
    String(url) === ECB_DAILY_URL ? Promise.resolve(new Response(ecb)) : realFetch(url, init),
  );

  // Saved where they were asked: a Slack thread, a Teams channel; one tenant raises its threshold.
  await say(`save api-heavy ${HEAVY}`, slackContext("T1", "U1", "C1", "1700000000.000100"));
  await say("save small bedrock-api", slackContext("T1", "U1", "C1", "1700000000.000200"));
  await say(`save api-heavy ${HEAVY}`, slackContext("T2", "U9", "C9", "1700000000.000900"));
  // What `settings drift=10%` stores (the command has its own tests).
  await teams.store.putSettings({
    tenant: "slack:T2",
    driftPercent: "10",
    updatedBy: "U9",
    updatedAt: "2026-11-30T10:00:00Z",
  });
  await say(`save local ${HEAVY}`, { tenant: "cli:local", user: "me", surface: "cli" });
  const saved = await teams.send(
    teams.activity("channel-mention", TENANT_A, {
      id: "1732300000042",
      text: `<at>costbot</at> save teams-api ${HEAVY}\n`,
    }),
  );
  expect(saved.statusCode).toBe(200);

  Object.assign(process.env, {
    SLACK_BOT_TOKEN: "xoxb-fake-test",
    SLACK_API_URL: slack.apiUrl,
    AWS_ACCESS_KEY_ID: "AKIDTESTING",
    AWS_SECRET_ACCESS_KEY: "test",
  });
  handler = ((await import("../../src/handlers/prices.ts")) as unknown as { handler: Handler }).handler;
});
afterAll(async () => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  await slack.stop();
  await teams?.close();
});
beforeEach(() => {
  slack.reset();
  logs.length = 0;
});

describe("drift notices after a price refresh (prices function, dynalite, fake Slack and Bot Connector)", () => {
  it("posts once to each moved scenario over its tenant's threshold, in its Slack thread or Teams channel", async () => {
    priceListAnswers("apigw-rest-3.70");
    const teamsBefore = teams.connector.posted.length;
    const result = await refresh("2026-12-01");
    expect(result).toMatchObject({ date: "2026-12-01", notified: 2 });

    // Slack: only T1's api-heavy (5.39 % > 5 %); small moved 0 (0.105 and 0.111 both round to
    // 0.11); T2's api-heavy moved 5.39 %, under T2's 10 %.
    const posts = slackPosts();
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toMatchObject({ channel: "C1", thread_ts: "1700000000.000100" });
    expect(posts[0]!.body.text).toBe("Prices moved api-heavy: 111.25 → 117.25 USD / month (+5.4 %)");
    const blocks = JSON.stringify(posts[0]!.body.blocks);
    // The one line that moved (105.00 → 111.00), the total, and the price behind it.
    expect(blocks).toContain("API Gateway (REST)");
    expect(blocks).toContain("105.00");
    expect(blocks).toContain("111.00");
    expect(blocks).toContain("+6.00");
    expect(blocks).not.toContain("AWS Lambda");
    expect(blocks).toContain(
      "aws.apigw.rest: 3.50 USD per 1,000,000 requests → 3.7 USD per 1,000,000 requests",
    );

    // Teams: proactively into the channel the scenario was saved in.
    const teamsPosts = teams.connector.posted.slice(teamsBefore);
    expect(teamsPosts).toHaveLength(1);
    expect(teamsPosts[0]!.conversationId).toBe(TEAMS_CHANNEL);
    expect(cardOf(teamsPosts[0]!.activity).heading).toBe(
      "Prices moved teams-api: 111.25 → 117.25 USD / month (+5.4 %)",
    );
    // Four scenarios were saved in chat (T1's two, T2's, the Teams one); the CLI's has nowhere to go.
    expect(logs).toContainEqual(
      expect.objectContaining({ message: "drift notices", checked: 4, notified: 2, failed: 0 }),
    );
  });

  it("a re-run of the same day's refresh posts nothing twice", async () => {
    priceListAnswers("apigw-rest-3.70");
    const teamsBefore = teams.connector.posted.length;
    const result = await refresh("2026-12-01");
    expect(result).toMatchObject({ date: "2026-12-01", notified: 0 });
    expect(slackPosts()).toEqual([]);
    expect(teams.connector.posted.length).toBe(teamsBefore);
    expect(logs).toContainEqual(expect.objectContaining({ message: "drift notices", repeated: 2 }));
  });

  it("the next day compares with the previous refresh: unchanged prices post nothing, a move back posts again", async () => {
    priceListAnswers("apigw-rest-3.70");
    expect(await refresh("2026-12-02")).toMatchObject({ notified: 0 });
    expect(slackPosts()).toEqual([]);

    // Back to 3.50: 117.25 → 111.25, −6.00, 6 / 117.25 = 5.12 %.
    priceListAnswers("apigw-rest-3.50");
    const teamsBefore = teams.connector.posted.length;
    expect(await refresh("2026-12-03")).toMatchObject({ notified: 2 });
    expect(slackPosts().map((p) => p.body.text)).toEqual([
      "Prices moved api-heavy: 117.25 → 111.25 USD / month (−5.1 %)",
    ]);
    expect(teams.connector.posted.length).toBe(teamsBefore + 1);
  });

  it("a post Slack refuses is given back: the function fails, and its retry posts only that one", async () => {
    priceListAnswers("apigw-rest-3.70");
    slack.failPostsTo("C1", "channel_not_found");
    const teamsBefore = teams.connector.posted.length;
    await expect(refresh("2026-12-04")).rejects.toThrow(/drift notices: 1 not posted/);
    expect(teams.connector.posted.length).toBe(teamsBefore + 1);
    slack.reset();
    expect(await refresh("2026-12-04")).toMatchObject({ notified: 1 });
    expect(slackPosts().map((p) => p.body.channel)).toEqual(["C1"]);
    expect(teams.connector.posted.length).toBe(teamsBefore + 1);
  });
});
