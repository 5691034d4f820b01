import { describe, expect, it } from "vitest";
import { loadAckSettings } from "../../../src/adapters/teams/ack-settings.ts";
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

describe("loadAckSettings: what the acknowledgement reads, by hand, with config.ts's rules", () => {
  const cases: Record<string, string>[] = [
    {},
    { TEAMS_AUTHORITY_ENDPOINT: "http://127.0.0.1:9" },
    { TEAMS_AUTHORITY_ENDPOINT: "http://login.example" },
    { TEAMS_AUTHORITY_ENDPOINT: "not a url" },
    { TEAMS_EXTRA_SERVICE_HOSTS: "127.0.0.1, localhost" },
    { TEAMS_EXTRA_SERVICE_HOSTS: "127.0.0.1,contoso.sharepoint.com" },
    { TEAMS_ALLOWED_TENANTS: " AAAAAAAA-0000-4000-8000-00000000000A " },
    { TEAMS_ALLOWED_TENANTS: "aaaaaaaa-0000-4000-8000-00000000000a,x#y" },
    { MicrosoftAppTenantId: "" },
    { TABLE_NAME: "" },
    { MicrosoftAppPassword: "" },
  ];
  const outcome = (load: () => unknown) => {
    try {
      return load() ? "ok" : "none";
    } catch (error) {
      return (error as Error).message;
    }
  };

  it("accepts and refuses exactly what loadTeamsConfig does, with the same messages", () => {
    for (const change of cases) {
      const env = { ...production, ...change };
      expect(
        outcome(() => loadAckSettings(env)),
        JSON.stringify(change),
      ).toBe(outcome(() => loadTeamsConfig(env)));
    }
  });

  it("needs no secret: the SSM parameter's name stands for the password until the worker reads it", () => {
    const { MicrosoftAppPassword: _, ...noSecret } = production;
    expect(
      loadAckSettings({ ...noSecret, MicrosoftAppPassword_PARAM: "/costbot/prod/teams/app-password" }),
    ).toEqual({
      appId: "app-id",
      tenantId: "tenant-id",
      extraServiceHosts: [],
    });
  });

  it("is undefined without an app id: Teams is not configured here (503)", () => {
    expect(loadAckSettings({ ...production, MicrosoftAppId: "" })).toBeUndefined();
  });
});
