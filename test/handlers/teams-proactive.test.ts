import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Reply } from "../../src/app/reply.ts";
import { TEMPLATES } from "../../src/core/templates/index.ts";
import {
  cardOf,
  startTeamsHarness,
  TENANT_A,
  TENANT_B,
  type TeamsHarness,
} from "../fixtures/teams/harness.ts";

const CHANNEL = "19:finops-costs@thread.tacv2";
// Microsoft documents about 100 KB for a bot message; costbot holds itself to 80 KB.
const TEAMS_LIMIT_BYTES = 80 * 1024;

const alert: Reply = {
  kind: "budget",
  visibility: "channel",
  summary: "Budget ml-prod: 812.40 USD actual of 1,000.00 USD (crossed 80 %)",
  blocks: [
    { type: "heading", text: "Budget ml-prod crossed 80 %" },
    { type: "text", text: "Actual 812.40 USD of 1,000.00 USD; the scenario predicted 790.00 USD." },
  ],
  status: 0,
};

let h: TeamsHarness;
beforeAll(async () => {
  h = await startTeamsHarness();
  // The channel talks to the bot once, which leaves its conversation reference.
  expect((await h.send(h.activity("channel-mention"))).statusCode).toBe(200);
});
afterAll(async () => h?.close());

describe("TeamsNotifier: budget alerts posted proactively", () => {
  it("continues the stored conversation: a new post in the channel (no reply chain), with the bot's outbound token", async () => {
    const before = h.connector.posted.length;
    await h.teams.notifier.post(`teams:${TENANT_A}`, { platform: "teams", channel: CHANNEL }, alert);
    const post = h.connector.posted[before]!;
    expect(post.conversationId).toBe(CHANNEL);
    expect(post.replyTo).toBeUndefined();
    expect(post.activity.replyToId).toBeUndefined();
    expect(post.authorization).toBe(`Bearer ${h.identity.outboundToken}`);
    expect(post.activity.text).toBe(alert.summary);
    expect(cardOf(post.activity).heading).toBe("Budget ml-prod crossed 80 %");
  });

  it("refuses a channel the bot never heard from, naming it", async () => {
    await expect(
      h.teams.notifier.post(
        `teams:${TENANT_A}`,
        { platform: "teams", channel: "19:never@thread.tacv2" },
        alert,
      ),
    ).rejects.toThrow(/19:never@thread\.tacv2/);
  });

  it("never uses another tenant's conversation reference", async () => {
    const before = h.connector.posted.length;
    await expect(
      h.teams.notifier.post(`teams:${TENANT_B}`, { platform: "teams", channel: CHANNEL }, alert),
    ).rejects.toThrow(/no Teams conversation reference/);
    expect(h.connector.posted.length).toBe(before);
  });
});

describe("teams handler: every estimate fits in one Teams message", () => {
  it.each(TEMPLATES.flatMap((t) => [`${t.name}`, `${t.name} detail=full`]))(
    "@costbot %s → a card of version 1.5 within 80 KB as Teams counts it (UTF-16)",
    async (command) => {
      const before = h.connector.posted.length;
      const id = `17323${String(before).padStart(8, "0")}`;
      await h.send(h.activity("channel-mention", TENANT_A, { id, text: `<at>costbot</at> ${command}` }));
      const post = h.connector.posted[before]!;
      expect(cardOf(post.activity).card.version).toBe("1.5");
      expect(cardOf(post.activity).heading).toMatch(/USD \/ month$/);
      expect(post.utf16Bytes).toBeLessThanOrEqual(TEAMS_LIMIT_BYTES);
    },
  );
});
