import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { useSlackLambda } from "../fixtures/slack/harness.ts";
import {
  eventCallback,
  payload,
  signedEvent,
  slashCommand,
  threadReply,
} from "../fixtures/slack/requests.ts";

/** Issue 20, chat edges on Slack: a DM's code block, bare what-ifs on a team's own workload. */
const lambda = useSlackLambda();
const { slack } = lambda;
const TINY = readFileSync("test/fixtures/workloads/tiny-bot.yml", "utf8");

let clock = 1_700_500_000;
const nextTs = () => `${++clock}.000300`;

describe("a direct message is a command like /cost, code block included", () => {
  it("`workload add` with the model in a code block (longer than a command may be) stores it", async () => {
    const long = `${TINY}# ${"a comment to make the model long ".repeat(80)}\n`;
    expect(long.length).toBeGreaterThan(2000);
    const ts = nextTs();
    const dm = payload("direct-message", (p) => {
      Object.assign(p.event, { text: `workload add\n\`\`\`yaml\n${long}\`\`\``, ts, event_ts: ts });
      p.event_id = lambda.id("Ev");
    });
    await lambda.send(signedEvent(dm));
    const [post] = slack.callsTo("chat.postMessage");
    // At its defaults: 30,000 requests × 0.20 USD / 1M = 0.006 → 0.01, plus 10.00 on call.
    expect(post?.body).toMatchObject({ channel: "D0COSTBOT" });
    expect(post?.body.text).toMatch(/^Added workload tiny-bot \(version 1\): tiny-bot: 10\.01 USD \/ month/);
    expect((await lambda.store().getWorkload("slack:T0DM", "tiny-bot"))?.source).toBe(long);
  });
});

describe("bare key=value in the thread of a team's own workload", () => {
  it("`users=100000` alone is that workload's what-if; a key it does not have is chatter", async () => {
    await lambda.send(
      slashCommand({
        team: "T0DM",
        channel: "C0OWN",
        text: "tiny-bot",
        trigger: lambda.id("t"),
        responseUrl: slack.responseUrl(lambda.id("r")),
      }),
    );
    const thread = String(slack.callsTo("chat.postMessage").at(-1)!.answer.ts);
    slack.clearCalls();
    const reply = (text: string) =>
      lambda.send(
        eventCallback("T0DM", lambda.id("Ev"), threadReply({ channel: "C0OWN", thread, ts: nextTs(), text })),
      );
    await reply("users=100000");
    // 100,000 users × 30 = 3,000,000 requests × 0.20 / 1M = 0.60, plus 10.00 on call = 10.60.
    expect(slack.callsTo("chat.postMessage").map((c) => c.body.text)).toEqual([
      "what if users=100000: 10.60 USD / month (+0.59)",
    ]);
    slack.clearCalls();
    await reply("agents=800");
    expect(slack.calls).toEqual([]);
  });
});

describe("people's names instead of ids", () => {
  it("`show` says who saved it by name (users.info, asked once per person); the id is what matches", async () => {
    slack.people.set("U0NAMED", { name: "Alice Liddell" });
    const asked = () =>
      slack.lookups.filter((l) => l.method === "users.info" && l.body.user === "U0NAMED").length;
    const before = asked();
    const cost = (text: string) =>
      lambda.send(
        slashCommand({
          team: "T0DM",
          channel: "C0NAMES",
          user: "U0NAMED",
          text,
          trigger: lambda.id("t"),
          responseUrl: slack.responseUrl(lambda.id("r")),
        }),
      );
    await cost("save named-plan bedrock-api");
    await cost("show named-plan");
    const shown = slack.callsTo("chat.postMessage").at(-1)!.body;
    expect(JSON.stringify(shown.blocks)).toMatch(/Saved as `named-plan` by Alice Liddell on \d{4}-\d\d-\d\d/);
    expect(await lambda.store().getScenario("slack:T0DM", "named-plan")).toMatchObject({
      createdBy: "U0NAMED",
      createdByName: "Alice Liddell",
    });
    // One answer serves both commands.
    expect(asked() - before).toBe(1);
  });

  it("only a save asks Slack for the sender's name: an estimate or a what-if waits for no users.info", async () => {
    slack.people.set("U0QUIET", { name: "Quiet Person" });
    const asked = () => slack.lookups.filter((l) => l.body.user === "U0QUIET").length;
    const cost = (text: string) =>
      lambda.send(
        slashCommand({
          team: "T0DM",
          channel: "C0QUIET",
          user: "U0QUIET",
          text,
          trigger: lambda.id("t"),
          responseUrl: slack.responseUrl(lambda.id("r")),
        }),
      );
    await cost("bedrock-api");
    const thread = String(slack.callsTo("chat.postMessage").at(-1)!.answer.ts);
    await lambda.send(
      eventCallback(
        "T0DM",
        lambda.id("Ev"),
        threadReply({ channel: "C0QUIET", thread, ts: nextTs(), text: "what if devs=20", user: "U0QUIET" }),
      ),
    );
    expect(slack.callsTo("chat.postMessage").at(-1)!.body.text).toMatch(/^what if devs=20/);
    expect(asked()).toBe(0);
    await cost("save quiet-plan bedrock-api");
    expect(asked()).toBe(1);
    expect(await lambda.store().getScenario("slack:T0DM", "quiet-plan")).toMatchObject({
      createdBy: "U0QUIET",
      createdByName: "Quiet Person",
    });
  });
});
