import { describe, expect, it } from "vitest";
import { worstCaseModel } from "../../scripts/bench-workload.ts";
import { useSlackLambda } from "../fixtures/slack/harness.ts";
import { BOT_USER_ID, eventCallback, slashCommand } from "../fixtures/slack/requests.ts";

/**
 * The largest models a member can send, through the built Slack handler (README "Your own
 * workload", "Sizes"): the worst 64 KB model within the limits is answered, a model past them is
 * refused with its reason, and nothing a member writes can keep the worker busy for minutes.
 * (The CPU figures are `npm run bench`'s; tests assert answers, not times.)
 */
const lambda = useSlackLambda();
const { slack } = lambda;
const slackEscaped = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

let clock = 1_700_200_100;
const mention = (text: string) =>
  eventCallback("T0SIZE", lambda.id("Ev"), {
    type: "app_mention",
    channel: "C0MODELS",
    user: "U0ANA",
    text: `<@${BOT_USER_ID}> workload add\n\`\`\`yaml\n${slackEscaped(text)}\`\`\``,
    ts: `${++clock}.000300`,
  });
const cost = (text: string) =>
  slashCommand({
    team: "T0SIZE",
    channel: "C0MODELS",
    text,
    trigger: lambda.id("trigger-"),
    responseUrl: slack.responseUrl(lambda.id("r")),
  });
const lastText = () =>
  String(
    (slack.callsTo("chat.postMessage").at(-1)?.body.text ??
      (slack.callsTo("response_url").at(-1)?.body as { text?: string } | undefined)?.text ??
      slack.callsTo("chat.postEphemeral").at(-1)?.body.text) as string,
  );

const SQUARES = `workload: squares
title: Squares
params:
  users: { default: 1, max: 1e9, description: users }
let:
  a1: users * users
${Array.from({ length: 19 }, (_, i) => `  a${i + 2}: a${i + 1} * a${i + 1}`).join("\n")}
lines:
  - id: a
    label: A
    cost:
      - { label: spend, usd: a20 }
`;

describe("the largest models through the built Slack handler", () => {
  it("the worst 64 KB model within the limits is stored and prices; its 50-point sweep answers", async () => {
    const model = worstCaseModel();
    expect(Buffer.byteLength(model)).toBeGreaterThan(60_000);
    await lambda.send(mention(model));
    expect(lastText()).toMatch(/^Added workload worst-case \(version 1\): worst-case: [\d,.]+ USD \/ month/);
    slack.clearCalls();
    await lambda.send(cost("sweep worst-case p1=1.01..1.5:0.01"));
    expect(lastText()).toMatch(/^sweep worst-case p1: [\d,.]+ to [\d,.]+ USD/);
  });

  it("a model past the operation limit is refused with its reason; nothing is stored", async () => {
    const model = worstCaseModel(60_000).replace(/^let:$/m, `let:\n  extra: p0${" / p1".repeat(60)}`);
    await lambda.send(mention(model.replace("workload: worst-case", "workload: too-much")));
    expect(lastText()).toMatch(/the model has 5\d\d operations .*; at most 500/);
    expect(await lambda.store().getWorkload("slack:T0SIZE", "too-much")).toBeUndefined();
  });

  it("twenty squaring lets (before: 440 s in this handler at users=2) are refused at once, naming the let", async () => {
    await lambda.send(mention(SQUARES));
    expect(lastText()).toMatch(/^Added workload squares/);
    slack.clearCalls();
    await lambda.send(cost("squares users=2"));
    expect(lastText()).toMatch(
      /let `a7` \(let\.a7\): 3\.4e38 is beyond what costbot prices \(at most 1e21\); users=2/,
    );
  });

  it("usd: 1e40000 (before: 8.8 s and stored) is refused before anything is stored", async () => {
    const model = SQUARES.replace("workload: squares", "workload: huge").replace(
      "usd: a20",
      'usd: "1e40000"',
    );
    await lambda.send(mention(model));
    expect(lastText()).toMatch(/`1e40000` is too large a number: at most 1e100/);
    expect(await lambda.store().getWorkload("slack:T0SIZE", "huge")).toBeUndefined();
  });
});
