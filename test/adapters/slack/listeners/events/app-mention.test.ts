import { describe, expect, it } from "vitest";
import { appMention } from "../../../../../src/adapters/slack/listeners/events/app-mention.ts";
import { fakeClient, useSlackDeps } from "../fakes.ts";

const slackDeps = useSlackDeps();

describe("app_mention listener", () => {
  it("a top-level mention is answered under the mention, and that thread is linked to the estimate", async () => {
    const deps = await slackDeps();
    const { client, postMessage } = fakeClient("1700000002.000300");
    const event = {
      type: "app_mention",
      channel: "C1",
      user: "U1",
      text: "<@UBOT> bedrock-api",
      ts: "1700000001.000100",
    };
    await appMention(deps)({
      event,
      body: {
        type: "event_callback",
        team_id: "T1",
        event_id: "Ev1",
        authorizations: [{ team_id: "T1", is_bot: true }],
      },
      client,
      context: { botUserId: "UBOT" },
    } as never);
    expect(postMessage.mock.calls[0]![0]).toMatchObject({ channel: "C1", thread_ts: "1700000001.000100" });
    expect((await deps.pipeline.store.getThread("slack:T1", "C1", "1700000001.000100"))?.input.template).toBe(
      "bedrock-api",
    );
  });

  it("a mistake is answered privately to the one who asked", async () => {
    const deps = await slackDeps();
    const { client, postMessage, postEphemeral } = fakeClient();
    const event = {
      type: "app_mention",
      channel: "C1",
      user: "U1",
      text: "<@UBOT> voice-agent users=lots",
      ts: "1.1",
    };
    await appMention(deps)({
      event,
      body: {
        type: "event_callback",
        team_id: "T1",
        event_id: "Ev2",
        authorizations: [{ team_id: "T1", is_bot: true }],
      },
      client,
      context: { botUserId: "UBOT" },
    } as never);
    expect(postMessage).not.toHaveBeenCalled();
    expect(postEphemeral.mock.calls[0]![0]).toMatchObject({ channel: "C1", user: "U1", thread_ts: "1.1" });
  });
});
