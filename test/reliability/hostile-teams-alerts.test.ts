import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEAMS_MESSAGE_LIMIT_BYTES } from "../../src/adapters/render/adaptive-card.ts";
import { FakeSlack } from "../fixtures/slack/fake-slack.ts";
import { blockKitViolations } from "../fixtures/slack/limits.ts";
import { startTeamsHarness, TENANT_A, TENANT_B, type TeamsHarness } from "../fixtures/teams/harness.ts";
import { captureConsole, report } from "./figures.ts";
import { hostileText, INJECTIONS, slackInjection } from "./hostile-input.ts";

const CASES = 10_000;
type AlertHandler = (event: unknown, context: unknown) => Promise<void>;
const snsTemplate = JSON.parse(readFileSync("test/fixtures/budgets/sns-event.json", "utf8"));
const monthly = readFileSync("test/fixtures/budgets/actual-monthly.txt", "utf8");

let h: TeamsHarness;
const slack = new FakeSlack();
let alerts: AlertHandler;
beforeAll(async () => {
  h = await startTeamsHarness();
  await slack.start();
  Object.assign(process.env, { SLACK_BOT_TOKEN: "xoxb-fake-test", SLACK_API_URL: slack.apiUrl });
  const bundle = pathToFileURL(resolve("dist/budget-alerts/index.mjs")).href;
  alerts = ((await import(/* @vite-ignore */ bundle)) as { handler: AlertHandler }).handler;
});
afterAll(async () => {
  await slack.stop();
  await h?.close();
});

/** Markup an Adaptive Card would render as a link, image or action if the input reached it raw. */
function cardInjection(activity: unknown): string | undefined {
  const json = JSON.stringify(activity);
  if (/\]\(https?:/.test(json)) return "markdown link";
  const types: string[] = [];
  JSON.parse(json, (key, value) => {
    if (key === "type" && typeof value === "string") types.push(value);
    return value;
  });
  // The bot's cards carry TextBlocks, tables, an input and a Submit; never an action that opens a URL.
  if (types.some((t) => t === "Action.OpenUrl" || t === "Image" || t === "Media")) return "injected element";
  return undefined;
}

describe("hostile input: the built teams handler", () => {
  it(`answers ${CASES.toLocaleString("en-US")} hostile mentions: 200, never our fault, no injected link or action, inside Teams' size limit`, async () => {
    const token = h.token();
    let n = 0;
    const { lines } = await captureConsole(() =>
      fc.assert(
        fc.asyncProperty(hostileText, async (text) => {
          const before = h.connector.posted.length;
          n++;
          const activity = h.activity("channel-mention", TENANT_A, {
            id: `17323${String(n).padStart(8, "0")}`,
            text: `<at>costbot</at> ${text}`,
          });
          const response = await h.send(activity, token);
          expect(response.statusCode).toBe(200);
          for (const post of h.connector.posted.slice(before)) {
            expect(post.utf16Bytes).toBeLessThanOrEqual(TEAMS_MESSAGE_LIMIT_BYTES);
            expect(cardInjection(post.activity)).toBeUndefined();
            expect(String(post.activity.text)).not.toMatch(/something went wrong on our side/);
          }
        }),
        { numRuns: CASES },
      ),
    );
    expect(lines.filter((l) => l.includes('"level":"error"'))).toEqual([]);
    report("hostile-teams", { cases: CASES, posts: h.connector.posted.length });
  });

  it("refuses a 1 MB activity with 413 before checking its token, and stores nothing", async () => {
    const items = await h.itemCount();
    const activity = h.activity("channel-mention", TENANT_A, { text: "x".repeat(1024 * 1024) });
    const { result } = await captureConsole(() => h.send(activity));
    expect(result.statusCode).toBe(413);
    expect(await h.itemCount()).toBe(items);
  });

  // Since issue 16 such an activity is refused outright (400) instead of answered from tenant B.
  it("an activity whose conversation names tenant B but whose channel data says tenant A is refused and reads nothing of tenant A", async () => {
    await h.send(
      h.activity("channel-mention", TENANT_A, {
        id: "1732399999998",
        text: "<at>costbot</at> save tenant-a-plan bedrock-api",
      }),
    );
    expect(await h.store.getScenario(`teams:${TENANT_A}`, "tenant-a-plan")).toBeDefined();
    const before = h.connector.posted.length;
    const activity = h.activity("channel-mention", TENANT_A, {
      id: "1732399999999",
      text: "<at>costbot</at> list",
    });
    (activity.conversation as Record<string, unknown>).tenantId = TENANT_B;
    expect((await h.send(activity)).statusCode).toBe(400);
    expect(h.connector.posted.slice(before)).toEqual([]);
  });
});

describe("hostile input: the budget-alerts handler", () => {
  it(`reads ${CASES.toLocaleString("en-US")} hostile SNS messages without failing; what it posts is escaped and inside Block Kit's limits`, async () => {
    await h.store.putBudgetSubscription({
      tenant: "slack:T1",
      name: "ml",
      awsBudgetName: "costbot-slack-T1-ml",
      limitUsd: "38.61",
      channels: [{ platform: "slack", channel: "C1" }],
      createdBy: "U1",
      createdAt: "2026-11-23T00:00:00Z",
    });
    const withField = fc
      .tuple(
        fc.constantFrom("Budget Name", "ACTUAL Amount", "Alert Threshold", "Budgeted Amount"),
        hostileText,
      )
      .map(([field, value]) => monthly.replace(new RegExp(`${field}: [^\\n]*`), `${field}: ${value}`));
    const message = fc.oneof(
      hostileText,
      withField,
      fc.constantFrom(...INJECTIONS).map((s) => `{"budgetName":"${s}"}`),
    );
    let n = 0;
    await captureConsole(() =>
      fc.assert(
        fc.asyncProperty(message, async (text) => {
          slack.clearCalls();
          const event = structuredClone(snsTemplate);
          event.Records[0].Sns.Message = text;
          event.Records[0].Sns.MessageId = `fz-${++n}`;
          await alerts(event, { awsRequestId: `fz-${n}` });
          for (const call of slack.calls) {
            expect(slackInjection(call.body)).toBeUndefined();
            expect(blockKitViolations(call.body)).toEqual([]);
          }
        }),
        { numRuns: CASES },
      ),
    );
    report("hostile-alerts", { cases: CASES });
  });
});
