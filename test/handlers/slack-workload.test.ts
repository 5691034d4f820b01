import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { useSlackLambda } from "../fixtures/slack/harness.ts";
import { blockKitViolations } from "../fixtures/slack/limits.ts";
import { BOT_USER_ID, eventCallback, signed, slashCommand } from "../fixtures/slack/requests.ts";

const lambda = useSlackLambda();
const { slack } = lambda;
const TINY = readFileSync("test/fixtures/workloads/tiny-bot.yml", "utf8");

type Json = Record<string, unknown>;
/** Slack escapes these three in message text (https://api.slack.com/reference/surfaces/formatting#escaping). */
const slackEscaped = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

let clock = 1_700_100_100;
const nextTs = () => `${++clock}.000300`;

function mention(team: string, channel: string, text: string) {
  return eventCallback(team, lambda.id("Ev"), {
    type: "app_mention",
    channel,
    user: "U0ANA",
    text,
    ts: nextTs(),
  });
}

function cost(team: string, text: string) {
  return slashCommand({
    team,
    channel: "C0FINOPS",
    text,
    trigger: lambda.id("trigger-"),
    responseUrl: slack.responseUrl(lambda.id("r")),
  });
}

describe("a team's own workload through the built Slack handler", () => {
  it("`@costbot workload add` with the model in a code block stores it for this team and answers at its defaults", async () => {
    // Longer than the 2,000 characters a command may have: the limit is the command's, not the block's.
    const long = `${TINY}# ${"a comment to make the model long ".repeat(80)}\n`;
    expect(long.length).toBeGreaterThan(2000);
    const text = `<@${BOT_USER_ID}> workload add\n\`\`\`yaml\n${slackEscaped(long)}\`\`\``;
    const response = await lambda.send(mention("T0ACME", "C0MODELS", text));
    expect(response.statusCode).toBe(200);
    const [post, ...others] = slack.callsTo("chat.postMessage");
    expect(others).toEqual([]);
    // At its defaults: 30,000 requests × 0.20 USD / 1M = 0.006 → 0.01, plus 10.00 on call.
    expect(post?.body.text).toMatch(/^Added workload tiny-bot \(version 1\): tiny-bot: 10\.01 USD \/ month/);
    expect(blockKitViolations(post!.body)).toEqual([]);
    const stored = await lambda.store().getWorkload("slack:T0ACME", "tiny-bot");
    expect(stored?.source).toBe(long);
    expect(stored?.updatedBy).toBe("U0ANA");
  });

  it("then `/cost tiny-bot users=100000` prices it like a built-in (0.60 + 10.00 = 10.60), for this team only", async () => {
    await lambda.send(mention("T0ACME", "C0MODELS", `<@${BOT_USER_ID}> workload add\n\`\`\`\n${TINY}\`\`\``));
    slack.clearCalls();
    await lambda.send(cost("T0ACME", "tiny-bot users=100000"));
    const post = slack.callsTo("chat.postMessage").at(-1)!;
    // 100,000 users × 30 = 3,000,000 requests × 0.20 / 1M = 0.60.
    expect(post.body.text).toMatch(/^tiny-bot: 10\.60 USD \/ month/);
    slack.clearCalls();
    const other = await lambda.send(cost("T0OTHER", "tiny-bot users=100000"));
    // Issue #12: an empty acknowledgement, the private answer through response_url.
    expect(other.body).toBe("");
    const body = slack.callsTo("response_url").at(-1)!.body as Json;
    expect(body.response_type).toBe("ephemeral");
    expect(body.text).toMatch(/^unknown template or command `tiny-bot`/);
    expect(slack.callsTo("chat.postMessage")).toEqual([]);
  });

  it("a model with problems is refused in the reply, each with its place; nothing is stored", async () => {
    const bad = TINY.replace("workload: tiny-bot", "workload: bad-bot").replace(
      "quantity: calls,",
      "quantity: cals,",
    );
    await lambda.send(
      mention("T0ACME", "C0MODELS", `<@${BOT_USER_ID}> workload add\n\`\`\`yaml\n${bad}\`\`\``),
    );
    const [answer] = slack.callsTo("chat.postEphemeral");
    expect(answer?.body.text).toMatch(
      /lines\[0\]\.cost\[0\]\.quantity \(13:\d+\): unknown name `cals`, did you mean `calls`\?/,
    );
    expect(await lambda.store().getWorkload("slack:T0ACME", "bad-bot")).toBeUndefined();
  });
});

/** The user submits the modal the bot opened, with `model` typed into its one field. */
function submitModel(team: string, opened: Json, model: string) {
  const payload = {
    type: "view_submission",
    team: { id: team, domain: "acme" },
    user: { id: "U0ANA", username: "ana", name: "ana", team_id: team },
    api_app_id: "A0COSTBOT",
    token: "x",
    trigger_id: lambda.id("trigger-"),
    view: {
      id: "V0WORKLOAD",
      team_id: team,
      app_installed_team_id: team,
      type: "modal",
      callback_id: opened.callback_id,
      private_metadata: opened.private_metadata,
      hash: "1700000000.abc",
      state: { values: { workload_model: { model: { type: "plain_text_input", value: model } } } },
    },
    response_urls: [],
  };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return lambda.send(signed(body, "application/x-www-form-urlencoded", { path: "/slack/interactivity" }));
}

describe("`/cost workload show`", () => {
  it("answers privately with the model as shipped, in code blocks inside Block Kit's limits", async () => {
    slack.clearCalls();
    const response = await lambda.send(cost("T0ACME", "workload show voice-agent"));
    expect(response.body).toBe("");
    const body = slack.callsTo("response_url").at(-1)!.body as Json;
    expect(body.response_type).toBe("ephemeral");
    expect(blockKitViolations(body)).toEqual([]);
    const shown = (body.blocks as { text?: { text: string } }[])
      .map((b) => b.text?.text ?? "")
      .join("\n")
      .replace(/```\n?/g, "");
    // Every line of the shipped file is there (Slack's escaping undone: `&` `<` `>` only).
    const unescaped = shown.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
    for (const line of readFileSync("src/core/workloads/voice-agent.yml", "utf8").trimEnd().split("\n"))
      expect(unescaped).toContain(line);
  });
});

describe("`/cost workload add`: a modal with a multi-line input", () => {
  it("opens the modal with the command's trigger id, then stores what is submitted and posts the estimate in the channel", async () => {
    const trigger = lambda.id("trigger-");
    const response = await lambda.send(
      slashCommand({
        team: "T0MODAL",
        channel: "C0MODAL",
        text: "workload add",
        trigger,
        responseUrl: slack.responseUrl("x"),
      }),
    );
    expect(response.statusCode).toBe(200);
    const [open, ...others] = slack.calls;
    expect(others).toEqual([]);
    expect(open?.method).toBe("views.open");
    expect(open?.body.trigger_id).toBe(trigger);
    const view = open!.body.view as Json;
    expect(view).toMatchObject({ type: "modal", callback_id: "workload_add_modal" });
    const input = (view.blocks as Json[])[0]!.element as Json;
    expect(input).toMatchObject({ type: "plain_text_input", multiline: true, max_length: 3000 });
    slack.clearCalls();

    // A model with a problem: the modal stays open with every problem under the field, nothing stored.
    const refused = await submitModel("T0MODAL", view, TINY.replace("quantity: calls,", "quantity: cals,"));
    const answer = JSON.parse(refused.body) as Json;
    expect(answer.response_action).toBe("errors");
    expect((answer.errors as Json).workload_model).toMatch(/unknown name `cals`, did you mean `calls`\?/);
    expect(await lambda.store().getWorkload("slack:T0MODAL", "tiny-bot")).toBeUndefined();
    expect(slack.callsTo("chat.postMessage")).toEqual([]);

    const accepted = await submitModel("T0MODAL", view, TINY);
    expect(accepted.statusCode).toBe(200);
    const [post] = slack.callsTo("chat.postMessage");
    expect(post?.body.channel).toBe("C0MODAL");
    // 30,000 requests × 0.20 / 1M = 0.006 → 0.01, plus 10.00.
    expect(post?.body.text).toMatch(/^Added workload tiny-bot \(version 1\): tiny-bot: 10\.01 USD \/ month/);
    expect((await lambda.store().getWorkload("slack:T0MODAL", "tiny-bot"))?.updatedBy).toBe("U0ANA");
  });
});
