import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SlackNotifier } from "../../../src/adapters/slack/notifier.ts";
import { FakeSlack } from "../../fixtures/slack/fake-slack.ts";
import { blockKitViolations } from "../../fixtures/slack/limits.ts";

const slack = new FakeSlack();
beforeAll(() => slack.start());
afterAll(() => slack.stop());

describe("SlackNotifier", () => {
  it("posts a budget alert to the subscribed channel as Block Kit with a text fallback", async () => {
    const notifier = SlackNotifier.withToken("xoxb-alerts", slack.apiUrl);
    await notifier.post(
      "slack:T0ACME",
      { platform: "slack", channel: "C0FINOPS" },
      {
        kind: "budget",
        visibility: "channel",
        summary: "Budget ml-prod: actual 412.00 USD of 500.00 USD (82 %)",
        blocks: [
          { type: "heading", text: "Budget ml-prod crossed 75 %" },
          { type: "text", text: "Actual *412.00 USD* of 500.00 USD" },
        ],
        status: 0,
      },
    );
    const [post] = slack.callsTo("chat.postMessage");
    expect(post?.token).toBe("xoxb-alerts");
    expect(post?.body).toMatchObject({ channel: "C0FINOPS", text: expect.stringContaining("ml-prod") });
    expect(blockKitViolations(post!.body)).toEqual([]);
  });

  it("fails loudly when Slack refuses the post, so the alert can be retried", async () => {
    slack.failPostsTo("C0GONE", "channel_not_found");
    const notifier = SlackNotifier.withToken("xoxb-alerts", slack.apiUrl);
    await expect(
      notifier.post(
        "slack:T0ACME",
        { platform: "slack", channel: "C0GONE" },
        {
          kind: "budget",
          visibility: "channel",
          summary: "alert",
          blocks: [],
          status: 0,
        },
      ),
    ).rejects.toThrow(/channel_not_found/);
  });
});
