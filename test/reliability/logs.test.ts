import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useSlackLambda } from "../fixtures/slack/harness.ts";
import { eventCallback, SIGNING_SECRET, slashCommand, threadReply } from "../fixtures/slack/requests.ts";
import { startTeamsHarness, TENANT_A, type TeamsHarness } from "../fixtures/teams/harness.ts";
import { captureConsole } from "./figures.ts";

/**
 * A full run of all three built functions (estimates, what-ifs, mistakes, a forged request,
 * Slack and Bot Connector failures, a budget alert) with the console captured: every line is
 * one JSON object carrying the invocation's request id, and no line holds a secret.
 */
const BOT_TOKEN = "xoxb-fake-test";
const TEAMS_PASSWORD = "teams-app-password-Zx9~never-log-me";
process.env.MicrosoftAppPassword = TEAMS_PASSWORD;

const lambda = useSlackLambda();
const { slack } = lambda;
let h: TeamsHarness;
let alerts: (event: unknown, context: unknown) => Promise<void>;
beforeAll(async () => {
  h = await startTeamsHarness();
  process.env.SLACK_API_URL = slack.apiUrl;
  const bundle = pathToFileURL(resolve("dist/budget-alerts/index.mjs")).href;
  alerts = ((await import(/* @vite-ignore */ bundle)) as { handler: typeof alerts }).handler;
});
afterAll(async () => h?.close());

describe("logs", () => {
  it("a full run writes only JSON lines with a request id, and none of the configured secrets or tokens", async () => {
    const teamsTokens: string[] = [];
    const token = () => {
      const t = h.token();
      teamsTokens.push(t);
      return t;
    };
    const { lines } = await captureConsole(async () => {
      const command = (text: string, trigger: string) =>
        lambda.send(
          slashCommand({
            team: "T0LOGS",
            channel: "C0LOGS",
            text,
            trigger,
            responseUrl: slack.responseUrl(trigger),
          }),
          { awsRequestId: `slack-${trigger}` },
        );
      await command("voice-agent users=1000", "l1");
      const thread = String(slack.accepted("chat.postMessage").at(-1)!.answer.ts);
      await lambda.send(
        eventCallback(
          "T0LOGS",
          "Ev0LOGS1",
          threadReply({ channel: "C0LOGS", thread, ts: "1700400000.000100", text: "what if users=5000" }),
        ),
        { awsRequestId: "slack-what-if" },
      );
      await command("voise-agent", "l2");
      await command("bedrock-api", "l3");
      slack.failNext("chat.postMessage", 1, { status: 500 });
      await command("image-gen", "l4");
      const forged = slashCommand(
        {
          team: "T0LOGS",
          channel: "C0LOGS",
          text: "help",
          trigger: "l5",
          responseUrl: slack.responseUrl("l5"),
        },
        { secret: "wrong" },
      );
      await lambda.send(forged, { awsRequestId: "slack-forged" });

      await h.teams.handler(httpEventOf(h.activity("channel-mention"), token()), { awsRequestId: "teams-1" });
      h.connector.failNext(2, 500);
      await h.teams.handler(
        httpEventOf(h.activity("channel-mention", TENANT_A, { id: "1732300000777" }), token()),
        {
          awsRequestId: "teams-2",
        },
      );
      await h.teams.handler(httpEventOf(h.activity("channel-mention"), "not-a-jwt"), {
        awsRequestId: "teams-3",
      });

      const sns = JSON.parse(readFileSync("test/fixtures/budgets/sns-event.json", "utf8"));
      sns.Records[0].Sns.Message = readFileSync("test/fixtures/budgets/actual-monthly.txt", "utf8");
      await alerts(sns, { awsRequestId: "alerts-1" });
      sns.Records[0].Sns.Message = "not a budget";
      await alerts(sns, { awsRequestId: "alerts-2" });
    });

    expect(lines.length).toBeGreaterThan(5);
    const parsed = lines.map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        return { unparsable: line };
      }
    });
    expect(parsed.filter((p) => "unparsable" in p)).toEqual([]);
    expect(parsed.filter((p) => typeof p.requestId !== "string")).toEqual([]);
    expect(new Set(parsed.map((p) => p.function))).toEqual(new Set(["slack", "teams", "budget-alerts"]));

    const secrets = [
      SIGNING_SECRET,
      BOT_TOKEN,
      TEAMS_PASSWORD,
      h.identity.outboundToken,
      ...teamsTokens,
      // A JWT's signature alone must not appear either (a log that cut the token would still leak it).
      ...teamsTokens.map((t) => t.split(".")[2]!),
      h.identity.outboundToken.split(".")[2]!,
    ];
    for (const line of lines) for (const secret of secrets) expect(line).not.toContain(secret);
  });
});

function httpEventOf(activity: unknown, bearer: string) {
  return {
    headers: { "content-type": "application/json", authorization: `Bearer ${bearer}` },
    body: JSON.stringify(activity),
    isBase64Encoded: false,
    requestContext: { http: { method: "POST" }, requestId: "apigw-logs" },
  };
}
