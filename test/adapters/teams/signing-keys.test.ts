import { describe, expect, it } from "vitest";
import { getJson, signingKeys } from "../../../src/adapters/teams/signing-keys.ts";
import { signingKey } from "../../fixtures/teams/jwt.ts";
import { startIdentityServer } from "../../fixtures/teams/loopback.ts";

/** The issuer's keys: fetched once, kept, refetched for a rotation but not on every unknown key id. */
const URL_A = "https://login.botframework.com/v1/.well-known/keys";
const first = signingKey("first");
const rotated = signingKey("rotated");

function source(documents: unknown[]) {
  const fetched: string[] = [];
  let clock = 0;
  const keys = signingKeys(
    async (url) => {
      fetched.push(url);
      const next = documents.shift();
      if (next instanceof Error) throw next;
      return next;
    },
    () => clock,
  );
  return { keys, fetched, advance: (ms: number) => (clock += ms) };
}

describe("signingKeys", () => {
  it("fetches the document once and answers every later request from the cache", async () => {
    const { keys, fetched } = source([{ keys: [first.jwk] }]);
    expect(await keys.find(URL_A, "first")).toBeDefined();
    expect(await keys.find(URL_A, "first")).toBeDefined();
    expect(fetched).toHaveLength(1);
  });

  it("an unknown key id refetches only once the cached document is a minute old (a rotation), never in a burst", async () => {
    const { keys, fetched, advance } = source([{ keys: [first.jwk] }, { keys: [first.jwk, rotated.jwk] }]);
    await keys.find(URL_A, "first");
    expect(await keys.find(URL_A, "rotated")).toBeUndefined();
    expect(await keys.find(URL_A, "forged")).toBeUndefined();
    expect(fetched).toHaveLength(1);
    advance(61_000);
    expect(await keys.find(URL_A, "rotated")).toBeDefined();
    expect(fetched).toHaveLength(2);
  });

  it("refetches a document older than an hour", async () => {
    const { keys, fetched, advance } = source([{ keys: [first.jwk] }, { keys: [rotated.jwk] }]);
    await keys.find(URL_A, "first");
    advance(60 * 60 * 1000 + 1);
    expect(await keys.find(URL_A, "first")).toBeUndefined();
    expect(fetched).toHaveLength(2);
  });

  it("a failed fetch is not kept: the next request tries again", async () => {
    const { keys, fetched } = source([new Error("timeout"), { keys: [first.jwk] }]);
    await expect(keys.find(URL_A, "first")).rejects.toThrow(/timeout/);
    expect(await keys.find(URL_A, "first")).toBeDefined();
    expect(fetched).toHaveLength(2);
  });

  it("skips keys node:crypto should not use: not RSA, not for signatures, without a key id", async () => {
    const ec = { kty: "EC", kid: "ec", crv: "P-256", x: "x", y: "y" };
    const { keys } = source([
      {
        keys: [
          ec,
          { ...first.jwk, use: "enc" },
          { ...rotated.jwk, kid: undefined },
          { ...first.jwk, kid: "ok" },
        ],
      },
    ]);
    expect(await keys.find(URL_A, "ec")).toBeUndefined();
    expect(await keys.find(URL_A, "first")).toBeUndefined();
    expect(await keys.find(URL_A, "ok")).toBeDefined();
  });

  it("getJson reads a JWKS over http from a loopback identity server, and refuses a 404", async () => {
    const identity = await startIdentityServer("t1", [first], "token");
    try {
      expect(await getJson(`${identity.url}/t1/discovery/v2.0/keys`)).toEqual({ keys: [first.jwk] });
      await expect(getJson(`${identity.url}/nowhere`)).rejects.toThrow(/answered 404/);
    } finally {
      await identity.close();
    }
  });
});
