/**
 * The public keys that sign inbound Bot Framework tokens, fetched from the issuer's JWKS
 * document with node:http(s) and kept for the life of the process (an hour at most; a token
 * naming a key id we do not have refetches, at most once a minute, so a rotation is picked up
 * without letting forged key ids make us fetch on every request). node:crypto turns each JWK
 * into a key once. No jwks-rsa, no fetch: this runs in the acknowledgement's cold start
 * (docs/teams.md, "Acknowledge, then work").
 */
import { createPublicKey, type JsonWebKey, type KeyObject } from "node:crypto";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

export interface SigningKey {
  readonly key: KeyObject;
  /** Bot Framework's keys list the channels they may sign for (Entra's carry none). */
  readonly endorsements?: readonly string[];
}

export interface SigningKeys {
  /** The key `kid` from the JWKS at `url`, or undefined when the document has no such key. */
  find(url: string, kid: string): Promise<SigningKey | undefined>;
}

const MAX_AGE_MS = 60 * 60 * 1000;
const REFETCH_AFTER_MS = 60 * 1000;
/** Microsoft's documents are a few KB; anything much larger is not one. */
const MAX_DOCUMENT_BYTES = 256 * 1024;
const TIMEOUT_MS = 5000;

/** GET a JSON document (https, or http on loopback: the settings refuse anything else). */
export function getJson(url: string, timeoutMs = TIMEOUT_MS): Promise<unknown> {
  const request = url.startsWith("http:") ? httpRequest : httpsRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "GET", timeout: timeoutMs }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
        if (text.length > MAX_DOCUMENT_BYTES) req.destroy(new Error(`${url} is larger than expected`));
      });
      res.on("end", () => {
        if (res.statusCode !== 200) return reject(new Error(`${url} answered ${res.statusCode}`));
        try {
          resolve(JSON.parse(text));
        } catch {
          reject(new Error(`${url} is not JSON`));
        }
      });
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`${url} did not answer in ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end();
  });
}

/** The RSA signing keys of a JWKS document, by key id; anything else in it is skipped. */
export function keysOf(document: unknown): Map<string, SigningKey> {
  const keys = new Map<string, SigningKey>();
  const list = (document as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(list)) return keys;
  for (const jwk of list as Record<string, unknown>[]) {
    if (jwk?.kty !== "RSA" || typeof jwk.kid !== "string" || typeof jwk.n !== "string") continue;
    if (typeof jwk.e !== "string" || (jwk.use !== undefined && jwk.use !== "sig")) continue;
    try {
      const key = createPublicKey({ key: { kty: "RSA", n: jwk.n, e: jwk.e } as JsonWebKey, format: "jwk" });
      const endorsements = Array.isArray(jwk.endorsements)
        ? jwk.endorsements.filter((e): e is string => typeof e === "string")
        : undefined;
      keys.set(jwk.kid, { key, ...(endorsements ? { endorsements } : {}) });
    } catch {
      // A key node:crypto cannot read verifies nothing: skipped.
    }
  }
  return keys;
}

interface Fetched {
  readonly at: number;
  readonly keys: Map<string, SigningKey>;
}

/** Keys per JWKS URL, fetched on first use and cached; `get` and `now` are injectable for tests. */
export function signingKeys(get: (url: string) => Promise<unknown> = getJson, now = Date.now): SigningKeys {
  const documents = new Map<string, Promise<Fetched>>();
  const fetch = (url: string) => {
    const fetched = get(url).then((document) => ({ at: now(), keys: keysOf(document) }));
    documents.set(url, fetched);
    // A failed fetch is not cached: the next request tries again.
    fetched.catch(() => documents.delete(url));
    return fetched;
  };
  return {
    async find(url, kid) {
      let current = await (documents.get(url) ?? fetch(url));
      const age = now() - current.at;
      if (age > MAX_AGE_MS || (!current.keys.has(kid) && age > REFETCH_AFTER_MS)) current = await fetch(url);
      return current.keys.get(kid);
    },
  };
}
