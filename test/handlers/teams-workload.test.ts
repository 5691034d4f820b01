import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cardOf,
  startTeamsHarness,
  TENANT_A,
  TENANT_B,
  type TeamsHarness,
} from "../fixtures/teams/harness.ts";

const TINY = readFileSync("test/fixtures/workloads/tiny-bot.yml", "utf8");

let h: TeamsHarness;
beforeAll(async () => {
  h = await startTeamsHarness();
});
afterAll(async () => h?.close());

let ids = 1732300500000;
const say = (tenant: string, text: string) =>
  h.send(h.activity("channel-mention", tenant, { id: String(++ids), text }));
const lastText = () => h.connector.posted.at(-1)!.activity.text as string;

describe("a team's own workload through the built Teams handler", () => {
  it("`@costbot workload add` with a code block stores it for this tenant; it then prices like a built-in", async () => {
    const response = await say(TENANT_A, `<at>costbot</at> workload add\n\`\`\`yaml\n${TINY}\`\`\`\n`);
    expect(response.statusCode).toBe(200);
    // At its defaults: 30,000 requests × 0.20 USD / 1M = 0.006 → 0.01, plus 10.00 on call.
    expect(lastText()).toMatch(/^Added workload tiny-bot \(version 1\): tiny-bot: 10\.01 USD \/ month/);
    expect((await h.store.getWorkload(`teams:${TENANT_A}`, "tiny-bot"))?.source).toBe(TINY);

    await say(TENANT_A, "<at>costbot</at> tiny-bot users=100000");
    // 100,000 users × 30 = 3,000,000 requests × 0.20 / 1M = 0.60, plus 10.00.
    expect(cardOf(h.connector.posted.at(-1)!.activity).heading).toBe("tiny-bot: 10.60 USD / month");

    await say(TENANT_A, "<at>costbot</at> workload show tiny-bot");
    // The model comes back exactly as written, in a monospace run Markdown never touches.
    const card = cardOf(h.connector.posted.at(-1)!.activity).card;
    expect(JSON.stringify(card)).toContain(JSON.stringify(TINY.replace(/\n$/, "")).slice(1, -1));
  });

  it("another tenant sees none of it", async () => {
    await say(TENANT_B, "<at>costbot</at> tiny-bot users=100000");
    expect(lastText()).toMatch(/^unknown template or command `tiny-bot`/);
    await say(TENANT_B, "<at>costbot</at> workload list");
    expect(lastText()).toMatch(/^No workloads of your own yet/);
    expect(await h.store.getWorkload(`teams:${TENANT_B}`, "tiny-bot")).toBeUndefined();
  });
});
