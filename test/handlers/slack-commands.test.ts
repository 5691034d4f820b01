import { describe, expect, it } from "vitest";
import { TEMPLATES } from "../../src/core/templates/index.ts";
import { useSlackLambda } from "../fixtures/slack/harness.ts";
import { blockKitViolations } from "../fixtures/slack/limits.ts";
import { nowSeconds, slashCommand, urlVerification } from "../fixtures/slack/requests.ts";

const lambda = useSlackLambda();
const { slack } = lambda;

function cost(text: string, over: { team?: string; channel?: string; trigger?: string } = {}) {
  return slashCommand({
    team: over.team ?? "T0ACME",
    channel: over.channel ?? "C0FINOPS",
    text,
    trigger: over.trigger ?? lambda.id("trigger-"),
    responseUrl: slack.responseUrl(lambda.id("r")),
  });
}

type Json = Record<string, unknown>;
const blocksOf = (call: { body: Json }) => call.body.blocks as Json[];
const cells = (table: Json) => (table.rows as { text: string }[][]).map((r) => r.map((c) => c.text));

describe("slack handler: requests from Slack", () => {
  it("answers Slack's url_verification with the challenge", async () => {
    const response = await lambda.send(
      urlVerification("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"),
    );
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({
      challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
    });
  });

  it("rejects a request signed with another secret with 401 and does nothing", async () => {
    const before = await lambda.items();
    const response = await lambda.send(
      slashCommand(
        {
          team: "T0ACME",
          channel: "C0FINOPS",
          text: "voice-agent",
          trigger: "t-bad",
          responseUrl: slack.responseUrl("x"),
        },
        { secret: "not-the-signing-secret" },
      ),
    );
    expect(response.statusCode).toBe(401);
    expect(slack.calls).toEqual([]);
    expect(await lambda.items()).toEqual(before);
  });

  it("rejects a correctly signed request older than 5 minutes with 401 (replay protection)", async () => {
    const response = await lambda.send(urlVerification("old", { timestamp: nowSeconds() - 6 * 60 }));
    expect(response.statusCode).toBe(401);
    expect(slack.calls).toEqual([]);
  });

  it("verifies a base64-encoded body with non-ASCII text against the bytes Slack signed", async () => {
    const response = await lambda.send(urlVerification("挑戦-✓", { base64: true }));
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ challenge: "挑戦-✓" });
  });
});

describe("/cost", () => {
  it("posts an estimate to the channel as Block Kit with a text fallback, and links its thread in DynamoDB", async () => {
    const response = await lambda.send(cost("voice-agent users=1000 model=nova-pro"));
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe("");
    const [post, ...others] = slack.callsTo("chat.postMessage");
    expect(others).toEqual([]);
    expect(post?.token).toBe("xoxb-fake-test");
    expect(post?.body).toMatchObject({
      channel: "C0FINOPS",
      text: expect.stringMatching(/^voice-agent: 55,038\.32 USD/),
    });
    expect(post?.body.thread_ts).toBeUndefined();
    const blocks = blocksOf(post!);
    expect(blocks[0]).toMatchObject({ type: "header", text: { text: "voice-agent: 55,038.32 USD / month" } });
    const table = blocks.find((b) => b.type === "table")!;
    expect(cells(table)).toContainEqual(["LLM (nova-pro)", "24,192.00", "44.0 %"]);
    expect(cells(table).at(-1)).toEqual(["Total", "55,038.32", "100.0 %"]);
    expect(blocks.find((b) => b.type === "actions")).toMatchObject({
      elements: [{ action_id: "save_scenario", text: { text: "Save scenario" } }],
    });
    expect(blockKitViolations(post!.body)).toEqual([]);

    const ts = String(post?.answer.ts);
    const link = await lambda.store().getThread("slack:T0ACME", "C0FINOPS", ts);
    expect(link?.input).toEqual({
      template: "voice-agent",
      written: { users: "1000", model: "nova-pro" },
      currency: "USD",
    });
    expect(link?.estimate.total).toBe("55038.32");
    expect(slack.callsTo("auth.test")).toEqual([]);
  });

  // Issue #12 changed this: the acknowledgement is an empty 200 sent before any work, so
  // private answers go through the command's response_url instead of the HTTP response.
  it("answers help privately through the response_url, after an empty acknowledgement, without posting to the channel", async () => {
    const response = await lambda.send(cost("help"));
    expect(response).toMatchObject({ statusCode: 200, body: "" });
    const [answer, ...others] = slack.calls;
    expect(others).toEqual([]);
    expect(answer?.method).toBe("response_url");
    const body = answer!.body;
    expect(body.response_type).toBe("ephemeral");
    expect(body.text).toMatch(/costbot/);
    expect(blockKitViolations(body)).toEqual([]);
  });

  it("refuses a sweep whose step 40 digits cannot add (issue 16: it hung the function) privately, posting nothing", async () => {
    const response = await lambda.send(
      cost("sweep voice-agent users=1e39..1000000000000000000000000000000000000001:0.03"),
    );
    expect(response.body).toBe("");
    expect(slack.calls.map((c) => c.method)).toEqual(["response_url"]);
    const body = slack.calls[0]!.body as Json;
    expect(body.response_type).toBe("ephemeral");
    // 1e39 (digit position 39) plus 0.03 (position -2) needs 42 significant digits.
    expect(body.text).toMatch(/needs 42 significant digits; at most 39/);
  });

  it("answers a mistake privately with the closest key and writes no scenario or thread", async () => {
    const before = (await lambda.items()).filter((i) => !String(i.pk).startsWith("IDEMP#"));
    const response = await lambda.send(cost("voice-agent user=5000"));
    expect(response.body).toBe("");
    expect(slack.calls.map((c) => c.method)).toEqual(["response_url"]);
    const body = slack.calls[0]!.body;
    expect(body.response_type).toBe("ephemeral");
    expect(body.text).toBe("unknown key `user` for voice-agent, did you mean `users`?");
    expect((await lambda.items()).filter((i) => !String(i.pk).startsWith("IDEMP#"))).toEqual(before);
  });

  it("falls back to response_url in_channel where the bot may not post, says to invite it, and links nothing", async () => {
    slack.failPostsTo("G0PRIVATE", "not_in_channel");
    const response = await lambda.send(cost("bedrock-api", { channel: "G0PRIVATE" }));
    expect(response.statusCode).toBe(200);
    expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
    const [fallback] = slack.callsTo("response_url");
    expect(fallback?.body).toMatchObject({
      response_type: "in_channel",
      text: expect.stringMatching(/^bedrock-api: 38\.61/),
    });
    const note = blocksOf(fallback!).at(-1) as { elements: { text: string }[] };
    expect(note.elements[0]?.text).toMatch(/`\/invite @costbot`.*threaded what-ifs/);
    expect(blockKitViolations(fallback!.body)).toEqual([]);
    const threads = (await lambda.items()).filter((i) => String(i.sk).startsWith("THREAD#G0PRIVATE"));
    expect(threads).toEqual([]);
  });

  it("also falls back in a DM the bot is not part of (channel_not_found)", async () => {
    slack.failPostsTo("D0DIRECT", "channel_not_found");
    await lambda.send(cost("image-gen", { channel: "D0DIRECT" }));
    expect(slack.callsTo("response_url")[0]?.body.response_type).toBe("in_channel");
  });

  it("handles the same command delivered twice (same trigger_id) once: one post, one thread link", async () => {
    const first = cost("gpu-platform preset=prod", { channel: "C0TWICE", trigger: "trigger-twice" });
    await lambda.send(first);
    const items = await lambda.items();
    const again = await lambda.send(first);
    expect(again.statusCode).toBe(200);
    expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
    expect(await lambda.items()).toEqual(items);
  });

  it("keeps every template's full estimate (detail=full) inside Block Kit's limits", async () => {
    for (const template of TEMPLATES) {
      await lambda.send(cost(`${template.name} detail=full`, { channel: "C0LIMITS" }));
    }
    const posts = slack.callsTo("chat.postMessage");
    expect(posts.map((p) => String(p.body.text).split(":")[0])).toEqual(TEMPLATES.map((t) => t.name));
    for (const post of posts) expect(blockKitViolations(post.body), String(post.body.text)).toEqual([]);
  });
});
