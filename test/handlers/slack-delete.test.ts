import { describe, expect, it } from "vitest";
import { useSlackLambda } from "../fixtures/slack/harness.ts";
import { confirmDeleteClick, slashCommand } from "../fixtures/slack/requests.ts";

const lambda = useSlackLambda();
const { slack } = lambda;
const TEAM = "T0DELETE";
const CHANNEL = "C0DELETE";
// A click names no installation: the tenant is the bot token's, as auth.test says.
slack.installation = { team_id: TEAM, team: "Acme" };

type Json = Record<string, unknown>;

const cost = (text: string, user: string) =>
  lambda.send(
    slashCommand({
      team: TEAM,
      channel: CHANNEL,
      user,
      text,
      trigger: lambda.id("t"),
      responseUrl: slack.responseUrl(lambda.id("r")),
    }),
  );

describe("deleting someone else's scenario (signed slash command, then the signed button click)", () => {
  it("asks the deleter privately, naming the saver; the Delete button deletes and tells the channel", async () => {
    await cost("save plan bedrock-api", "U0ALICE");
    expect(await lambda.store().getScenario(`slack:${TEAM}`, "plan")).toMatchObject({ createdBy: "U0ALICE" });
    slack.clearCalls();

    const asked = await cost("delete plan", "U0BOB");
    expect(asked.statusCode).toBe(200);
    // Issue #12: an empty acknowledgement; the private question comes through response_url.
    expect(asked.body).toBe("");
    const question = slack.callsTo("response_url").at(-1)!.body as Json;
    expect(question.response_type).toBe("ephemeral");
    expect(String(question.text)).toMatch(
      /^`plan` was saved by U0ALICE on \d{4}-\d\d-\d\d, not by you\. Delete it anyway\?$/,
    );
    const button = (question.blocks as Json[])
      .filter((b) => b.type === "actions")
      .flatMap((b) => b.elements as Json[])[0]!;
    expect(button).toMatchObject({ action_id: "confirm_delete", style: "danger" });
    expect(await lambda.store().getScenario(`slack:${TEAM}`, "plan")).toBeDefined();

    const respondTo = lambda.id("click");
    const clicked = await lambda.send(
      confirmDeleteClick({
        team: TEAM,
        channel: CHANNEL,
        user: "U0BOB",
        value: String(button.value),
        trigger: lambda.id("trigger-"),
        responseUrl: slack.responseUrl(respondTo),
      }),
    );
    expect(clicked.statusCode).toBe(200);
    expect(await lambda.store().getScenario(`slack:${TEAM}`, "plan")).toBeUndefined();
    const [, told, removed] = slack.callsTo("response_url").map((c) => c.body);
    expect(told).toMatchObject({ response_type: "in_channel", replace_original: false });
    expect(String(told?.text)).toMatch(/^Deleted `plan` \(saved by U0ALICE on \d{4}-\d\d-\d\d\)\.$/);
    expect(removed).toEqual({ delete_original: true });
  });

  it("a forged button value is at most a command its sender could type: a wrong token deletes nothing", async () => {
    await cost("save keep bedrock-api", "U0ALICE");
    slack.clearCalls();
    for (const value of [
      JSON.stringify({ name: "keep", confirm: "20000101000000000-1" }),
      JSON.stringify({ name: "keep x", confirm: "1" }),
      "not json",
    ]) {
      const response = await lambda.send(
        confirmDeleteClick({
          team: TEAM,
          channel: CHANNEL,
          user: "U0MALLORY",
          value,
          trigger: lambda.id("trigger-"),
          responseUrl: slack.responseUrl(lambda.id("forged")),
        }),
      );
      expect(response.statusCode).toBe(200);
    }
    expect(await lambda.store().getScenario(`slack:${TEAM}`, "keep")).toBeDefined();
    // The stale token got the question again, privately; the malformed values got nothing.
    const answers = slack.callsTo("response_url").map((c) => c.body);
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ response_type: "ephemeral", replace_original: true });
    expect(String(answers[0]?.text)).toMatch(/^`keep` was saved by U0ALICE/);
  });
});
