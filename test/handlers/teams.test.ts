import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpEvent } from "../fixtures/teams/activities.ts";
import {
  APP_ID,
  BOT_TENANT,
  cardOf,
  startTeamsHarness,
  TENANT_A,
  TENANT_B,
  type TeamsHarness,
  tableRows,
} from "../fixtures/teams/harness.ts";
import { signingKey } from "../fixtures/teams/jwt.ts";

const CHANNEL = "19:finops-costs@thread.tacv2";
const ROOT = "1732300000001";
const CHAIN = `${CHANNEL};messageid=${ROOT}`;

let h: TeamsHarness;
beforeAll(async () => {
  h = await startTeamsHarness();
});
afterAll(async () => h?.close());

// These run first, while the table is empty: a refused request must leave no trace.
describe("teams handler: a request without a valid Bot Framework token is refused", () => {
  const refused = async (bearer: string | null, reason: RegExp, activity = h.activity("channel-mention")) => {
    const response = await h.send(activity, bearer);
    expect(response.statusCode).toBe(401);
    expect(JSON.parse(response.body)["jwt-auth-error"]).toMatch(reason);
    expect(h.connector.posted).toEqual([]);
    expect(await h.itemCount()).toBe(0);
  };

  it("no Authorization header → 401, nothing posted or stored", () => refused(null, /header not found/));
  it("an expired token → 401", () =>
    refused(h.token({ exp: Math.floor(Date.now() / 1000) - 600 }), /expired/));
  it("a token for another app (wrong audience) → 401", () =>
    refused(h.token({ aud: "9d9d9d9d-0000-4000-8000-000000000bad" }), /audience/i));
  it("a token signed by a foreign key under the published key id → 401", () =>
    refused(h.token({}, signingKey(h.key.kid)), /signature/));
  it("a correctly signed token from an issuer the bot does not trust → 401", () =>
    refused(h.token({ iss: "https://evil.example/v2.0" }), /issuer/i));
  it("a garbled bearer value → 401", () => refused("not-a-jwt", /invalid token/));
  it("a token not valid for another 10 minutes (nbf) → 401", () =>
    refused(h.token({ nbf: Math.floor(Date.now() / 1000) + 600 }), /not active/));
  it("a token signed by a key the issuer does not publish → 401", () =>
    refused(h.token({}, signingKey("unpublished-key")), /signature/));

  it("a valid token with a body that is not a JSON activity → 400, nothing posted or stored", async () => {
    const event = { ...httpEvent({}, h.token()), body: "<xml/>" };
    expect((await h.teams.handler(event, {})).statusCode).toBe(400);
    expect(h.connector.posted).toEqual([]);
    expect(await h.itemCount()).toBe(0);
  });

  it("a valid token cannot send replies elsewhere: a serviceUrl other than the token's → 400, nothing posted", async () => {
    const response = await h.send(
      h.activity("channel-mention"),
      h.token({ serviceurl: "https://smba.trafficmanager.net/emea/" }),
    );
    expect(response.statusCode).toBe(400);
    expect(h.connector.posted).toEqual([]);
    expect(await h.itemCount()).toBe(0);
  });

  it("a serviceUrl outside Microsoft's hosts (and the configured loopback) → 400, nothing posted", async () => {
    const elsewhere = "https://attacker.example/";
    const activity = h.activity("channel-mention", undefined, { serviceUrl: elsewhere });
    const response = await h.send(activity, h.token({ serviceurl: elsewhere }));
    expect(response.statusCode).toBe(400);
    expect(await h.itemCount()).toBe(0);
  });
});

describe("teams handler: acknowledge, then work (docs/teams.md)", () => {
  it("a message is answered with an empty 200 before its turn runs; the card is posted after", async () => {
    const activity = h.activity("personal-message", TENANT_B, { id: "1732300000700" });
    const response = await h.teams.handler(httpEvent(activity, h.token()), { awsRequestId: "ack" });
    expect(response).toEqual({ statusCode: 200, headers: {}, body: "" });
    expect(h.connector.posted).toEqual([]);
    await h.teams.settled();
    expect(h.connector.posted).toHaveLength(1);
    expect(cardOf(h.connector.posted[0]!.activity).heading).toBe("bedrock-api: 76.21 USD / month");
    h.connector.posted.length = 0;
  });
});

describe("teams handler: commands in a channel reply chain", () => {
  it("@costbot voice-agent users=1000 → a 1.5 Adaptive Card in the same reply chain with the seed check's 55,038.32 USD (README, Workload templates)", async () => {
    const response = await h.send(h.activity("channel-mention"));
    expect(response.statusCode).toBe(200);
    expect(h.connector.posted).toHaveLength(1);
    const [post] = h.connector.posted;
    // Same conversation (with the chain's ;messageid=), replying to the user's post.
    expect(post!.conversationId).toBe(CHAIN);
    expect(post!.replyTo).toBe(ROOT);
    // The reply is authenticated with the token from the loopback sidecar, never Microsoft's.
    expect(post!.authorization).toBe(`Bearer ${h.identity.outboundToken}`);
    expect(h.identity.requests).toContain(`/${BOT_TENANT}/discovery/v2.0/keys`);

    const { contentType, card, heading } = cardOf(post!.activity);
    expect(contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(card.version).toBe("1.5");
    // Hand-computed from the seed check (README, Workload templates) for users=1000 (3,600,000 turns a month).
    expect(heading).toBe("voice-agent: 55,038.32 USD / month");
    expect(post!.activity.text).toContain("55,038.32 USD / month");
    const amounts = tableRows(card.body.find((e: { type: string }) => e.type === "Table")).map((r) => r[1]);
    for (const figure of ["24,192.00", "6,750.00", "21,600.00", "1,364.38", "926.64", "72.00", "115.14"])
      expect(amounts).toContain(figure);
    expect(amounts).toContain("1.80");
    expect(amounts).toContain("16.36");
    expect(amounts.at(-1)).toBe("55,038.32");
    expect(post!.utf16Bytes).toBeLessThanOrEqual(28 * 1024);
  });

  it("stores the channel's conversation reference for proactive alerts (tenant-scoped, without the chain)", async () => {
    const record = await h.store.getConversationReference(`teams:${TENANT_A}`, CHANNEL);
    expect(record?.reference).toMatchObject({
      channelId: "msteams",
      serviceUrl: h.connector.url,
      conversation: { id: CHANNEL, tenantId: TENANT_A },
      agent: { id: `28:${APP_ID}` },
    });
    expect(record?.reference).not.toHaveProperty("activityId");
    expect(await h.store.getConversationReference(`teams:${TENANT_B}`, CHANNEL)).toBeUndefined();
  });

  it("what if users=5000 replied in the chain → the delta, answered in the same chain: 262,978.26 USD (+207,939.94)", async () => {
    const before = h.connector.posted.length;
    expect((await h.send(h.activity("channel-reply"))).statusCode).toBe(200);
    const post = h.connector.posted[before]!;
    expect(post.conversationId).toBe(CHAIN);
    expect(post.replyTo).toBe("1732300000077");
    const { card, heading } = cardOf(post.activity);
    // By hand: 18,000,000 turns; llm 120,960 · stt 22,350 · tts 108,000 · rtc 6,821.92 ·
    // egress 4,633.20 · eks 72 · ec2 115.14 · cloudfront 9 · alb 17.
    expect(heading).toBe("What if users=5000: 262,978.26 USD / month");
    expect(post.activity.text).toContain("+207,939.94");
    const llm = tableRows(card.body.find((e: { type: string }) => e.type === "Table")).find((r) =>
      /llm|nova/i.test(r[0]!),
    );
    expect(llm?.slice(1)).toEqual(["24,192.00", "120,960.00", "+96,768.00"]);
  });

  it("tenant B cannot reach tenant A's chain: the same what-if from tenant B finds no estimate", async () => {
    const before = h.connector.posted.length;
    await h.send(h.activity("channel-reply", TENANT_B));
    const post = h.connector.posted[before]!;
    expect(post.conversationId).toBe(CHAIN);
    expect(post.activity.text).toMatch(/no estimate to change/);
  });

  it("the card's Save button saves the chain's current scenario for its own tenant only", async () => {
    const submit = h.activity("channel-reply", TENANT_A, {
      id: "1732300000080",
      text: undefined,
      entities: [],
      value: { action: "save_scenario", name: "voice-5k", thread: { channel: CHANNEL, thread: ROOT } },
    });
    await h.send(submit);
    expect(h.connector.posted.at(-1)!.activity.text).toMatch(/^Saved voice-5k|^Saved `voice-5k`/);
    const saved = await h.store.getScenario(`teams:${TENANT_A}`, "voice-5k");
    expect(saved?.input.written).toMatchObject({ users: "5000" });
    expect(saved?.estimate.total).toBe("262978.26");
    expect(await h.store.getScenario(`teams:${TENANT_B}`, "voice-5k")).toBeUndefined();

    await h.send(
      h.activity("channel-mention", TENANT_B, {
        id: "1732300000090",
        text: "<at>costbot</at> show voice-5k",
      }),
    );
    expect(h.connector.posted.at(-1)!.activity.text).toMatch(/no saved scenario named/);
  });

  it("a repeated delivery of the same activity is answered once", async () => {
    const before = h.connector.posted.length;
    expect((await h.send(h.activity("channel-reply"))).statusCode).toBe(200);
    expect(h.connector.posted.length).toBe(before);
  });
});

describe("teams handler: chats and installation", () => {
  it("personal chat: the chat is the thread, so a what-if changes its latest estimate (76.21 → 151.42 USD)", async () => {
    const chat = "a:1personal-chat-between-ada-and-costbot";
    await h.send(h.activity("personal-message"));
    const estimate = h.connector.posted.at(-1)!;
    expect(estimate.conversationId).toBe(chat);
    // By hand: 60,000 calls; bedrock 15 + 60, API Gateway REST 0.21, S3 1, Lambda in the free tier.
    expect(cardOf(estimate.activity).heading).toBe("bedrock-api: 76.21 USD / month");

    await h.send(h.activity("personal-message", TENANT_A, { id: "1732300000501", text: "what if devs=40" }));
    const whatIf = h.connector.posted.at(-1)!;
    expect(whatIf.conversationId).toBe(chat);
    expect(cardOf(whatIf.activity).heading).toBe("What if devs=40: 151.42 USD / month");
  });

  it("group chat: the mention is stripped and the answer goes into the chat (image-gen at 12 h/day: 431.65 USD)", async () => {
    await h.send(h.activity("group-chat-mention"));
    const post = h.connector.posted.at(-1)!;
    expect(post.conversationId).toBe("19:group-chat-of-three@thread.v2");
    // By hand: SageMaker 240 h × 1.515 + 240 GB × 0.14 = 397.20, plus the default's other 34.45.
    expect(cardOf(post.activity).heading).toBe("image-gen: 431.65 USD / month");
  });

  it("installing the bot in a team stores the team's conversation reference", async () => {
    expect((await h.send(h.activity("bot-added-to-team"))).statusCode).toBe(200);
    const record = await h.store.getConversationReference(`teams:${TENANT_A}`, "19:finops-team@thread.tacv2");
    expect(record?.reference).toMatchObject({ serviceUrl: h.connector.url });
  });
});
