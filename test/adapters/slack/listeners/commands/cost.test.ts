import { describe, expect, it, vi } from "vitest";
import { costCommand } from "../../../../../src/adapters/slack/listeners/commands/cost.ts";
import { INVITE_NOTE } from "../../../../../src/adapters/slack/sinks.ts";
import { fakeClient, platformError, useSlackDeps } from "../fakes.ts";

const slackDeps = useSlackDeps();

/** The arguments Bolt passes a command listener, with fake ack and respond (Bolt's starter-template style). */
function commandArgs(text: string, client: ReturnType<typeof fakeClient>["client"], trigger = "trig-1") {
  const ack = vi.fn(async (_response?: unknown) => {});
  const respond = vi.fn(async (_message: unknown) => {});
  const command = {
    command: "/cost",
    text,
    team_id: "T1",
    user_id: "U1",
    channel_id: "C1",
    trigger_id: trigger,
  };
  return { args: { command, ack, respond, client } as never, ack, respond };
}

describe("/cost listener", () => {
  it("acknowledges at once, posts the estimate to the channel and links the message's thread to it", async () => {
    const deps = await slackDeps();
    const { client, postMessage } = fakeClient("1700000000.000100");
    const { args, ack, respond } = commandArgs("bedrock-api", client);
    await costCommand(deps)(args);
    expect(ack).toHaveBeenCalledTimes(1);
    expect(ack).toHaveBeenCalledWith();
    expect(postMessage).toHaveBeenCalledTimes(1);
    expect(postMessage.mock.calls[0]![0]).toMatchObject({
      channel: "C1",
      text: expect.stringContaining("38.61 USD"),
    });
    expect(respond).not.toHaveBeenCalled();
    const link = await deps.pipeline.store.getThread("slack:T1", "C1", "1700000000.000100");
    expect(link?.input.template).toBe("bedrock-api");
  });

  // Issue #12: the HTTP request was acknowledged already; private answers go through response_url.
  it("answers help privately through response_url, and posts nothing", async () => {
    const deps = await slackDeps();
    const { client, postMessage } = fakeClient();
    const { args, ack, respond } = commandArgs("help", client);
    await costCommand(deps)(args);
    expect(ack).toHaveBeenCalledWith();
    expect(respond).toHaveBeenCalledTimes(1);
    expect(respond.mock.calls[0]![0]).toMatchObject({ response_type: "ephemeral", text: expect.any(String) });
    expect(postMessage).not.toHaveBeenCalled();
  });

  it("a retried delivery (same trigger id) is acknowledged and does nothing else", async () => {
    const deps = await slackDeps();
    const { client, postMessage } = fakeClient();
    await costCommand(deps)(commandArgs("bedrock-api", client, "same").args);
    const again = commandArgs("bedrock-api", client, "same");
    await costCommand(deps)(again.args);
    expect(again.ack).toHaveBeenCalledWith();
    expect(postMessage).toHaveBeenCalledTimes(1);
  });

  it("where the bot is not a member, answers through response_url with the invite note and links nothing", async () => {
    const deps = await slackDeps();
    const { client, postMessage } = fakeClient();
    postMessage.mockRejectedValueOnce(platformError("not_in_channel"));
    const { args, respond } = commandArgs("bedrock-api", client);
    await costCommand(deps)(args);
    expect(respond).toHaveBeenCalledTimes(1);
    const message = respond.mock.calls[0]![0] as {
      response_type: string;
      blocks: { elements?: { text: string }[] }[];
    };
    expect(message.response_type).toBe("in_channel");
    expect(JSON.stringify(message.blocks)).toContain(JSON.stringify(INVITE_NOTE).slice(1, 40));
  });

  it("a failure of ours becomes the one apology, through response_url, logged with its reference", async () => {
    const deps = await slackDeps();
    const failing = {
      ...deps,
      idempotency: {
        claim: () => Promise.reject(new Error("table down")),
        release: async () => {},
        complete: async () => {},
      },
    };
    const { client, postMessage } = fakeClient();
    const { args, respond } = commandArgs("bedrock-api", client);
    await costCommand(failing)(args);
    expect(postMessage).not.toHaveBeenCalled();
    expect(respond).toHaveBeenCalledTimes(1);
    const text = (respond.mock.calls[0]![0] as { text: string }).text;
    const reference = /^Sorry, something went wrong on our side \(reference ([0-9a-f]{8})\)/.exec(text)?.[1];
    expect(reference).toBeDefined();
    expect(deps.pipeline.log.errors).toEqual([
      expect.objectContaining({ message: "slash command failed", reference }),
    ]);
  });
});
