import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { LAMBDA_DYNAMO_POLICY } from "../../src/adapters/dynamodb/client.ts";
import { DynamoFaultProxy } from "../fixtures/dynamodb/fault-proxy.ts";
import { useSlackLambda } from "../fixtures/slack/harness.ts";
import { eventCallback, slashCommand, threadReply } from "../fixtures/slack/requests.ts";
import { captureConsole, report } from "./figures.ts";

/**
 * Faults between the built slack handler and what it depends on: a proxy in front of dynalite
 * that throttles, fails, drops connections or loses answers, and the fake Slack Web API
 * answering 429 with Retry-After or 500. Each test checks what the user saw, that nothing was
 * posted twice, that retries stayed bounded, and what the table holds afterwards.
 */
let proxy: DynamoFaultProxy;
const lambda = useSlackLambda({
  dynamoEndpoint: async (engine) => {
    proxy = await new DynamoFaultProxy(engine).start();
    return proxy.url;
  },
});
afterAll(async () => proxy?.stop());
beforeEach(() => proxy.reset());
const { slack } = lambda;
const figures: Record<string, unknown> = {};
afterAll(() => report("faults-slack", figures));

const TEAM = "T0FAULT";
let seq = 0;
const cost = (channel: string, text: string) =>
  slashCommand({
    team: TEAM,
    channel,
    text,
    trigger: lambda.id("tf"),
    responseUrl: slack.responseUrl(lambda.id("rf")),
  });
let ts = 1_700_200_000;
const whatIf = (channel: string, thread: string, text: string) =>
  eventCallback(TEAM, `Ev0F${++seq}`, threadReply({ channel, thread, ts: `${++ts}.000100`, text }));

/** Sends quietly (our JSON error lines are expected here) and returns the response and log lines. */
async function quietly(event: Parameters<typeof lambda.send>[0]) {
  const { result, lines } = await captureConsole(() => lambda.send(event));
  return { response: result, lines };
}

async function estimateThread(channel: string): Promise<string> {
  await lambda.send(cost(channel, "bedrock-api"));
  const ts = String(slack.accepted("chat.postMessage").at(-1)!.answer.ts);
  slack.clearCalls();
  proxy.reset();
  return ts;
}

const thread = (channel: string, ts: string) => lambda.store().getThread(`slack:${TEAM}`, channel, ts);

describe("DynamoDB faults", () => {
  it("throttling (ProvisionedThroughputExceeded) on the first calls: retried within bounds, answered once", async () => {
    proxy.failNext(2, "throttle");
    const { response } = await quietly(cost("C0THROTTLE", "bedrock-api"));
    expect(response.statusCode).toBe(200);
    const posts = slack.accepted("chat.postMessage");
    expect(posts).toHaveLength(1);
    expect(await thread("C0THROTTLE", String(posts[0]!.answer.ts))).toBeDefined();
    expect(proxy.failures()).toBe(2);
    figures.throttledCallsAbsorbed = 2;
  });

  it("a table that stays down: the asker gets a clear private apology, nothing is posted or written, and each call tries only maxAttempts times", async () => {
    const before = await lambda.items();
    proxy.failNext(1000, "unavailable");
    const { response, lines } = await quietly(cost("C0DOWN", "bedrock-api"));
    // Issue #12: acknowledged (empty) before any DynamoDB call; the apology goes through the response_url.
    expect(response).toMatchObject({ statusCode: 200, body: "" });
    const apology = slack.callsTo("response_url").at(-1)!.body;
    expect(apology).toMatchObject({
      response_type: "ephemeral",
      text: expect.stringMatching(/^Sorry, something went wrong on our side \(reference [0-9a-f]{8}\)/),
    });
    expect(slack.calls.filter((c) => c.method === "chat.postMessage")).toEqual([]);
    // The claim is the first call; it fails after its bounded attempts, so nothing else runs.
    expect(proxy.calls()).toBe(LAMBDA_DYNAMO_POLICY.maxAttempts);
    const logged = lines.map((l) => JSON.parse(l)).find((l) => l.message === "slash command failed");
    expect(logged.reference).toBe(/reference ([0-9a-f]{8})/.exec(String(apology.text))![1]);
    proxy.reset();
    expect(await lambda.items()).toEqual(before);
    figures.attemptsPerCallWhenDown = LAMBDA_DYNAMO_POLICY.maxAttempts;
  });

  it("a connection reset before the engine sees a call is retried: answered once", async () => {
    proxy.failNext(1, "reset");
    await quietly(cost("C0RESET", "image-gen"));
    expect(slack.accepted("chat.postMessage")).toHaveLength(1);
    expect(proxy.failures()).toBe(1);
  });

  it("a claim whose answer was lost (written, then the connection dropped) is still ours: the command is answered, once", async () => {
    proxy.failNext(1, "lost-answer", ["PutItem"]);
    await quietly(cost("C0LOST", "voice-coach"));
    const posts = slack.accepted("chat.postMessage");
    expect(posts).toHaveLength(1);
    expect(proxy.failures()).toBe(1);
    expect(await thread("C0LOST", String(posts[0]!.answer.ts))).toBeDefined();
  });

  it("a what-if whose write landed but whose answer was lost is recorded once, not retried as a conflict", async () => {
    const ts = await estimateThread("C0LOSTWI");
    // PutItem #1 is the delivery claim (let through), #2 the thread write (its answer lost).
    proxy.failNext(1, "lost-answer", ["PutItem"], 1);
    await quietly(whatIf("C0LOSTWI", ts, "what if devs=20"));
    expect(proxy.failures()).toBe(1);
    const link = await thread("C0LOSTWI", ts);
    expect(link?.history.map((h) => h.text)).toEqual(["devs=20"]);
    expect(slack.accepted("chat.postMessage")).toHaveLength(1);
  });
});

describe("Slack Web API faults", () => {
  it("429 with Retry-After on the estimate post: never posted twice, and the asker either gets the estimate or is told why", async () => {
    slack.failNext("chat.postMessage", 1, { status: 429, retryAfter: 1 });
    const before = (await lambda.items()).filter((i) => String(i.sk).startsWith("THREAD#")).length;
    await quietly(cost("C0RATE", "bedrock-api"));
    const attempts = slack.callsTo("chat.postMessage");
    const posted = slack.accepted("chat.postMessage");
    const told = slack.calls.filter((c) => c.method === "response_url");
    expect(attempts.length).toBeLessThanOrEqual(2);
    expect(posted.length).toBeLessThanOrEqual(1);
    if (posted.length === 1) expect(told).toEqual([]);
    else
      expect(told.map((c) => c.body)).toEqual([
        expect.objectContaining({ response_type: "ephemeral", text: expect.stringMatching(/Slack/) }),
      ]);
    const after = (await lambda.items()).filter((i) => String(i.sk).startsWith("THREAD#")).length;
    // A thread is linked only to an estimate that was posted.
    expect(after - before).toBe(posted.length);
    figures.slack429 = { attempts: attempts.length, posted: posted.length, toldInstead: told.length };
  });

  it("429 with a Retry-After longer than the request can wait: not retried, nothing posted", async () => {
    slack.failNext("chat.postMessage", 1, { status: 429, retryAfter: 4 });
    const started = Date.now();
    await quietly(cost("C0RATE30", "bedrock-api"));
    const elapsedMs = Date.now() - started;
    expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
    expect(slack.accepted("chat.postMessage")).toEqual([]);
    // With the Web API client as app.ts configures it today, the client itself waits out the
    // 4 s (past Slack's 3 s; a 30 s Retry-After would outlast the function's 10 s timeout);
    // with `rejectRateLimitedCalls` (see docs/reliability.md) the asker is told at once.
    figures.slack429RetryAfter4sHandledInMs = elapsedMs;
  });

  it("500 from chat.postMessage: not retried (Slack may have posted), the asker is told, no thread is linked", async () => {
    slack.failNext("chat.postMessage", 1, { status: 500 });
    const before = await lambda.items();
    await quietly(cost("C0FIVEHUNDRED", "image-gen"));
    expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
    expect(slack.calls.filter((c) => c.method === "response_url").map((c) => c.body)).toEqual([
      // Since issue #12 every private answer goes through the response_url whole (text and blocks).
      expect.objectContaining({
        response_type: "ephemeral",
        text: expect.stringMatching(/^Slack did not take the answer/),
      }),
    ]);
    const after = await lambda.items();
    expect(after.filter((i) => String(i.sk).startsWith("THREAD#"))).toEqual(
      before.filter((i) => String(i.sk).startsWith("THREAD#")),
    );
  });

  it("500 on a what-if's answer: the what-if is kept once, the asker is told privately, nothing posted twice", async () => {
    const ts = await estimateThread("C0WI500");
    slack.failNext("chat.postMessage", 1, { status: 500 });
    const event = whatIf("C0WI500", ts, "what if devs=30");
    await quietly(event);
    await quietly({ ...event, headers: { ...event.headers, "x-slack-retry-num": "1" } });
    expect(slack.accepted("chat.postMessage")).toEqual([]);
    const [notice] = slack.accepted("chat.postEphemeral");
    expect(notice?.body.text).toMatch(/^Slack did not take the answer.*Your change is kept: what if devs=30/);
    expect((await thread("C0WI500", ts))?.history.map((h) => h.text)).toEqual(["devs=30"]);
  });
});
