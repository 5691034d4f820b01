import { describe, expect, it } from "vitest";
import { useSlackLambda } from "../fixtures/slack/harness.ts";
import {
  BOT_ID,
  BOT_USER_ID,
  eventCallback,
  type Payload,
  payload,
  signedEvent,
  slashCommand,
  threadReply,
} from "../fixtures/slack/requests.ts";

/** Issue #12, items 3 and 4: silence for chatter, edits and files, direct messages. */
const lambda = useSlackLambda();
const { slack } = lambda;

let seq = 1_700_020_000;
const nextTs = () => `${++seq}.000400`;

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
  const ts = String(slack.callsTo("chat.postMessage").at(-1)!.answer.ts);
  slack.clearCalls();
  return ts;
}

const reply = (team: string, channel: string, thread: string, text: string) =>
  eventCallback(team, lambda.id("Ev"), threadReply({ channel, thread, ts: nextTs(), text }));

describe("chatter in an estimate's thread", () => {
  it("produces no Web API call at all and writes nothing", async () => {
    const thread = await estimate("T0CHAT", "C0CHAT", "bedrock-api");
    const before = await lambda.items();
    for (const text of [
      "that looks expensive, ask finance",
      "ok then devs=20", // words that are not key=value
      "devs=20 please",
      "user=5000", // a key bedrock-api does not have
      "https://example.com/?a=1",
    ])
      expect((await lambda.send(reply("T0CHAT", "C0CHAT", thread, text))).statusCode).toBe(200);
    expect(slack.calls).toEqual([]);
    expect(await lambda.items()).toEqual(before);
  });

  it("answers only key=value words with the thread template's keys, and what if … whatever follows", async () => {
    const thread = await estimate("T0CHAT", "C0KEYS", "bedrock-api");
    await lambda.send(reply("T0CHAT", "C0KEYS", thread, "devs=20 currency=EUR"));
    await lambda.send(reply("T0CHAT", "C0KEYS", thread, "what if user=5000"));
    expect(slack.callsTo("chat.postMessage").map((c) => c.body.thread_ts)).toEqual([thread]);
    // The `what if` with a wrong key is a what-if, so its mistake is answered privately.
    const [mistake] = slack.callsTo("chat.postEphemeral");
    expect(mistake?.body.text).toMatch(/^unknown key `user` for bedrock-api/);
  });

  it("stays silent on key=value chatter in a thread without an estimate", async () => {
    await lambda.send(reply("T0CHAT", "C0NOEST", "1690000000.000500", "devs=20"));
    expect(slack.calls).toEqual([]);
  });
});

describe("edits and files", () => {
  const edited = (thread: string, before: string, after: string, change: (p: Payload) => void = () => {}) => {
    const ts = nextTs();
    return signedEvent(
      payload("message-changed", (p) => {
        Object.assign(p.event.message, {
          text: after,
          ts,
          thread_ts: thread,
          edited: { user: "U0BOB", ts: nextTs() },
        });
        Object.assign(p.event.previous_message, { text: before, ts, thread_ts: thread });
        const at = nextTs();
        Object.assign(p.event, { ts: at, event_ts: at });
        p.event_id = lambda.id("Ev");
        change(p);
      }),
    );
  };

  it("answers a message edited into a what-if like a new one", async () => {
    const thread = await estimate("T0EDIT", "C0EDIT", "bedrock-api");
    await lambda.send(edited(thread, "devs 20?", "devs=20"));
    const [post, ...others] = slack.callsTo("chat.postMessage");
    expect(others).toEqual([]);
    expect(post?.body).toMatchObject({ channel: "C0EDIT", thread_ts: thread });
    expect(String(post?.body.text)).toMatch(/^what if devs=20: /);
    const link = await lambda.store().getThread("slack:T0EDIT", "C0EDIT", thread);
    expect(link?.history.map((h) => [h.text, h.by])).toEqual([["devs=20", "U0BOB"]]);
  });

  it("ignores an edit that leaves the text as it was (Slack adds a link preview) and a bot's edit", async () => {
    const thread = await estimate("T0EDIT", "C0UNFURL", "bedrock-api");
    await lambda.send(edited(thread, "devs=20", "devs=20"));
    await lambda.send(
      edited(thread, "x", "devs=20", (p) =>
        Object.assign(p.event.message, { bot_id: BOT_ID, user: BOT_USER_ID }),
      ),
    );
    expect(slack.calls).toEqual([]);
  });

  it("answers a what-if with a file attached (subtype file_share)", async () => {
    const thread = await estimate("T0EDIT", "C0EDIT", "bedrock-api");
    const ts = nextTs();
    const event = payload("file-share-reply", (p) => {
      Object.assign(p.event, { text: "what if devs=30", ts, event_ts: ts, thread_ts: thread });
      p.event_id = lambda.id("Ev");
    });
    await lambda.send(signedEvent(event));
    expect(
      slack.callsTo("chat.postMessage").map((c) => [c.body.thread_ts, String(c.body.text).split(":")[0]]),
    ).toEqual([[thread, "what if devs=30"]]);
  });
});

describe("direct messages (message.im)", () => {
  const dm = (text: string, change: (p: Payload) => void = () => {}) => {
    const ts = nextTs();
    return payload("direct-message", (p) => {
      Object.assign(p.event, { text, ts, event_ts: ts });
      p.event_id = lambda.id("Ev");
      change(p);
    });
  };

  it("answers a DM like /cost: the estimate is posted in the DM and its thread takes what-ifs", async () => {
    await lambda.send(signedEvent(dm("image-gen")));
    const [post, ...others] = slack.callsTo("chat.postMessage");
    expect(others).toEqual([]);
    expect(post?.body).toMatchObject({ channel: "D0COSTBOT" });
    expect(post?.body.thread_ts).toBeUndefined();
    expect(String(post?.body.text)).toMatch(/^image-gen: /);
    const thread = String(post!.answer.ts);
    const link = await lambda.store().getThread("slack:T0DM", "D0COSTBOT", thread);
    expect(link?.input.template).toBe("image-gen");

    slack.clearCalls();
    const ts = nextTs();
    await lambda.send(
      signedEvent(
        dm("what if training_hours=300", (p) =>
          Object.assign(p.event, { thread_ts: thread, ts, event_ts: ts }),
        ),
      ),
    );
    expect(slack.callsTo("chat.postMessage").map((c) => c.body.thread_ts)).toEqual([thread]);
  });

  it("answers help and mistakes in the DM itself, and never its own messages", async () => {
    await lambda.send(signedEvent(dm("help")));
    await lambda.send(
      signedEvent(
        dm("image-gen users=5", (p) => Object.assign(p.event, { bot_id: BOT_ID, user: BOT_USER_ID })),
      ),
    );
    const posts = slack.callsTo("chat.postMessage");
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body.channel).toBe("D0COSTBOT");
    expect(String(posts[0]?.body.text)).toMatch(/costbot/);
  });

  it("posts nothing twice for a re-delivered DM", async () => {
    const event = signedEvent(dm("bedrock-api"));
    await lambda.send(event);
    await lambda.send({
      ...event,
      headers: { ...event.headers, "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" },
    });
    expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
  });
});
