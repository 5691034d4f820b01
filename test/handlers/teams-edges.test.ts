import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { cardOf, startTeamsHarness, TENANT_A, type TeamsHarness } from "../fixtures/teams/harness.ts";

/** Issue 20, chat edges on Teams, through the built handler with signed Bot Framework tokens. */
let h: TeamsHarness;
beforeAll(async () => {
  h = await startTeamsHarness();
});
afterAll(async () => h?.close());

// biome-ignore lint/suspicious/noExplicitAny: cards and activities are JSON the tests walk and edit
type Json = any;
const texts = (node: Json): string[] => {
  if (Array.isArray(node)) return node.flatMap(texts);
  if (!node || typeof node !== "object") return [];
  return [...(node.type === "TextBlock" ? [node.text as string] : []), ...Object.values(node).flatMap(texts)];
};

describe("the tenant of a Teams activity", () => {
  it("a 1:1 message with its tenant only in channelData.tenant.id is answered under that tenant", async () => {
    const activity: Json = h.activity("personal-message", TENANT_A, { id: "1:edge-1" });
    delete activity.conversation.tenantId;
    const posted = h.connector.posted.length;
    const response = await h.send(activity, h.token({ tid: TENANT_A }));
    expect(response.statusCode).toBe(200);
    const [answer] = h.connector.posted.slice(posted);
    expect(cardOf(answer!.activity).heading).toMatch(/^bedrock-api: /);
    expect(
      await h.store.getConversationReference(`teams:${TENANT_A}`, "a:1personal-chat-between-ada-and-costbot"),
    ).toBeDefined();
  });

  it("…but not when the token's tid is another tenant's", async () => {
    const activity: Json = h.activity("personal-message", TENANT_A, { id: "1:edge-2" });
    delete activity.conversation.tenantId;
    const response = await h.send(activity, h.token({ tid: "bbbbbbbb-0000-4000-8000-00000000000b" }));
    expect(response.statusCode).toBe(401);
  });

  it("an uppercase tenant GUID is the same tenant, and a case-only difference is not two tenants", async () => {
    const upper = TENANT_A.toUpperCase();
    const activity: Json = h.activity("personal-message", TENANT_A, {
      id: "1:edge-3",
      text: "save upper-case bedrock-api devs=3",
    });
    activity.conversation.tenantId = upper;
    const response = await h.send(activity);
    expect(response.statusCode).toBe(200);
    expect(await h.store.getScenario(`teams:${TENANT_A}`, "upper-case")).toBeDefined();
    expect(await h.store.getScenario(`teams:${upper}`, "upper-case")).toBeUndefined();
  });

  it("a 200 KB conversation.id is refused at the edge with 400 and one short log line; nothing written", async () => {
    const activity: Json = h.activity("personal-message", TENANT_A, { id: "1:edge-4" });
    activity.conversation.id = `a:${"x".repeat(200 * 1024)}`;
    const lines: string[] = [];
    const capture = (...args: unknown[]) => void lines.push(args.map(String).join(" "));
    const log = vi.spyOn(console, "log").mockImplementation(capture);
    const error = vi.spyOn(console, "error").mockImplementation(capture);
    const items = await h.itemCount();
    let response: Awaited<ReturnType<TeamsHarness["send"]>>;
    try {
      response = await h.send(activity);
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body).error).toBe("the conversation id is longer than 400 characters");
    expect(await h.itemCount()).toBe(items);
    const logged = lines.join("").split("\n").filter(Boolean);
    expect(logged.length).toBeGreaterThan(0);
    for (const line of logged) expect(line.length).toBeLessThan(1000);
  });
});

describe("Save (Action.Execute)", () => {
  it("a retried invoke (same activity id) answers with the same card, not 'already exists'; names the saver", async () => {
    await h.send(h.activity("channel-mention"));
    const invoke = () => h.activity("card-save-execute", TENANT_A, { id: "f:edge-save" });
    const first = JSON.parse((await h.send(invoke())).body);
    const again = JSON.parse((await h.send(invoke())).body);
    expect(first.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(again).toEqual(first);
    // The saver's name, from.name; the stored id is what matches.
    expect(texts(first.value).some((t) => /^Saved as va-prod by Grace Hopper on /.test(t))).toBe(true);
    const saved = await h.store.getScenario(`teams:${TENANT_A}`, "va-prod");
    expect(saved).toMatchObject({
      createdBy: "6f1c1e0a-2222-4a5e-9d3f-0a0a0a0a0a02",
      createdByName: "Grace Hopper",
    });
  });
});
