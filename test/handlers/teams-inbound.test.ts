import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cardOf,
  startTeamsHarness,
  TENANT_A,
  TENANT_B,
  type TeamsHarness,
} from "../fixtures/teams/harness.ts";

/**
 * Issue 16 item 2: the built teams function believes the activity body only as far as the
 * token vouches for it. Tokens are signed by the test key server, so the SDK accepts them all;
 * what is refused here is refused by costbot's own inbound check.
 */
const TENANT_C = "cccccccc-0000-4000-8000-00000000000c";
const CHANNEL = "19:finops-costs@thread.tacv2";

// Read at the bundle's cold start (the harness imports it after this).
process.env.TEAMS_ALLOWED_TENANTS = `${TENANT_A},${TENANT_B}`;

let h: TeamsHarness;
beforeAll(async () => {
  h = await startTeamsHarness();
});
afterAll(async () => {
  delete process.env.TEAMS_ALLOWED_TENANTS;
  await h?.close();
});

const storedReference = async (tenant: string) =>
  (await h.store.getConversationReference(`teams:${tenant}`, CHANNEL))?.reference;

describe("teams inbound: what the token must vouch for", () => {
  const refused = async (status: number, activity: unknown, bearer = h.token()) => {
    const posted = h.connector.posted.length;
    const items = await h.itemCount();
    const response = await h.send(activity, bearer);
    expect(response.statusCode).toBe(status);
    expect(h.connector.posted.length).toBe(posted);
    expect(await h.itemCount()).toBe(items);
    return JSON.parse(response.body).error as string;
  };

  it("a correctly signed token without a serviceurl claim → 401", async () => {
    expect(await refused(401, h.activity("channel-mention"), h.token({ serviceurl: undefined }))).toMatch(
      /no serviceurl claim/,
    );
  });

  it("a serviceUrl on the token's host but another port → 400 (the SDK compares host names only)", async () => {
    const shifted = new URL(h.connector.url);
    shifted.port = String(Number(shifted.port) + 1);
    const activity = h.activity("channel-mention", TENANT_A, { serviceUrl: shifted.href });
    expect(await refused(400, activity)).toMatch(/not the token's/);
  });

  it("a webchat activity → 400: only channelId msteams", async () => {
    expect(await refused(400, h.activity("channel-mention", TENANT_A, { channelId: "webchat" }))).toMatch(
      /only Microsoft Teams/,
    );
  });

  it("a tenant id that is not a GUID (x#y) → 400", async () => {
    expect(await refused(400, h.activity("channel-mention", "x#y"))).toMatch(/not a GUID/);
  });

  it("a token whose tid is another tenant → 401", async () => {
    const activity = h.activity("channel-mention", TENANT_A);
    expect(await refused(401, activity, h.token({ tid: TENANT_B }))).toMatch(/another tenant/);
  });

  it("a tenant outside TEAMS_ALLOWED_TENANTS → 403", async () => {
    expect(await refused(403, h.activity("channel-mention", TENANT_C))).toMatch(/may not use the bot/);
  });

  it("channelData.tenant.id of another tenant cannot overwrite that tenant's conversation reference", async () => {
    // Tenant B's channel talks to the bot: its reference is stored.
    expect((await h.send(h.activity("channel-mention", TENANT_B))).statusCode).toBe(200);
    const victim = await storedReference(TENANT_B);
    expect(victim).toMatchObject({ serviceUrl: h.connector.url });
    // Both tenant fields set, and different: refused.
    const mixed = h.activity("channel-mention", TENANT_A, {
      id: "1732300000777",
      channelData: { tenant: { id: TENANT_B } },
    });
    expect(await refused(400, mixed)).toMatch(/two tenants/);
    // Only channelData names tenant B, and the token does not (issue 20: believed only with a matching tid).
    const base = h.activity("channel-mention", TENANT_B, { id: "1732300000778" });
    const { tenantId: _, ...conversation } = base.conversation as Record<string, unknown>;
    expect(await refused(401, { ...base, conversation })).toMatch(/does not vouch for the activity's tenant/);
    expect(await refused(401, { ...base, conversation }, h.token({ tid: TENANT_A }))).toMatch(
      /another tenant/,
    );
    expect(await storedReference(TENANT_B)).toEqual(victim);
  });

  it("a genuine activity (tid matching its tenant) is still answered", async () => {
    const before = h.connector.posted.length;
    const response = await h.send(h.activity("channel-mention", TENANT_A), h.token({ tid: TENANT_A }));
    expect(response.statusCode).toBe(200);
    expect(cardOf(h.connector.posted[before]!.activity).heading).toMatch(/55,038\.32 USD/);
  });
});

describe("teams outbound: only Teams' documented service hosts get the bot's token", () => {
  it("a stored reference naming blob storage is not posted to", async () => {
    const reference = await storedReference(TENANT_B);
    await h.store.putConversationReference({
      tenant: `teams:${TENANT_B}`,
      conversationId: "19:poisoned@thread.tacv2",
      reference: {
        ...(reference as Record<string, unknown>),
        serviceUrl: "https://attacker.blob.core.windows.net/",
        conversation: { id: "19:poisoned@thread.tacv2" },
      },
      updatedAt: "2026-11-23T00:00:00Z",
    });
    const posted = h.connector.posted.length;
    await expect(
      h.teams.notifier.post(
        `teams:${TENANT_B}`,
        { platform: "teams", channel: "19:poisoned@thread.tacv2" },
        { kind: "help", visibility: "channel", summary: "x", blocks: [], status: 0 },
      ),
    ).rejects.toThrow(/outside Teams'/);
    expect(h.connector.posted.length).toBe(posted);
  });
});

describe("teams: hostile commands through the built handler (issue 16 items 1 and 7)", () => {
  it("the sweep whose step 40 digits cannot add is answered with a refusal, not a hang", async () => {
    const text =
      "<at>costbot</at> sweep voice-agent users=1e39..1000000000000000000000000000000000000001:0.03";
    const before = h.connector.posted.length;
    expect(
      (await h.send(h.activity("channel-mention", TENANT_A, { id: "1732300000901", text }))).statusCode,
    ).toBe(200);
    expect(h.connector.posted[before]!.activity.text).toMatch(/needs 42 significant digits; at most 39/);
  });

  it("250 KB of unclosed <at> tags is answered with the length limit", async () => {
    const text = `<at>costbot</at> ${"<at x".repeat(50_000)}`;
    const before = h.connector.posted.length;
    expect(
      (await h.send(h.activity("channel-mention", TENANT_A, { id: "1732300000902", text }))).statusCode,
    ).toBe(200);
    expect(h.connector.posted[before]!.activity.text).toMatch(/characters; at most 2000/);
  });
});
