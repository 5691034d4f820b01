import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardOf, startTeamsHarness, TENANT_A, type TeamsHarness } from "../fixtures/teams/harness.ts";

const ADA = {
  id: "29:1ada-lovelace-teams-user-id",
  name: "Ada Lovelace",
  aadObjectId: "6f1c1e0a-1111-4a5e-9d3f-0a0a0a0a0a01",
};
const BOB = { id: "29:1bob-teams-user-id", name: "Bob", aadObjectId: "6f1c1e0a-2222-4a5e-9d3f-0a0a0a0a0a02" };

let h: TeamsHarness;
beforeAll(async () => {
  h = await startTeamsHarness();
});
afterAll(async () => h?.close());

let ids = 1732300009000;
const say = (text: string, from: typeof ADA) =>
  h.send(
    h.activity("channel-mention", TENANT_A, { id: String(++ids), from, text: `<at>costbot</at> ${text}` }),
  );

// biome-ignore lint/suspicious/noExplicitAny: cards are JSON the test inspects
const submitActions = (card: any): any[] =>
  // biome-ignore lint/suspicious/noExplicitAny: as above
  card.body.filter((e: any) => e.type === "ActionSet").flatMap((e: any) => e.actions);

describe("teams: deleting someone else's scenario (JWT-signed activities into the built function)", () => {
  it("the card names the saver and its Delete button, submitted by the deleter, deletes", async () => {
    await say("save team-plan bedrock-api", ADA);
    const tenant = `teams:${TENANT_A}`;
    expect(await h.store.getScenario(tenant, "team-plan")).toMatchObject({ createdBy: ADA.aadObjectId });

    const before = h.connector.posted.length;
    expect((await say("delete team-plan", BOB)).statusCode).toBe(200);
    const question = h.connector.posted[before]!.activity;
    expect(question.text).toMatch(
      new RegExp(
        `^\`?team-plan\`? was saved by ${ADA.name} on \\d{4}-\\d\\d-\\d\\d, not by you\\. Delete it anyway\\?$`,
      ),
    );
    const [button] = submitActions(cardOf(question).card);
    expect(button).toMatchObject({ type: "Action.Submit", title: "Delete team-plan", style: "destructive" });
    expect(button.data).toEqual({
      action: "confirm_delete",
      name: "team-plan",
      confirm: expect.stringMatching(/^\d{17}-1$/),
    });
    expect(await h.store.getScenario(tenant, "team-plan")).toBeDefined();

    // Teams posts the button's data back as the value of a message activity from whoever clicked.
    const click = h.activity("channel-reply", TENANT_A, {
      id: String(++ids),
      from: BOB,
      text: undefined,
      entities: [],
      value: button.data,
    });
    expect((await h.send(click)).statusCode).toBe(200);
    expect(h.connector.posted.at(-1)!.activity.text).toMatch(
      new RegExp(`^Deleted \`?team-plan\`? \\(saved by ${ADA.name} on \\d{4}-\\d\\d-\\d\\d\\)\\.$`),
    );
    expect(await h.store.getScenario(tenant, "team-plan")).toBeUndefined();
  });

  it("the saver deletes at once, and a submitted card with a wrong token deletes nothing", async () => {
    await say("save ada-own bedrock-api", ADA);
    await say("save ada-kept bedrock-api", ADA);
    const forged = h.activity("channel-reply", TENANT_A, {
      id: String(++ids),
      from: BOB,
      text: undefined,
      entities: [],
      value: { action: "confirm_delete", name: "ada-kept", confirm: "20000101000000000-1" },
    });
    await h.send(forged);
    expect(h.connector.posted.at(-1)!.activity.text).toMatch(/Delete it anyway\?$/);
    expect(await h.store.getScenario(`teams:${TENANT_A}`, "ada-kept")).toBeDefined();
    await say("delete ada-own", ADA);
    expect(h.connector.posted.at(-1)!.activity.text).toMatch(/^Deleted `?ada-own`?\.$/);
  });
});
