import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_ID, cardOf, startTeamsHarness, TENANT_A, type TeamsHarness } from "../fixtures/teams/harness.ts";

let h: TeamsHarness;
beforeAll(async () => {
  h = await startTeamsHarness();
});
afterAll(async () => h?.close());

// biome-ignore lint/suspicious/noExplicitAny: cards are JSON the tests walk
type Json = any;
/** Every element of a card, depth first, fallbacks included. */
function elements(node: Json): Json[] {
  if (Array.isArray(node)) return node.flatMap(elements);
  if (!node || typeof node !== "object") return [];
  const own = typeof node.type === "string" ? [node] : [];
  return [...own, ...Object.values(node).flatMap(elements)];
}
const texts = (card: Json) =>
  elements(card)
    .filter((e) => e.type === "TextBlock")
    .map((e) => e.text as string);

describe("teams cards: charts, fallbacks, summary", () => {
  it("an estimate's card draws a Chart.HorizontalBar of the shares, with the text bars as its fallback", async () => {
    await h.send(h.activity("channel-mention"));
    const post = h.connector.posted.at(-1)!;
    const { card } = cardOf(post.activity);
    const [chart, ...more] = elements(card.body).filter((e) => String(e.type).startsWith("Chart."));
    expect(more).toEqual([]);
    expect(chart.type).toBe("Chart.HorizontalBar");
    // The biggest line first; The seed check (README, Workload templates) at users=1000: LLM 24,192.00 of 55,038.32 = 43.954… → 44.0 %.
    expect(chart.data[0]).toEqual({ x: "LLM (nova-pro)", y: 44 });
    expect(chart.fallback.type).toBe("Container");
    expect(texts(chart.fallback)[0]).toMatch(/^█+[^ ]*\u00a0+44\.0 %\u00a0\u00a0LLM \(nova-pro\)$/);
    // Every Table carries a fallback (Teams mobile renders some tables blank).
    const tables = elements(card.body).filter((e) => e.type === "Table");
    expect(tables.length).toBeGreaterThan(0);
    for (const t of tables) expect(t.fallback?.type).toBe("Container");
  });

  it("puts the whole summary in activity.summary and only a short text beside the card", () => {
    const post = h.connector.posted.at(-1)!;
    expect(post.activity.summary).toMatch(
      /^voice-agent: 55,038\.32 USD \/ month \(top: LLM \(nova-pro\) 44\.0 %/,
    );
    expect(post.activity.text).toBe("voice-agent: 55,038.32 USD / month");
  });

  it("Save is an Action.Execute; its invoke answers with a card that replaces the estimate: saved, no Save button", async () => {
    const { card } = cardOf(h.connector.posted.at(-1)!.activity);
    const [save] = elements(card.body).filter((e) => e.type === "Action.Execute");
    expect(save).toMatchObject({ verb: "saveScenario", data: { action: "save_scenario" } });
    expect(elements(card.body).filter((e) => e.type === "Action.Submit")).toEqual([]);

    const before = h.connector.posted.length;
    const response = await h.send(h.activity("card-save-execute"));
    expect(response.statusCode).toBe(200);
    const answer = JSON.parse(response.body);
    expect(answer).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.card.adaptive" });
    const replaced = answer.value;
    expect(replaced.type).toBe("AdaptiveCard");
    expect(replaced.body[0].text).toBe("voice-agent: 55,038.32 USD / month");
    expect(texts(replaced).some((t) => /^Saved as va-prod by /.test(t))).toBe(true);
    expect(elements(replaced).filter((e) => /^Action\.|^Input\./.test(e.type))).toEqual([]);
    // The answer is the invoke's response: nothing else is posted.
    expect(h.connector.posted.length).toBe(before);
    const saved = await h.store.getScenario(`teams:${TENANT_A}`, "va-prod");
    expect(saved?.estimate.total).toBe("55038.32");
  });

  it("a Save that fails (the name is taken) leaves the card and says why in a message", async () => {
    const response = await h.send(h.activity("card-save-execute", TENANT_A, { id: "f:1732300000301" }));
    const answer = JSON.parse(response.body);
    expect(answer.type).toBe("application/vnd.microsoft.activity.message");
    expect(answer.value).toMatch(/va-prod/);
  });
});

describe("teams install: a welcome once per conversation", () => {
  const welcomes = (conversation: string) =>
    h.connector.posted.filter(
      (p) => p.conversationId === conversation && cardOf(p.activity).heading === "Hello, I'm costbot",
    );

  it("added to a team: one welcome with three example commands; the same event again adds none", async () => {
    const team = "19:finops-team@thread.tacv2";
    await h.send(h.activity("bot-added-to-team"));
    await h.send(h.activity("bot-added-to-team", TENANT_A, { id: "f:1732299999998" }));
    const [welcome, ...again] = welcomes(team);
    expect(again).toEqual([]);
    const examples = texts(cardOf(welcome!.activity).card).filter((t) => t.startsWith("• @costbot "));
    expect(examples).toHaveLength(3);
    expect(await h.store.getConversationReference(`teams:${TENANT_A}`, team)).toBeDefined();
  });

  it("a person joining a team the bot is in gets no welcome", async () => {
    const team = "19:other-team@thread.tacv2";
    await h.send(
      h.activity("bot-added-to-team", TENANT_A, {
        id: "f:1732299999997",
        conversation: { isGroup: true, conversationType: "channel", tenantId: TENANT_A, id: team },
        membersAdded: [{ id: "29:1new-colleague" }],
      }),
    );
    expect(welcomes(team)).toEqual([]);
  });

  it("added to a group chat and to a personal chat: a welcome in each (no mention needed in the personal one)", async () => {
    const group = "19:group-chat-of-three@thread.v2";
    const personal = "a:1personal-chat-between-ada-and-costbot";
    for (const [id, conversationType] of [
      [group, "groupChat"],
      [personal, "personal"],
    ] as const)
      await h.send(
        h.activity("bot-added-to-team", TENANT_A, {
          id: `f:${id}`,
          conversation: {
            isGroup: conversationType === "groupChat",
            conversationType,
            tenantId: TENANT_A,
            id,
          },
          channelData: { tenant: { id: TENANT_A } },
          membersAdded: [{ id: `28:${APP_ID}` }],
        }),
      );
    expect(welcomes(group)).toHaveLength(1);
    expect(welcomes(personal)).toHaveLength(1);
    expect(texts(cardOf(welcomes(personal)[0]!.activity).card)).toContain(
      "• voice-agent users=1000: a monthly estimate with its cost drivers",
    );
  });
});
