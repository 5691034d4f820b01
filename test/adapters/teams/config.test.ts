import { describe, expect, it } from "vitest";
import { authConfiguration } from "../../../src/adapters/teams/adapter.ts";
import { loadTeamsConfig, TeamsConfigError } from "../../../src/adapters/teams/config.ts";

const production = {
  MicrosoftAppId: "app-id",
  MicrosoftAppTenantId: "tenant-id",
  MicrosoftAppPassword: "secret",
  TABLE_NAME: "costbot",
};

describe("loadTeamsConfig: parsed once, failing fast", () => {
  it("names every missing setting at once", () => {
    expect(() => loadTeamsConfig({})).toThrow(TeamsConfigError);
    expect(() => loadTeamsConfig({})).toThrow(
      /MicrosoftAppId.*MicrosoftAppTenantId.*TABLE_NAME.*MicrosoftAppPassword.*_PARAM.*or MicrosoftAppCertPemFile/,
    );
  });

  it("treats an empty value as missing", () => {
    expect(() => loadTeamsConfig({ ...production, MicrosoftAppPassword: "" })).toThrow(
      /MicrosoftAppPassword/,
    );
  });

  it("takes a client secret, or a certificate (both files), as the app's credential", () => {
    expect(loadTeamsConfig(production).credential).toEqual({ kind: "secret", secret: "secret" });
    const { MicrosoftAppPassword: _, ...noSecret } = production;
    expect(() => loadTeamsConfig({ ...noSecret, MicrosoftAppCertPemFile: "/c.pem" })).toThrow(/credential/);
    expect(
      loadTeamsConfig({ ...noSecret, MicrosoftAppCertPemFile: "/c.pem", MicrosoftAppCertKeyFile: "/k.pem" })
        .credential,
    ).toEqual({ kind: "certificate", pemFile: "/c.pem", keyFile: "/k.pem" });
  });

  it("allows plain http only on loopback (a test server), never for a real host", () => {
    expect(
      loadTeamsConfig({ ...production, TEAMS_AUTHORITY_ENDPOINT: "http://127.0.0.1:9" }).authorityEndpoint,
    ).toBe("http://127.0.0.1:9");
    expect(() =>
      loadTeamsConfig({ ...production, TEAMS_AUTHORITY_ENDPOINT: "http://login.example" }),
    ).toThrow(/TEAMS_AUTHORITY_ENDPOINT must be an https URL/);
  });
});

describe("authConfiguration: what the Agents SDK is given", () => {
  it("extra service hosts may only be loopback (tests); a production value cannot widen where tokens go", () => {
    expect(
      loadTeamsConfig({ ...production, TEAMS_EXTRA_SERVICE_HOSTS: "127.0.0.1, localhost" }).extraServiceHosts,
    ).toEqual(["127.0.0.1", "localhost"]);
    expect(loadTeamsConfig(production).extraServiceHosts).toEqual([]);
    for (const host of ["evil.example", "attacker.blob.core.windows.net", "127.0.0.1,contoso.sharepoint.com"])
      expect(() => loadTeamsConfig({ ...production, TEAMS_EXTRA_SERVICE_HOSTS: host })).toThrow(
        /TEAMS_EXTRA_SERVICE_HOSTS may only name loopback hosts/,
      );
  });

  it("an optional tenant allow-list of GUIDs, parsed once (lower-cased)", () => {
    const a = "AAAAAAAA-0000-4000-8000-00000000000A";
    expect(loadTeamsConfig({ ...production, TEAMS_ALLOWED_TENANTS: ` ${a} ` }).allowedTenants).toEqual(
      new Set([a.toLowerCase()]),
    );
    expect(loadTeamsConfig(production).allowedTenants).toBeUndefined();
    expect(() => loadTeamsConfig({ ...production, TEAMS_ALLOWED_TENANTS: `${a},x#y` })).toThrow(
      /TEAMS_ALLOWED_TENANTS must be tenant ids/,
    );
  });

  it("always validates the token issuer, which the SDK leaves off by default", () => {
    const auth = authConfiguration(loadTeamsConfig(production));
    expect(auth).toMatchObject({ clientId: "app-id", tenantId: "tenant-id", validateIssuer: true });
    expect(auth.authType).toBe("ClientSecret");
  });

  it("gets outbound tokens from the sidecar when one is configured, so tests never call Entra", () => {
    const auth = authConfiguration(
      loadTeamsConfig({ ...production, TEAMS_TOKEN_SIDECAR_URL: "http://127.0.0.1:5178" }),
    );
    expect(auth).toMatchObject({ authType: "EntraAuthSideCar", sidecarBaseUrl: "http://127.0.0.1:5178" });
    expect(auth).not.toHaveProperty("clientSecret");
  });
});
