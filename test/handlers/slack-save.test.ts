import { describe, expect, it } from "vitest";
import { useSlackLambda } from "../fixtures/slack/harness.ts";
import {
  eventCallback,
  saveButtonClick,
  saveSubmission,
  slashCommand,
  threadReply,
} from "../fixtures/slack/requests.ts";

const lambda = useSlackLambda();
const { slack } = lambda;
const TEAM = "T0ACME";

type Json = Record<string, unknown>;

/** `/cost <text>`; returns the posted estimate's ts and its Save button's value. */
async function estimate(channel: string, text: string) {
  await lambda.send(
    slashCommand({
      team: TEAM,
      channel,
      text,
      trigger: lambda.id("t"),
      responseUrl: slack.responseUrl(lambda.id("r")),
    }),
  );
  const post = slack.callsTo("chat.postMessage").at(-1) ?? slack.callsTo("response_url").at(-1)!;
  const actions = (post.body.blocks as Json[]).find((b) => b.type === "actions") as {
    elements: { value?: string }[];
  };
  slack.clearCalls();
  return { ts: String(post.answer.ts ?? ""), value: actions.elements[0]?.value };
}

/** Clicks "Save scenario" and returns the modal the bot opened. */
async function clickSave(channel: string, messageTs: string, value: string | undefined) {
  const trigger = lambda.id("trigger-");
  const response = await lambda.send(
    saveButtonClick({ team: TEAM, channel, messageTs, value, trigger, responseUrl: slack.responseUrl("x") }),
  );
  expect(response.statusCode).toBe(200);
  const [open] = slack.callsTo("views.open");
  expect(open?.body.trigger_id).toBe(trigger);
  slack.clearCalls();
  return open!.body.view as Json;
}

const submit = (opened: Json, name: string, trigger = lambda.id("trigger-")) =>
  lambda.send(saveSubmission({ team: TEAM, opened, name, trigger }));

describe("Save scenario (button → modal → submission)", () => {
  it("opens a modal asking for a name, remembering the estimate's thread", async () => {
    const { ts, value } = await estimate("C0SAVE", "voice-agent users=2000");
    const view = await clickSave("C0SAVE", ts, value);
    expect(view).toMatchObject({
      type: "modal",
      callback_id: "save_scenario_modal",
      submit: { text: "Save" },
    });
    expect(JSON.parse(String(view.private_metadata))).toMatchObject({ channel: "C0SAVE", thread: ts });
  });

  it("saves the scenario under the team, closes the modal and confirms in the thread", async () => {
    const { ts, value } = await estimate("C0SAVE", "voice-agent users=2000");
    const response = await submit(await clickSave("C0SAVE", ts, value), "launch-q3");
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe("");
    const saved = await lambda.store().getScenario(`slack:${TEAM}`, "launch-q3");
    expect(saved).toMatchObject({
      name: "launch-q3",
      createdBy: "U0ALICE",
      version: 1,
      input: { template: "voice-agent", written: { users: "2000" } },
    });
    const [confirmation] = slack.callsTo("chat.postMessage");
    expect(confirmation?.body).toMatchObject({ channel: "C0SAVE", thread_ts: ts });
    expect(confirmation?.body.text).toMatch(/^Saved `launch-q3`: voice-agent: /);
    expect(await lambda.store().getScenario("slack:T0OTHER", "launch-q3")).toBeUndefined();
  });

  it("saves the thread's latest scenario, what-ifs included", async () => {
    const { ts, value } = await estimate("C0LATEST", "bedrock-api");
    await lambda.send(
      eventCallback(
        TEAM,
        lambda.id("Ev"),
        threadReply({ channel: "C0LATEST", thread: ts, ts: "1700009999.000100", text: "what if devs=20" }),
      ),
    );
    await submit(await clickSave("C0LATEST", ts, value), "after-whatif");
    const saved = await lambda.store().getScenario(`slack:${TEAM}`, "after-whatif");
    expect(saved?.input.written).toEqual({ devs: "20" });
    expect(saved?.estimate.total).toBe("76.21");
  });

  it("keeps the modal open with the reason when the name is taken, and writes nothing", async () => {
    const { ts, value } = await estimate("C0TAKEN", "image-gen");
    const view = await clickSave("C0TAKEN", ts, value);
    await submit(view, "taken");
    slack.clearCalls();
    const items = await lambda.items();
    const response = await submit(view, "taken");
    expect(JSON.parse(response.body)).toEqual({
      response_action: "errors",
      errors: { scenario_name: "a scenario named `taken` already exists" },
    });
    expect(slack.calls).toEqual([]);
    const written = (await lambda.items()).filter((i) => !String(i.pk).startsWith("IDEMP#"));
    expect(written).toEqual(items.filter((i) => !String(i.pk).startsWith("IDEMP#")));
  });

  it("refuses a name with spaces under the field", async () => {
    const { ts, value } = await estimate("C0SPACES", "image-gen");
    const response = await submit(await clickSave("C0SPACES", ts, value), "q3 launch");
    expect(JSON.parse(response.body)).toMatchObject({ response_action: "errors" });
    expect(await lambda.store().listScenarios(`slack:${TEAM}`)).not.toContainEqual(
      expect.objectContaining({ name: "q3" }),
    );
  });

  it("handles a re-delivered submission (same trigger_id) once: one save, one confirmation", async () => {
    const { ts, value } = await estimate("C0ONCE", "gpu-platform");
    const view = await clickSave("C0ONCE", ts, value);
    await submit(view, "once", "trigger-once");
    const items = await lambda.items();
    const again = await submit(view, "once", "trigger-once");
    expect(again.statusCode).toBe(200);
    expect(again.body).toBe("");
    expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
    expect(await lambda.items()).toEqual(items);
  });

  it("saves from the button's own scenario where the estimate came through response_url (no thread link)", async () => {
    slack.failPostsTo("G0PRIVATE", "not_in_channel");
    const { value } = await estimate("G0PRIVATE", "voice-coach users=500 currency=TWD");
    const response = await submit(await clickSave("G0PRIVATE", "1700000555.000100", value), "private-plan");
    expect(response.body).toBe("");
    const saved = await lambda.store().getScenario(`slack:${TEAM}`, "private-plan");
    expect(saved?.input).toEqual({ template: "voice-coach", written: { users: "500" }, currency: "TWD" });
    // The bot cannot post in that channel, so the confirmation goes to the saver's DM.
    expect(slack.callsTo("chat.postMessage").map((c) => c.body.channel)).toEqual(["G0PRIVATE", "U0ALICE"]);
  });
});
