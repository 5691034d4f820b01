import { describe, expect, it } from "vitest";
import { useSlackLambda } from "../fixtures/slack/harness.ts";
import { eventCallback, nowSeconds, signed, slashCommand, threadReply } from "../fixtures/slack/requests.ts";

/**
 * Issue #12, item 1: the answer Slack waits for comes before any store, pricing or Web API
 * call; the work runs after it (outside AWS: in the same process, right after the response).
 */
const lambda = useSlackLambda();
const { slack } = lambda;

const cost = (channel: string, text: string, trigger = lambda.id("t")) =>
  slashCommand({ team: "T0ACK", channel, text, trigger, responseUrl: slack.responseUrl(lambda.id("r")) });

describe("acknowledge, then work", () => {
  it("answers /cost while the Web API is still holding chat.postMessage; the estimate is posted after", async () => {
    const slow = slack.hold("chat.postMessage");
    const response = await lambda.acknowledge(cost("C0SLOW", "bedrock-api"));
    expect(response).toMatchObject({ statusCode: 200, body: "" });
    // The work has not posted anything when the answer is back…
    expect(slack.calls).toEqual([]);
    // …then reaches chat.postMessage, which the fake holds on purpose.
    await slow.reached;
    expect(slack.calls).toEqual([]);
    slow.release();
    await lambda.settled();
    const [post, ...others] = slack.callsTo("chat.postMessage");
    expect(others).toEqual([]);
    expect(post?.body).toMatchObject({ channel: "C0SLOW" });
    expect(String(post?.body.text)).toMatch(/^bedrock-api: /);
    // The thread is linked after the post: the what-if below finds it.
    expect(await lambda.store().getThread("slack:T0ACK", "C0SLOW", String(post!.answer.ts))).toBeDefined();
  });

  it("acknowledges an event before the work claims it: nothing is in the table when the answer returns", async () => {
    await lambda.send(cost("C0EVENT", "bedrock-api"));
    const thread = String(slack.callsTo("chat.postMessage").at(-1)!.answer.ts);
    slack.clearCalls();
    const before = await lambda.items();
    const slow = slack.hold("chat.postMessage");
    const response = await lambda.acknowledge(
      eventCallback(
        "T0ACK",
        "Ev0ACKFIRST",
        threadReply({ channel: "C0EVENT", thread, ts: "1700000900.000100", text: "devs=20" }),
      ),
    );
    expect(response).toMatchObject({ statusCode: 200, body: "" });
    expect(await lambda.items()).toEqual(before);
    await slow.reached;
    slow.release();
    await lambda.settled();
    expect(slack.callsTo("chat.postMessage").map((c) => c.body.thread_ts)).toEqual([thread]);
    // The claim (event id) and the what-if were written by the work, after the answer.
    expect((await lambda.items()).length).toBeGreaterThan(before.length);
  });

  it("a re-delivery acknowledged while the first delivery is still posting posts nothing twice", async () => {
    const slow = slack.hold("chat.postMessage");
    const first = cost("C0TWICE", "image-gen", "t0TWICE");
    await lambda.acknowledge(first);
    await slow.reached;
    const again = { ...first, headers: { ...first.headers, "x-slack-retry-num": "1" } };
    expect((await lambda.acknowledge(again)).statusCode).toBe(200);
    slow.release();
    await lambda.settled();
    expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
    expect(slack.callsTo("response_url")).toEqual([]);
  });
});

describe("signatures (issue #12, item 5)", () => {
  const body = JSON.stringify({ type: "url_verification", challenge: "c", token: "x" });

  it("refuses a correctly signed request from more than 5 minutes in the future with 401", async () => {
    // Bolt only refused old timestamps; a future one is as much a replay or a forgery.
    const response = await lambda.send(signed(body, "application/json", { timestamp: nowSeconds() + 301 }));
    expect(response.statusCode).toBe(401);
  });

  it("accepts a timestamp just inside the window either way (clocks drift)", async () => {
    for (const skew of [-240, 240]) {
      const response = await lambda.send(
        signed(body, "application/json", { timestamp: nowSeconds() + skew }),
      );
      expect(response.statusCode).toBe(200);
    }
  });

  it("refuses unsigned and malformed requests with 401, never 500, and does no work", async () => {
    const good = cost("C0FORGED", "bedrock-api");
    const without = (name: string) =>
      Object.fromEntries(Object.entries(good.headers).filter(([k]) => k !== name));
    const cases = [
      { ...good, headers: without("x-slack-signature") },
      { ...good, headers: without("x-slack-request-timestamp") },
      { ...good, headers: { ...good.headers, "x-slack-signature": "v0=not-hex" } },
      { ...good, headers: { ...good.headers, "x-slack-signature": "v1=abc" } },
      { ...good, headers: { ...good.headers, "x-slack-request-timestamp": "soon" } },
      // Correctly signed, but not Slack's JSON nor its form.
      signed("{not json", "application/json"),
      signed("payload=%7Bbroken", "application/x-www-form-urlencoded"),
      signed("<xml/>", "text/xml"),
      { ...good, body: undefined as unknown as string },
    ];
    for (const event of cases) expect((await lambda.send(event)).statusCode).toBe(401);
    expect(slack.calls).toEqual([]);
    expect((await lambda.items()).filter((i) => String(i.pk).includes("C0FORGED"))).toEqual([]);
  });
});
