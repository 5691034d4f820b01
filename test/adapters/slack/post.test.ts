import { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { renderBlockKit } from "../../../src/adapters/render/block-kit.ts";
import { postMessage } from "../../../src/adapters/slack/post.ts";
import { type Deps, handleText } from "../../../src/app/pipeline.ts";
import { builtInCatalog } from "../../../src/core/catalog/index.ts";
import { FakeSlack } from "../../fixtures/slack/fake-slack.ts";
import { blockKitViolations } from "../../fixtures/slack/limits.ts";

const slack = new FakeSlack();
beforeAll(() => slack.start());
afterAll(() => slack.stop());
beforeEach(() => slack.reset());

const deps: Deps = {
  catalog: builtInCatalog(),
  store: {} as Deps["store"],
  clock: { now: () => new Date(0) },
  log: { info() {}, error() {} },
};
const estimate = async () =>
  renderBlockKit(
    await handleText("voice-agent users=1000", { tenant: "slack:T1", user: "U1", surface: "slack" }, deps),
  );
const client = () => new WebClient("xoxb-test", { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
const blockTypes = (body: Record<string, unknown>) => (body.blocks as { type: string }[]).map((b) => b.type);

describe("postMessage", () => {
  it("posts an estimate with its chart where Slack has the block", async () => {
    const ts = await postMessage(client(), { channel: "C1" }, await estimate());
    const posts = slack.callsTo("chat.postMessage");
    expect(posts).toHaveLength(1);
    expect(ts).toBe(posts[0]?.answer.ts);
    expect(blockTypes(posts[0]!.body)).toContain("data_visualization");
  });

  it("posts once more without the chart when Slack refuses it as invalid_blocks, text bars and text kept", async () => {
    slack.refuseBlockTypes("data_visualization");
    const message = await estimate();
    const ts = await postMessage(client(), { channel: "C1", thread: "1.2" }, message);
    const [refused, retried, ...more] = slack.callsTo("chat.postMessage");
    expect(more).toEqual([]);
    expect(refused?.answer).toMatchObject({ ok: false, error: "invalid_blocks" });
    expect(retried?.answer.ok).toBe(true);
    expect(ts).toBe(retried?.answer.ts);
    expect(retried?.body).toMatchObject({ channel: "C1", thread_ts: "1.2", text: message.text });
    expect(blockTypes(retried!.body)).not.toContain("data_visualization");
    expect(JSON.stringify(retried!.body.blocks)).toContain("█");
    expect(blockKitViolations(retried!.body)).toEqual([]);
  });

  it("posts again only once: a retry Slack also refuses is the error", async () => {
    slack.refuseBlockTypes("table");
    await expect(postMessage(client(), { channel: "C1" }, await estimate())).rejects.toThrow(
      /invalid_blocks/,
    );
    // The first post (with chart and table) and the retry (table still there) are both refused: two, not more.
    expect(slack.callsTo("chat.postMessage")).toHaveLength(2);
  });
});
