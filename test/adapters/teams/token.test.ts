import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { keysOf, type SigningKeys } from "../../../src/adapters/teams/signing-keys.ts";
import { endorses, tokenTrust, verifyToken } from "../../../src/adapters/teams/token.ts";
import { signingKey, signJwt, type TestSigningKey } from "../../fixtures/teams/jwt.ts";

/**
 * The acknowledgement's own check of the Bot Framework token (node:crypto, no SDK): each rule
 * the Agents SDK applies, and Bot Framework's endorsements, refused with a reason.
 */
const APP_ID = "3f2c9a1e-5b7d-4c1a-9e8f-00000000b07a";
const TENANT = "1b0c2d3e-4f50-4a6b-8c7d-000000000001";
const NOW = 1_800_000_000;
const trust = tokenTrust({ appId: APP_ID, tenantId: TENANT });
const key = signingKey("bf-key");
const entraKey = signingKey("entra-key");

/** Bot Framework's JWKS carries endorsements; Entra's does not. Records each URL asked for. */
function keysAt(documents: Record<string, TestSigningKey[]>, endorsements = ["msteams", "skype"]) {
  const asked: string[] = [];
  const keys: SigningKeys = {
    async find(url, kid) {
      asked.push(url);
      const jwks = (documents[url] ?? []).map((k) => ({
        ...k.jwk,
        ...(url.includes("botframework") ? { endorsements } : {}),
      }));
      return keysOf({ keys: jwks }).get(kid);
    },
  };
  return { keys, asked };
}
const BF_KEYS = "https://login.botframework.com/v1/.well-known/keys";
const ENTRA_KEYS = `https://login.microsoftonline.com/${TENANT}/discovery/v2.0/keys`;
const published = () => keysAt({ [BF_KEYS]: [key], [ENTRA_KEYS]: [entraKey] });

const connector = (claims: Record<string, unknown> = {}, by: TestSigningKey = key) =>
  signJwt(
    {
      iss: "https://api.botframework.com",
      aud: APP_ID,
      nbf: NOW - 10,
      exp: NOW + 3600,
      serviceurl: "https://smba.trafficmanager.net/emea/",
      ...claims,
    },
    by,
  );

const reasonOf = async (token: string, keys = published().keys, grace = 0) => {
  const verdict = await verifyToken(token, trust, keys, NOW, grace);
  return verdict.ok ? "ok" : verdict.reason;
};

describe("verifyToken: Bot Framework's rules with node:crypto", () => {
  it("accepts Bot Connector's token (api.botframework.com, keys from login.botframework.com) and returns its claims", async () => {
    const { keys, asked } = published();
    const verdict = await verifyToken(connector(), trust, keys, NOW);
    expect(verdict.ok && verdict.claims.serviceurl).toBe("https://smba.trafficmanager.net/emea/");
    expect(asked).toEqual([BF_KEYS]);
  });

  it("accepts an Entra token from the bot's tenant, with keys from the tenant's discovery document", async () => {
    const { keys, asked } = published();
    const token = connector(
      { iss: `https://login.microsoftonline.com/${TENANT}/v2.0`, tid: TENANT },
      entraKey,
    );
    expect(await reasonOf(token, keys)).toBe("ok");
    expect(asked).toEqual([ENTRA_KEYS]);
  });

  it("refuses another app's token (audience)", async () => {
    expect(await reasonOf(connector({ aud: "9d9d9d9d-0000-4000-8000-000000000bad" }))).toMatch(/Audience/);
  });

  it("refuses an issuer it does not trust, and another tenant's Entra issuer, before fetching any key", async () => {
    const { keys, asked } = published();
    expect(await reasonOf(connector({ iss: "https://evil.example/v2.0" }), keys)).toMatch(/Issuer/);
    const otherTenant = "https://login.microsoftonline.com/bbbbbbbb-0000-4000-8000-00000000000b/v2.0";
    expect(await reasonOf(connector({ iss: otherTenant }), keys)).toMatch(/Issuer/);
    expect(asked).toEqual([]);
  });

  it("refuses an Entra token whose tid is not its issuer's tenant", async () => {
    const token = connector(
      {
        iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
        tid: "bbbbbbbb-0000-4000-8000-00000000000b",
      },
      entraKey,
    );
    expect(await reasonOf(token)).toMatch(/Tenant mismatch/);
  });

  it("allows 5 minutes' clock skew on expiry and not-before, not more", async () => {
    expect(await reasonOf(connector({ exp: NOW - 299 }))).toBe("ok");
    expect(await reasonOf(connector({ exp: NOW - 301 }))).toMatch(/expired/);
    expect(await reasonOf(connector({ nbf: NOW + 299 }))).toBe("ok");
    expect(await reasonOf(connector({ nbf: NOW + 301 }))).toMatch(/not active/);
    expect(await reasonOf(connector({ exp: undefined }))).toMatch(/no expiry/);
  });

  it("a work order's grace extends the expiry only by the grace", async () => {
    expect(await reasonOf(connector({ exp: NOW - 900 }), published().keys, 900)).toBe("ok");
    expect(await reasonOf(connector({ exp: NOW - 1201 }), published().keys, 900)).toMatch(/expired/);
  });

  it("refuses a foreign key under the published key id, an unknown key id, and a tampered payload", async () => {
    expect(await reasonOf(connector({}, signingKey(key.kid)))).toMatch(/invalid signature/);
    expect(await reasonOf(connector({}, signingKey("unpublished")))).toMatch(/no such signing key/);
    const [h, , s] = connector().split(".");
    const forged = Buffer.from(
      JSON.stringify({ iss: "https://api.botframework.com", aud: APP_ID, exp: NOW + 60 }),
    );
    expect(await reasonOf(`${h}.${forged.toString("base64url")}.${s}`)).toMatch(/invalid signature/);
  });

  it("refuses alg none and HS256 (the public key used as an HMAC secret)", async () => {
    const claims = Buffer.from(
      JSON.stringify({ iss: "https://api.botframework.com", aud: APP_ID, exp: NOW + 60 }),
    );
    const none = `${Buffer.from('{"alg":"none","kid":"bf-key"}').toString("base64url")}.${claims.toString("base64url")}.`;
    expect(await reasonOf(none)).toMatch(/invalid token|algorithm/);
    const header = Buffer.from('{"alg":"HS256","kid":"bf-key"}').toString("base64url");
    const input = `${header}.${claims.toString("base64url")}`;
    const mac = createHmac("sha256", JSON.stringify(key.jwk)).update(input).digest("base64url");
    expect(await reasonOf(`${input}.${mac}`)).toMatch(/algorithm/);
  });

  it("refuses what is not a JWT", async () => {
    for (const garbage of ["not-a-jwt", "a.b.c", "..", `${"x".repeat(10)}.${"y".repeat(10)}`])
      expect(await reasonOf(garbage)).toMatch(/invalid token/);
  });

  it("a key fetch that fails refuses the token (and says why)", async () => {
    const failing: SigningKeys = {
      find: async () => {
        throw new Error("login.botframework.com did not answer");
      },
    };
    expect(await reasonOf(connector(), failing)).toMatch(/signing keys could not be read/);
  });
});

describe("endorses: a Bot Framework key signs only for the channels it lists", () => {
  it("msteams is endorsed by a key listing it; webchat is not; an Entra key (no list) endorses any", async () => {
    const teamsOnly = keysAt({ [BF_KEYS]: [key] }, ["msteams"]);
    const found = await teamsOnly.keys.find(BF_KEYS, key.kid);
    expect(endorses(found!, "msteams")).toBe(true);
    expect(endorses(found!, "webchat")).toBe(false);
    const entra = await published().keys.find(ENTRA_KEYS, entraKey.kid);
    expect(endorses(entra!, "msteams")).toBe(true);
  });
});

describe("tokenTrust: the issuers the SDK trusts with validateIssuer on", () => {
  it("Bot Connector, the bot's tenant (v1 and v2) and Microsoft's first-party tenants; nothing else", () => {
    expect(trust.issuers).toContain("https://api.botframework.com");
    expect(trust.issuers).toContain(`https://sts.windows.net/${TENANT}/`);
    expect(trust.issuers).toContain(`https://login.microsoftonline.com/${TENANT}/v2.0`);
    expect(trust.issuers).toContain(
      "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0",
    );
    expect(trust.issuers.size).toBe(9);
  });

  it("a configured authority (tests: a loopback identity server) issues and publishes keys under the tenant", () => {
    const local = tokenTrust({ appId: APP_ID, tenantId: TENANT, authorityEndpoint: "http://127.0.0.1:9/" });
    expect(local.issuers).toContain(`http://127.0.0.1:9/${TENANT}/v2.0`);
    expect(local.keysUrl(`http://127.0.0.1:9/${TENANT}/v2.0`)).toBe(
      `http://127.0.0.1:9/${TENANT}/discovery/v2.0/keys`,
    );
  });
});
