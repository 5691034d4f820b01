import { describe, expect, it } from "vitest";
import { installationOf } from "../../../src/adapters/slack/tenant.ts";
import { payload } from "../../fixtures/slack/requests.ts";

describe("the tenant is the installation", () => {
  it("a Slack Connect partner's message belongs to the installer (authorizations), not the partner's team_id", () => {
    expect(installationOf(payload("slack-connect-thread-reply"))).toBe("T0HOST");
  });

  it("falls back to context_team_id when Slack sends no authorizations", () => {
    const p = payload("slack-connect-thread-reply", (p) => delete p.authorizations);
    expect(installationOf(p)).toBe("T0HOST");
  });

  it("never uses the sender's team_id for an event", () => {
    const p = payload("slack-connect-thread-reply", (p) => {
      delete p.authorizations;
      delete p.context_team_id;
    });
    expect(installationOf(p)).toBeUndefined();
  });

  it("keys an Enterprise Grid org-wide install by enterprise_id, though its team_id is empty", () => {
    expect(installationOf(payload("enterprise-org-thread-reply"))).toBe("E0ALPHA");
    expect(installationOf(payload("enterprise-org-command"))).toBe("E0ALPHA");
    const beta = payload("enterprise-org-command", (p) => (p.enterprise_id = "E0BETA"));
    expect(installationOf(beta)).toBe("E0BETA");
  });

  it("never answers an empty string: an org install without its enterprise_id has no tenant", () => {
    expect(installationOf(payload("enterprise-org-command", (p) => (p.enterprise_id = "")))).toBeUndefined();
    expect(
      installationOf(payload("enterprise-org-thread-reply", (p) => (p.authorizations[0].enterprise_id = ""))),
    ).toBeUndefined();
    expect(installationOf({ command: "/cost", team_id: "" })).toBeUndefined();
  });

  it("reads interactivity payloads: team.id, or enterprise.id for an org install", () => {
    expect(installationOf({ type: "block_actions", team: { id: "T0ACME" }, user: { id: "U1" } })).toBe(
      "T0ACME",
    );
    expect(
      installationOf({
        type: "view_submission",
        team: null,
        enterprise: { id: "E0ALPHA", name: "Alpha" },
        is_enterprise_install: true,
        user: { id: "W1", team_id: "" },
      }),
    ).toBe("E0ALPHA");
  });
});
