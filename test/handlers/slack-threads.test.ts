import { describe, expect, it } from "vitest";
import { useSlackLambda } from "../fixtures/slack/harness.ts";
import { blockKitViolations } from "../fixtures/slack/limits.ts";
import { BOT_ID, BOT_USER_ID, eventCallback, slashCommand, threadReply } from "../fixtures/slack/requests.ts";

const lambda = useSlackLambda();
const { slack } = lambda;

type Json = Record<string, unknown>;
const cells = (table: Json) => (table.rows as { text: string }[][]).map((r) => r.map((c) => c.text));
const tableOf = (call: { body: Json }) => (call.body.blocks as Json[]).find((b) => b.type === "table")!;

/** `/cost <text>` in a channel; returns the ts of the posted estimate (its thread). */
async function estimate(team: string, channel: string, text: string): Promise<string> {
  await lambda.send(
    slashCommand({
      team,
      channel,
      text,
      trigger: lambda.id("t"),
      responseUrl: slack.responseUrl(lambda.id("r")),
    }),
  );
  const post = slack.callsTo("chat.postMessage").at(-1)!;
  slack.clearCalls();
  return String(post.answer.ts);
}

let clock = 1_700_000_100;
const nextTs = () => `${++clock}.000200`;

function reply(team: string, channel: string, thread: string, text: string, extra: Json = {}) {
  return eventCallback(team, lambda.id("Ev"), {
    ...threadReply({ channel, thread, ts: nextTs(), text }),
    ...extra,
  });
}

describe("thread replies (message events)", () => {
  it("answers `what if users=5000` in the estimate's thread with the new total and the change of every line", async () => {
    const thread = await estimate("T0ACME", "C0WHATIF", "voice-agent");
    const response = await lambda.send(reply("T0ACME", "C0WHATIF", thread, "what if users=5000"));
    expect(response.statusCode).toBe(200);
    const [post, ...others] = slack.callsTo("chat.postMessage");
    expect(others).toEqual([]);
    expect(post?.body).toMatchObject({ channel: "C0WHATIF", thread_ts: thread });
    expect(post?.body.text).toBe("what if users=5000: 262,978.26 USD / month (+207,939.94)");
    // Expected figures worked out by hand from the seed check (README, Workload templates; users=5000: 150,000 user-hours,
    // 18,000,000 turns), not taken from the pricing core.
    expect(cells(tableOf(post!))).toEqual([
      ["Line", "Before (USD)", "After (USD)", "Change"],
      ["LLM (nova-pro)", "24,192.00", "120,960.00", "+96,768.00"], // 144e9 in × $0.8/M + 1.8e9 out × $3.2/M
      ["Amazon Transcribe", "6,750.00", "22,350.00", "+15,600.00"], // 1.5M min: 250k×.024 + 750k×.015 + 500k×.0102
      ["Amazon Polly (generative)", "21,600.00", "108,000.00", "+86,400.00"], // 3.6e9 chars × $30/M
      ["Agora RTC", "1,364.38", "6,821.92", "+5,457.54"], // 9M min × 8,300 CNY / 1.5M min / 7.3
      ["Data transfer out", "926.64", "4,633.20", "+3,706.56"], // (33,480 + 18,000) GB × $0.09
      ["EKS control plane", "72.00", "72.00", "±0.00"],
      ["EC2 c8g.large", "115.14", "115.14", "±0.00"],
      ["CloudFront", "1.80", "9.00", "+7.20"], // 9M requests × $0.01 / 10k
      ["Application Load Balancer", "16.36", "17.00", "+0.64"], // 16.20 + 100 LCU-h × $0.008
      ["Total", "55,038.32", "262,978.26", "+207,939.94"],
    ]);
    expect(JSON.stringify(post?.body.blocks)).toContain("users 1000 → 5000");
    expect(blockKitViolations(post!.body)).toEqual([]);
    const link = await lambda.store().getThread("slack:T0ACME", "C0WHATIF", thread);
    expect(link?.estimate.total).toBe("262978.26");
    expect(link?.history.map((h) => [h.text, h.by])).toEqual([["users=5000", "U0BOB"]]);
  });

  it("builds each what-if on the last one: a bare `model=nova-lite` keeps users=5000", async () => {
    const thread = await estimate("T0ACME", "C0CHAIN", "voice-agent");
    await lambda.send(reply("T0ACME", "C0CHAIN", thread, "what if users=5000"));
    await lambda.send(reply("T0ACME", "C0CHAIN", thread, "model=nova-lite"));
    const link = await lambda.store().getThread("slack:T0ACME", "C0CHAIN", thread);
    expect(link?.input.written).toEqual({ users: "5000", model: "nova-lite" });
    expect(slack.callsTo("chat.postMessage").map((c) => c.body.thread_ts)).toEqual([thread, thread]);
  });

  it("ignores a re-delivery of the same event (X-Slack-Retry-Num): no second post, no second write", async () => {
    const thread = await estimate("T0ACME", "C0RETRY", "bedrock-api");
    const event = eventCallback(
      "T0ACME",
      "Ev0RETRY",
      threadReply({ channel: "C0RETRY", thread, ts: nextTs(), text: "devs=20" }),
    );
    await lambda.send(event);
    const items = await lambda.items();
    const retry = {
      ...event,
      headers: { ...event.headers, "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" },
    };
    const response = await lambda.send(retry);
    expect(response.statusCode).toBe(200);
    expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
    expect(await lambda.items()).toEqual(items);
  });

  it("reads nothing of another team: the same channel and thread ids in team B have no scenario", async () => {
    const thread = await estimate("T0ACME", "C0SHARED", "voice-agent");
    const teamA = await lambda.store().getThread("slack:T0ACME", "C0SHARED", thread);
    await lambda.send(reply("T0OTHER", "C0SHARED", thread, "what if users=5000"));
    expect(slack.callsTo("chat.postMessage")).toEqual([]);
    const [answer] = slack.callsTo("chat.postEphemeral");
    expect(answer?.body).toMatchObject({ channel: "C0SHARED", thread_ts: thread, user: "U0BOB" });
    expect(answer?.body.text).toBe("this thread has no estimate to change yet");
    expect(await lambda.store().getThread("slack:T0ACME", "C0SHARED", thread)).toEqual(teamA);
    expect(await lambda.store().getThread("slack:T0OTHER", "C0SHARED", thread)).toBeUndefined();
  });

  it("answers a what-if in a thread without an estimate privately, with how to start one", async () => {
    await lambda.send(reply("T0ACME", "C0EMPTY", "1690000000.000100", "what if users=5000"));
    const [answer] = slack.callsTo("chat.postEphemeral");
    expect(answer?.body.thread_ts).toBe("1690000000.000100");
    expect(JSON.stringify(answer?.body.blocks)).toContain("/cost voice-agent users=1000");
    expect(slack.callsTo("chat.postMessage")).toEqual([]);
  });

  it("stays silent on chatter, bots (itself included), edits and top-level messages", async () => {
    const thread = await estimate("T0ACME", "C0QUIET", "voice-agent");
    const before = await lambda.items();
    const quiet = [
      reply("T0ACME", "C0QUIET", thread, "that looks expensive, ask finance"),
      reply("T0ACME", "C0QUIET", thread, "users=5000", { bot_id: BOT_ID, user: BOT_USER_ID }),
      reply("T0ACME", "C0QUIET", thread, "users=5000", { bot_id: "B0OTHER", subtype: "bot_message" }),
      reply("T0ACME", "C0QUIET", thread, "users=5000", { subtype: "message_changed" }),
      eventCallback("T0ACME", lambda.id("Ev"), {
        type: "message",
        channel: "C0QUIET",
        user: "U0BOB",
        text: "users=5000",
        ts: nextTs(),
      }),
    ];
    for (const event of quiet) expect((await lambda.send(event)).statusCode).toBe(200);
    expect(slack.calls).toEqual([]);
    expect(await lambda.items()).toEqual(before);
  });
});

describe("mentions (app_mention)", () => {
  it("answers `@costbot what if …` in a thread once, though Slack also sends it as a message event", async () => {
    const thread = await estimate("T0ACME", "C0MENTION", "image-gen");
    const text = `<@${BOT_USER_ID}> what if training_hours=300`;
    const ts = nextTs();
    await lambda.send(
      eventCallback("T0ACME", lambda.id("Ev"), threadReply({ channel: "C0MENTION", thread, ts, text })),
    );
    await lambda.send(
      eventCallback("T0ACME", lambda.id("Ev"), {
        type: "app_mention",
        channel: "C0MENTION",
        user: "U0BOB",
        text,
        ts,
        thread_ts: thread,
      }),
    );
    const [post, ...others] = slack.callsTo("chat.postMessage");
    expect(others).toEqual([]);
    expect(post?.body.thread_ts).toBe(thread);
    expect(post?.body.text).toBe("what if training_hours=300: 836.63 USD / month (+526.18)");
  });

  it("answers a top-level mention in a new thread under it, and that thread takes what-ifs", async () => {
    const ts = nextTs();
    await lambda.send(
      eventCallback("T0ACME", lambda.id("Ev"), {
        type: "app_mention",
        channel: "C0TOP",
        user: "U0BOB",
        text: `<@${BOT_USER_ID}> bedrock-api devs=10`,
        ts,
      }),
    );
    expect(slack.callsTo("chat.postMessage")[0]?.body).toMatchObject({ channel: "C0TOP", thread_ts: ts });
    await lambda.send(reply("T0ACME", "C0TOP", ts, "what if devs=20"));
    expect(slack.callsTo("chat.postMessage")[1]?.body.text).toBe(
      "what if devs=20: 76.21 USD / month (+37.60)",
    );
  });
});
