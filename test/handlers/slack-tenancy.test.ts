import { describe, expect, it } from "vitest";
import { useSlackLambda } from "../fixtures/slack/harness.ts";
import { payload, signedCommand, signedEvent, slashCommand } from "../fixtures/slack/requests.ts";

/** Issue #12, item 2: the tenant is the installation (docs/slack.md, Whose data). Payloads from test/fixtures/slack/payloads/. */
const lambda = useSlackLambda();
const { slack } = lambda;

let seq = 1_700_010_000;
const nextTs = () => `${++seq}.000300`;

describe("tenancy as Slack defines it", () => {
  it("answers a Slack Connect partner's what-if in the installer's estimate thread", async () => {
    await lambda.send(
      slashCommand({
        team: "T0HOST",
        channel: "C0SHARED",
        text: "voice-agent",
        trigger: lambda.id("t"),
        responseUrl: slack.responseUrl(lambda.id("r")),
      }),
    );
    const thread = String(slack.callsTo("chat.postMessage").at(-1)!.answer.ts);
    slack.clearCalls();
    const reply = payload("slack-connect-thread-reply", (p) => {
      p.event.thread_ts = thread;
      p.event_id = lambda.id("Ev");
    });
    expect(reply.team_id).toBe("T0PARTNER");
    await lambda.send(signedEvent(reply));
    const [post, ...others] = slack.callsTo("chat.postMessage");
    expect(others).toEqual([]);
    expect(post?.body).toMatchObject({ channel: "C0SHARED", thread_ts: thread });
    // users 1000 → 5000 on voice-agent: 55,038.32 → 262,978.26 USD (worked out in slack-threads.test.ts).
    expect(post?.body.text).toBe("what if users=5000: 262,978.26 USD / month (+207,939.94)");
    const link = await lambda.store().getThread("slack:T0HOST", "C0SHARED", thread);
    expect(link?.history.map((h) => [h.text, h.by])).toEqual([["users=5000", "U0PARTNER"]]);
    // Nothing was read or written under the partner's team.
    expect(await lambda.store().getThread("slack:T0PARTNER", "C0SHARED", thread)).toBeUndefined();
  });

  it("keeps two Enterprise Grid org installs (both with an empty team_id) apart", async () => {
    const orgCommand = (enterprise: string) =>
      signedCommand(
        payload("enterprise-org-command", (p) => {
          p.enterprise_id = enterprise;
          p.trigger_id = lambda.id("t");
          p.response_url = slack.responseUrl(lambda.id("r"));
        }),
      );
    await lambda.send(orgCommand("E0ALPHA"));
    const alphaThread = String(slack.callsTo("chat.postMessage").at(-1)!.answer.ts);
    slack.clearCalls();
    expect(await lambda.store().getThread("slack:E0ALPHA", "C0ORG", alphaThread)).toBeDefined();
    expect(await lambda.store().getThread("slack:", "C0ORG", alphaThread)).toBeUndefined();

    // The other enterprise, same channel and thread ids: it has no estimate there.
    const ts = nextTs();
    const betaReply = payload("enterprise-org-thread-reply", (p) => {
      p.enterprise_id = "E0BETA";
      p.context_enterprise_id = "E0BETA";
      p.authorizations[0].enterprise_id = "E0BETA";
      Object.assign(p.event, { ts, event_ts: ts, thread_ts: alphaThread, text: "what if devs=30" });
      p.event_id = lambda.id("Ev");
    });
    await lambda.send(signedEvent(betaReply));
    expect(slack.callsTo("chat.postMessage")).toEqual([]);
    expect(slack.callsTo("chat.postEphemeral").map((c) => c.body.text)).toEqual([
      "this thread has no estimate to change yet",
    ]);
    expect(await lambda.store().getThread("slack:E0BETA", "C0ORG", alphaThread)).toBeUndefined();

    // Alpha's own reply in its thread is answered as a what-if.
    slack.clearCalls();
    const alphaReply = payload("enterprise-org-thread-reply", (p) => {
      const at = nextTs();
      Object.assign(p.event, { ts: at, event_ts: at, thread_ts: alphaThread, text: "what if devs=30" });
      p.event_id = lambda.id("Ev");
    });
    await lambda.send(signedEvent(alphaReply));
    expect(slack.callsTo("chat.postMessage").map((c) => c.body.thread_ts)).toEqual([alphaThread]);
  });

  it("works nothing for a payload without an installation id (no empty-string tenant)", async () => {
    const before = await lambda.items();
    await lambda.send(
      signedCommand(
        payload("enterprise-org-command", (p) => {
          p.enterprise_id = "";
          p.trigger_id = lambda.id("t");
          p.response_url = slack.responseUrl(lambda.id("r"));
        }),
      ),
    );
    expect(slack.calls).toEqual([]);
    expect(await lambda.items()).toEqual(before);
  });
});
