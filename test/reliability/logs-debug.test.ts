import { afterAll, describe, expect, it } from "vitest";
import { useSlackLambda } from "../fixtures/slack/harness.ts";
import { saveButtonClick, slashCommand } from "../fixtures/slack/requests.ts";
import { captureConsole } from "./figures.ts";

/**
 * Issue 16 item 9: at LOG_LEVEL=debug Bolt logs whole events, headers and raw bodies included.
 * The built slack function's logger redacts response URLs, signatures and tokens whatever the
 * level. Set before the harness imports the bundle (its cold start reads LOG_LEVEL).
 */
process.env.LOG_LEVEL = "debug";
const lambda = useSlackLambda();
const { slack } = lambda;
afterAll(() => {
  delete process.env.LOG_LEVEL;
});

describe("logs at LOG_LEVEL=debug", () => {
  it("Bolt's debug lines about a slash command and a button click carry no response_url, signature or token", async () => {
    const commandUrl = slack.responseUrl("debug-command-7f3a");
    const clickUrl = slack.responseUrl("debug-click-9b2c");
    const command = slashCommand({
      team: "T0DEBUG",
      channel: "C0DEBUG",
      text: "bedrock-api",
      trigger: "debug-1",
      responseUrl: commandUrl,
    });
    const click = saveButtonClick({
      team: "T0DEBUG",
      channel: "C0DEBUG",
      messageTs: "1700000000.000100",
      trigger: "debug-2",
      responseUrl: clickUrl,
    });
    const signatures = [command, click].map((e) => String(e.headers["x-slack-signature"]));
    const { lines } = await captureConsole(async () => {
      expect((await lambda.send(command)).statusCode).toBe(200);
      await lambda.send(click);
    });
    // Bolt did log at debug (otherwise this proves nothing), and each line is still JSON.
    const parsed = lines.map((l) => JSON.parse(l) as { level: string; source?: string });
    expect(parsed.filter((l) => l.level === "debug").length).toBeGreaterThan(0);
    const all = lines.join("\n");
    // Since issue #12 the worker's Bolt app gets the request without Slack's headers, so its debug
    // lines may carry nothing to redact at all; test/adapters/log.test.ts covers the redaction itself.
    for (const secret of [
      "debug-command-7f3a",
      "debug-click-9b2c",
      encodeURIComponent(commandUrl),
      ...signatures,
      signatures[0]!.slice(3),
      "xoxb-fake-test",
    ])
      expect(all).not.toContain(secret);
  });
});
