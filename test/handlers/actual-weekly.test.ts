import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { slackContext } from "../../src/adapters/slack/deps.ts";
import { handleText } from "../../src/app/pipeline.ts";
import type { Context } from "../../src/app/ports.ts";
import { builtInCatalog } from "../../src/core/catalog/index.ts";
import {
  costAndUsage,
  costForecast,
  type FakeCostExplorer,
  startFakeCostExplorer,
} from "../fixtures/costexplorer/fake-cost-explorer.ts";
import { FakeSlack } from "../fixtures/slack/fake-slack.ts";
import { cardOf, startTeamsHarness, TENANT_A, type TeamsHarness } from "../fixtures/teams/harness.ts";

/**
 * The `actual-weekly` function (its source; every client real) on dynalite: each tracked scenario
 * gets `actual` where it was saved, through the fake Slack Web API and the fake Bot Connector,
 * with Cost Explorer on loopback (AWS_ENDPOINT_URL_COST_EXPLORER, the SDK's own setting).
 */

type Handler = (event: unknown, context: unknown) => Promise<Record<string, unknown>>;
let handler: Handler;
let teams: TeamsHarness;
let explorer: FakeCostExplorer;
const slack = new FakeSlack();
const slackPosts = () => slack.calls.filter((c) => c.method === "chat.postMessage");
const logs: Record<string, unknown>[] = [];
const TEAMS_CHANNEL = "19:finops-costs@thread.tacv2";
const MONDAY = "2026-12-07T08:00:00Z";

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

const TAG_FILTER = { Tags: { Key: "app", Values: ["voice"], MatchOptions: ["EQUALS"] } };
const ACCOUNT_FILTER = { Dimensions: { Key: "LINKED_ACCOUNT", Values: ["111122223333"] } };
const SO_FAR = { start: "2026-12-01", end: "2026-12-07" };
const REST = { start: "2026-12-07", end: "2027-01-01" };

beforeAll(async () => {
  teams = await startTeamsHarness();
  await slack.start();
  explorer = await startFakeCostExplorer();
  const capture = (line: unknown) => logs.push(JSON.parse(String(line)));
  vi.spyOn(console, "log").mockImplementation(capture);
  vi.spyOn(console, "error").mockImplementation(capture);

  const t1 = slackContext("T1", "U1", "C1", "1700000000.000100");
  await say("save va voice-agent", t1);
  await say("track va tag=app:voice", t1);
  // Saved but not tracked: no weekly post.
  await say("save other bedrock-api", slackContext("T1", "U1", "C1", "1700000000.000200"));
  const saved = await teams.send(
    teams.activity("channel-mention", TENANT_A, {
      id: "1732300000042",
      text: "<at>costbot</at> save teams-va voice-agent\n",
    }),
  );
  expect(saved.statusCode).toBe(200);
  await say("track teams-va account=111122223333", {
    tenant: `teams:${TENANT_A}`,
    user: "29:user",
    surface: "teams",
  });

  Object.assign(process.env, {
    SLACK_BOT_TOKEN: "xoxb-fake-test",
    SLACK_API_URL: slack.apiUrl,
    AWS_ACCESS_KEY_ID: "AKIDTESTING",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_ENDPOINT_URL_COST_EXPLORER: explorer.url,
  });
  handler = ((await import("../../src/handlers/actual-weekly.ts")) as unknown as { handler: Handler })
    .handler;
}, 60_000);
afterAll(async () => {
  vi.restoreAllMocks();
  delete process.env.AWS_ENDPOINT_URL_COST_EXPLORER;
  await slack.stop();
  await explorer?.close();
  await teams?.close();
});
beforeEach(() => {
  slack.reset();
  logs.length = 0;
});

describe("the weekly actual (actual-weekly function, dynalite, fake Slack, Bot Connector, Cost Explorer)", () => {
  it("posts each tracked scenario's actual where it was saved, naming first a line over 20 %", async () => {
    // Slack's tenant first (tenants are read in key order), then the Teams one.
    // Slack: Bedrock 5,760.00 in 6 days → 5760 / 6 × 31 = 29,760.00 against 24,192.00:
    // +5,568.00, 5568 / 24192 = 23.02 % → over 20 %. Teams: 4,800.00 → 24,800.00, +2.5 %.
    explorer.answer(
      "GetCostAndUsage",
      { json: costAndUsage(SO_FAR, { "Amazon Bedrock": "5760.00" }, true) },
      { json: costAndUsage(SO_FAR, { "Amazon Bedrock": "4800.00" }, true) },
    );
    explorer.answer("GetCostForecast", { json: costForecast(REST, "30000.00") });
    const teamsBefore = teams.connector.posted.length;
    expect(await handler({ time: MONDAY }, { awsRequestId: "w1" })).toEqual({ posted: 2 });

    const asked = (filter: unknown) => [
      {
        operation: "GetCostAndUsage",
        body: {
          TimePeriod: { Start: "2026-12-01", End: "2026-12-07" },
          Granularity: "MONTHLY",
          Metrics: ["UnblendedCost"],
          GroupBy: [{ Type: "DIMENSION", Key: "SERVICE" }],
          Filter: filter,
        },
      },
      {
        operation: "GetCostForecast",
        body: {
          TimePeriod: { Start: "2026-12-07", End: "2027-01-01" },
          Granularity: "MONTHLY",
          Metric: "UNBLENDED_COST",
          Filter: filter,
        },
      },
    ];
    // One GetCostAndUsage and one GetCostForecast per tracked scenario; none for the untracked one.
    expect(explorer.requests).toEqual([...asked(TAG_FILTER), ...asked(ACCOUNT_FILTER)]);

    const posts = slackPosts();
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toMatchObject({ channel: "C1", thread_ts: "1700000000.000100" });
    expect(String(posts[0]!.body.text)).toMatch(
      /^Over its estimate by more than 20 %: LLM \(nova-pro\) \+23\.0 %\. va, December 2026: projected /,
    );
    const blocks = posts[0]!.body.blocks as { type: string; chart?: { series: { name: string }[] } }[];
    const chart = blocks.find((b) => b.type === "data_visualization");
    expect(chart?.chart?.series.map((s) => s.name)).toEqual(["estimate", "projected"]);
    expect(JSON.stringify(blocks)).toContain("29,760.00");

    const teamsPosts = teams.connector.posted.slice(teamsBefore);
    expect(teamsPosts).toHaveLength(1);
    expect(teamsPosts[0]!.conversationId).toBe(TEAMS_CHANNEL);
    const card = cardOf(teamsPosts[0]!.activity);
    expect(card.heading).toMatch(/^teams-va, December 2026: projected /);
    const text = JSON.stringify(card.card);
    expect(text).toContain("No line is more than 20 % over its estimate.");
    expect(text).toContain("Chart.VerticalBar.Grouped");
    expect(text).toContain("24,800.00");
  });

  it("a re-run the same week asks Cost Explorer nothing and posts nothing twice", async () => {
    const before = explorer.requests.length;
    const teamsBefore = teams.connector.posted.length;
    expect(await handler({ time: "2026-12-09T08:00:00Z" }, { awsRequestId: "w2" })).toEqual({ posted: 0 });
    expect(explorer.requests.length).toBe(before);
    expect(slackPosts()).toEqual([]);
    expect(teams.connector.posted.length).toBe(teamsBefore);
    expect(logs).toContainEqual(expect.objectContaining({ message: "weekly actual", repeated: 2 }));
  });
});
