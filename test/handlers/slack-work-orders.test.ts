import { describe, expect, it, vi } from "vitest";
import { DynamoIdempotencyStore } from "../../src/adapters/dynamodb/idempotency-store.ts";
import { useSlackLambda } from "../fixtures/slack/harness.ts";
import { nowSeconds, SIGNING_SECRET, signature, signed, slashCommand } from "../fixtures/slack/requests.ts";

/**
 * Issue 20: the worker's claim works like Powertools' idempotency (completed: never again; in
 * progress past its deadline: Lambda's retry may take it over), a work order older than 15
 * minutes is refused, and no body is parsed before its size and signature are checked.
 */
const lambda = useSlackLambda();
const { slack } = lambda;
const TEAM = "T0ORDERS";

/** The asynchronous invocation's event for `/cost <text>`, signed by Slack `ageSeconds` ago. */
function workOrder(text: string, trigger: string, ageSeconds = 0) {
  const request = slashCommand({
    team: TEAM,
    channel: "C0ORDERS",
    text,
    trigger,
    responseUrl: slack.responseUrl(lambda.id("r")),
  });
  const timestamp = nowSeconds() - ageSeconds;
  return {
    costbotSlackWork: 1,
    request: {
      body: request.body,
      contentType: "application/x-www-form-urlencoded",
      timestamp: String(timestamp),
      signature: signature(SIGNING_SECRET, timestamp, request.body),
    },
  };
}

describe("work orders", () => {
  it("refuses a work order signed more than 15 minutes ago; one signed 14 minutes ago is worked", async () => {
    expect(await lambda.send(workOrder("bedrock-api", lambda.id("t"), 16 * 60) as never)).toEqual({
      ok: true,
    });
    expect(slack.calls).toEqual([]);
    expect(await lambda.items()).toEqual([]);
    await lambda.send(workOrder("bedrock-api", lambda.id("t"), 14 * 60) as never);
    expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("a claim left in progress past its deadline (the worker timed out) is taken over by Lambda's retry", async () => {
    const trigger = lambda.id("t");
    // The first attempt claimed 60 s ago, for 30 s, and died without completing.
    const minuteAgo = new DynamoIdempotencyStore(lambda.db(), "costbot-slack-test", {
      now: () => new Date(Date.now() - 60_000),
    });
    expect(await minuteAgo.claim(`slack:${TEAM}:${trigger}`, 3600, 30)).toBe(true);
    await lambda.send(workOrder("bedrock-api", trigger) as never);
    expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
    // Completed now: the same order again does nothing.
    slack.clearCalls();
    await lambda.send(workOrder("bedrock-api", trigger) as never);
    expect(slack.calls).toEqual([]);
  });

  it("a claim still in progress is not taken by a retry", async () => {
    const trigger = lambda.id("t");
    const now = new DynamoIdempotencyStore(lambda.db(), "costbot-slack-test");
    expect(await now.claim(`slack:${TEAM}:${trigger}`, 3600, 30)).toBe(true);
    await lambda.send(workOrder("bedrock-api", trigger) as never);
    expect(slack.calls).toEqual([]);
  });
});

describe("nothing is parsed before the size and signature checks", () => {
  it("an unsigned body over the limit is refused with 413 without JSON.parse ever seeing it", async () => {
    const big = JSON.stringify({ type: "event_callback", event_id: "Ev1", padding: "x".repeat(300 * 1024) });
    const request = { ...signed(big, "application/json"), headers: { "content-type": "application/json" } };
    const parse = vi.spyOn(JSON, "parse");
    try {
      const response = await lambda.send(request);
      expect(response.statusCode).toBe(413);
      expect(
        parse.mock.calls.filter(([text]) => typeof text === "string" && text.length > 256 * 1024),
      ).toEqual([]);
    } finally {
      parse.mockRestore();
    }
  });

  it("an unsigned body under the limit is refused with 401, also unparsed", async () => {
    const body = JSON.stringify({ type: "event_callback", event_id: "EvUNSIGNED" });
    const request = { ...signed(body, "application/json"), headers: { "content-type": "application/json" } };
    const parse = vi.spyOn(JSON, "parse");
    try {
      expect((await lambda.send(request)).statusCode).toBe(401);
      expect(parse.mock.calls.filter(([text]) => text === body)).toEqual([]);
    } finally {
      parse.mockRestore();
    }
  });
});
