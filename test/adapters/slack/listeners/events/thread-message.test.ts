import { describe, expect, it } from "vitest";
import { threadMessage } from "../../../../../src/adapters/slack/listeners/events/thread-message.ts";
import { handleText } from "../../../../../src/app/pipeline.ts";
import { linkThread } from "../../../../../src/app/threads.ts";
import { fakeClient, useSlackDeps } from "../fakes.ts";

const slackDeps = useSlackDeps();
const PARENT = "1700000000.000100";

function messageArgs(
  text: string,
  client: ReturnType<typeof fakeClient>["client"],
  ts = "1700000001.000200",
  thread_ts = PARENT,
) {
  const event = { type: "message", channel: "C1", user: "U2", text, ts, thread_ts };
  return {
    event,
    body: {
      type: "event_callback",
      team_id: "T1",
      event_id: `Ev${ts}`,
      authorizations: [{ team_id: "T1", is_bot: true }],
    },
    client,
    context: { botUserId: "UBOT" },
  } as never;
}

async function linkedThread() {
  const deps = await slackDeps();
  const ctx = { tenant: "slack:T1", user: "U1", surface: "slack" as const };
  await linkThread(
    ctx,
    { channel: "C1", thread: PARENT },
    await handleText("bedrock-api", ctx, deps.pipeline),
    deps.pipeline,
  );
  return deps;
}

describe("thread message listener", () => {
  it("answers a what-if in an estimate's thread, in the thread, and records it", async () => {
    const deps = await linkedThread();
    const { client, postMessage } = fakeClient();
    await threadMessage(deps)(messageArgs("what if devs=20", client));
    expect(postMessage).toHaveBeenCalledTimes(1);
    // devs=20 doubles the defaults' usage: 76.21 USD (test/app/pipeline.test.ts has the arithmetic).
    expect(postMessage.mock.calls[0]![0]).toMatchObject({
      channel: "C1",
      thread_ts: PARENT,
      text: expect.stringContaining("76.21 USD"),
    });
    const link = await deps.pipeline.store.getThread("slack:T1", "C1", PARENT);
    expect(link?.history.map((h) => h.text)).toEqual(["devs=20"]);
  });

  it("ignores chatter in the thread, and the thread's parent message itself", async () => {
    const deps = await linkedThread();
    const { client, postMessage, postEphemeral } = fakeClient();
    await threadMessage(deps)(messageArgs("thanks, looks good!", client));
    await threadMessage(deps)(messageArgs("what if devs=20", client, PARENT, PARENT));
    expect(postMessage).not.toHaveBeenCalled();
    expect(postEphemeral).not.toHaveBeenCalled();
  });

  it("a what-if where Slack refuses the post: the asker is told privately that the change is kept", async () => {
    const deps = await linkedThread();
    const { client, postMessage, postEphemeral } = fakeClient();
    postMessage.mockRejectedValueOnce(Object.assign(new Error("500"), { code: "slack_webapi_http_error" }));
    await threadMessage(deps)(messageArgs("what if devs=20", client));
    expect(postEphemeral).toHaveBeenCalledTimes(1);
    expect(postEphemeral.mock.calls[0]![0]).toMatchObject({
      user: "U2",
      thread_ts: PARENT,
      text: expect.stringMatching(/^Slack did not take the answer.*Your change is kept: what if devs=20/),
    });
  });
});
