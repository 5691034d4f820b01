import { describe, expect, it } from "vitest";
import { cachedBotInstallation, senderOf } from "../../../src/adapters/slack/tenant.ts";
import { payload } from "../../fixtures/slack/requests.ts";

const noBot = async () => undefined;
const hostBot = async () => ({ installation: "T0HOST", name: "Acme" });
const tenantOf = async (body: Record<string, unknown>, bot = noBot) =>
  (await senderOf(body, bot))?.installation;

describe("the tenant is the installation", () => {
  it("a Slack Connect partner's message belongs to the installer (authorizations), not the partner's team_id", async () => {
    expect(await senderOf(payload("slack-connect-thread-reply"), noBot)).toEqual({
      installation: "T0HOST",
      member: false,
    });
  });

  it("falls back to context_team_id when Slack sends no authorizations", async () => {
    const p = payload("slack-connect-thread-reply", (p) => delete p.authorizations);
    expect(await tenantOf(p)).toBe("T0HOST");
  });

  it("never uses the sender's team_id for an event", async () => {
    const p = payload("slack-connect-thread-reply", (p) => {
      delete p.authorizations;
      delete p.context_team_id;
    });
    expect(await tenantOf(p)).toBeUndefined();
  });

  it("keys an Enterprise Grid org-wide install by enterprise_id, though its team_id is empty", async () => {
    expect(await senderOf(payload("enterprise-org-thread-reply"), noBot)).toEqual({
      installation: "E0ALPHA",
      member: true,
    });
    expect(await tenantOf(payload("enterprise-org-command"))).toBe("E0ALPHA");
    const beta = payload("enterprise-org-command", (p) => (p.enterprise_id = "E0BETA"));
    expect(await tenantOf(beta)).toBe("E0BETA");
  });

  it("never answers an empty string: an org install without its enterprise_id has no tenant", async () => {
    expect(await tenantOf(payload("enterprise-org-command", (p) => (p.enterprise_id = "")))).toBeUndefined();
    expect(
      await tenantOf(payload("enterprise-org-thread-reply", (p) => (p.authorizations[0].enterprise_id = ""))),
    ).toBeUndefined();
    expect(await tenantOf({ command: "/cost", team_id: "" })).toBeUndefined();
  });

  it("a click names no installation: the bot token's, never the clicker's team", async () => {
    const click = {
      type: "block_actions",
      team: { id: "T0PARTNER" },
      user: { id: "U1", team_id: "T0PARTNER" },
    };
    expect(await senderOf(click, hostBot)).toEqual({ installation: "T0HOST", member: false });
    expect(await tenantOf(click)).toBeUndefined();
  });

  it("a modal submission belongs to view.app_installed_team_id, or the enterprise of an org install", async () => {
    const partner = {
      type: "view_submission",
      team: { id: "T0PARTNER" },
      user: { id: "U1", team_id: "T0PARTNER" },
      view: { team_id: "T0PARTNER", app_installed_team_id: "T0HOST" },
    };
    expect(await senderOf(partner, noBot)).toEqual({ installation: "T0HOST", member: false });
    expect(
      await senderOf(
        {
          type: "view_submission",
          team: null,
          enterprise: { id: "E0ALPHA", name: "Alpha" },
          is_enterprise_install: true,
          user: { id: "W1", team_id: "T0ALPHAWS" },
        },
        noBot,
      ),
    ).toEqual({ installation: "E0ALPHA", member: true });
  });

  it("asks auth.test once, and again only after it failed", async () => {
    const answers = [
      Promise.reject(new Error("down")),
      Promise.resolve({ ok: true, team: "Acme", team_id: "T0HOST", is_enterprise_install: false }),
    ];
    let calls = 0;
    const bot = cachedBotInstallation(() => answers[calls++]!);
    expect(await bot()).toBeUndefined();
    expect(await bot()).toEqual({ installation: "T0HOST", name: "Acme" });
    expect(await bot()).toEqual({ installation: "T0HOST", name: "Acme" });
    expect(calls).toBe(2);
  });
});
