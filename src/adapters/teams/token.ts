/**
 * The inbound Bot Framework token, checked with node:crypto: the same rules the Agents SDK
 * applies with `validateIssuer` on (jsonwebtoken + jwks-rsa), plus Bot Framework's
 * endorsements, without loading the SDK (docs/teams.md, "Security" and "Acknowledge, then work"):
 * - a compact JWS signed RS256 by a key (`kid`) from the issuer's JWKS;
 * - `iss` one we trust: Bot Connector (`https://api.botframework.com`) or our tenant's Entra
 *   issuers, plus the Microsoft first-party tenants the SDK always trusts;
 * - `aud` the bot's app id;
 * - not expired and already valid, with 5 minutes' clock skew;
 * - an Entra issuer's tenant and the `tid` claim agree;
 * - the signing key, where it lists endorsements (Bot Connector's do), endorses the activity's
 *   channel (checked by the caller once the body is parsed: `endorses`).
 */
import { verify as verifySignature } from "node:crypto";
import type { SigningKey, SigningKeys } from "./signing-keys.ts";

/** Who may sign and where their keys are; built once from the settings (tokenTrust). */
export interface TokenTrust {
  readonly appId: string;
  /** Lower-cased. */
  readonly issuers: ReadonlySet<string>;
  keysUrl(issuer: string): string;
}

export type Claims = Readonly<Record<string, unknown>>;

export type TokenVerdict =
  | { readonly ok: true; readonly claims: Claims; readonly key: SigningKey }
  | { readonly ok: false; readonly reason: string };

/** Industry-standard clock skew, as Bot Framework documents it and the SDK applies. */
export const CLOCK_SKEW_SECONDS = 300;

const AUTHORITY_DEFAULT = "https://login.microsoftonline.com";
/** Microsoft's first-party tenants the SDK trusts on every connection (Bot Service, Teams). */
const FIRST_PARTY_TENANTS = [
  "d6d49420-f39b-4df7-a1dc-d59a935871db",
  "f8cdef31-a31e-4b4a-93e4-5f571e91255a",
  "69e9b82d-4842-4902-8d1e-abc5b98a55e8",
];
const GOV_FIRST_PARTY_TENANT = "cab8a31a-1906-4287-a0d8-4eef66b95f6e";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const trimSlashes = (url: string) => url.replace(/\/+$/, "");

/** `<authority>/<tenant>`, unless the authority already names a tenant (as the SDK resolves it). */
function tenantAuthority(authority: string, tenantId: string): string {
  const base = trimSlashes(authority);
  return new URL(base).pathname !== "/" && new URL(base).pathname !== "" ? base : `${base}/${tenantId}`;
}

/** The trusted issuers and key documents for a bot registered in `tenantId` (single tenant). */
export function tokenTrust(settings: {
  readonly appId: string;
  readonly tenantId: string;
  readonly authorityEndpoint?: string;
}): TokenTrust {
  const authority = settings.authorityEndpoint ?? AUTHORITY_DEFAULT;
  const gov = /login\.microsoftonline\.us/i.test(authority);
  const own = tenantAuthority(authority, settings.tenantId);
  const ownTenant = own.split("/").pop()!;
  const issuers = [
    gov ? "https://api.botframework.us" : "https://api.botframework.com",
    `https://sts.windows.net/${ownTenant}/`,
    `${own}/v2.0`,
    ...(gov
      ? [
          "https://api.botframework.us",
          `https://sts.windows.net/${GOV_FIRST_PARTY_TENANT}/`,
          `https://login.microsoftonline.us/${GOV_FIRST_PARTY_TENANT}/v2.0`,
        ]
      : [
          "https://api.botframework.com",
          ...FIRST_PARTY_TENANTS.flatMap((t) => [
            `https://sts.windows.net/${t}/`,
            `https://login.microsoftonline.com/${t}/v2.0`,
          ]),
        ]),
  ];
  return {
    appId: settings.appId,
    issuers: new Set(issuers.map((i) => i.toLowerCase())),
    keysUrl(issuer) {
      switch (issuer.toLowerCase()) {
        case "https://api.botframework.com":
          return "https://login.botframework.com/v1/.well-known/keys";
        case "https://api.botframework.us":
          return "https://login.botframework.azure.us/v1/.well-known/keys";
        default:
          // Entra's keys are shared by every tenant of a cloud: the bot's own tenant publishes them.
          return `${own}/discovery/v2.0/keys`;
      }
    },
  };
}

/** The tenant an Entra issuer names (v1 sts.windows.net or v2 login.microsoftonline.*), if any. */
function issuerTenant(iss: string): string | undefined {
  const v1 = /^https:\/\/sts\.windows\.net\/([^/]+)\/$/i.exec(iss);
  const v2 = /^https:\/\/login\.microsoftonline\.(?:com|us)\/([^/]+)\/v2\.0$/i.exec(iss);
  const tenant = v1?.[1] ?? v2?.[1];
  return tenant && GUID.test(tenant) ? tenant.toLowerCase() : undefined;
}

const refuse = (reason: string): TokenVerdict => ({ ok: false, reason });

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Verifies a bearer token. Cheap checks come first, so a forged or stale token costs no key
 * fetch. `graceSeconds` extends the expiry for a work order (the token was checked when the
 * request arrived; Lambda may deliver the work minutes later).
 */
export async function verifyToken(
  token: string,
  trust: TokenTrust,
  keys: SigningKeys,
  nowSeconds: number,
  graceSeconds = 0,
): Promise<TokenVerdict> {
  const parts = token.split(".");
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) return refuse("invalid token");
  const header = decodePart(parts[0]!);
  const claims = decodePart(parts[1]!);
  if (!header || !claims) return refuse("invalid token");
  if (header.alg !== "RS256") return refuse("invalid algorithm");
  if (typeof header.kid !== "string" || !header.kid) return refuse("invalid token: no key id");
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(trust.appId)) return refuse("Audience mismatch");
  const iss = claims.iss;
  if (typeof iss !== "string" || !trust.issuers.has(iss.toLowerCase())) return refuse("Issuer mismatch");
  const tenant = issuerTenant(iss);
  if (tenant && typeof claims.tid === "string" && claims.tid.toLowerCase() !== tenant)
    return refuse("Tenant mismatch");
  if (typeof claims.exp !== "number") return refuse("invalid token: no expiry");
  if (nowSeconds > claims.exp + CLOCK_SKEW_SECONDS + graceSeconds) return refuse("jwt expired");
  if (typeof claims.nbf === "number" && nowSeconds + CLOCK_SKEW_SECONDS < claims.nbf)
    return refuse("jwt not active");
  let key: SigningKey | undefined;
  try {
    key = await keys.find(trust.keysUrl(iss), header.kid);
  } catch {
    return refuse("the issuer's signing keys could not be read");
  }
  if (!key) return refuse("invalid signature: no such signing key");
  const signed = Buffer.from(`${parts[0]}.${parts[1]}`, "utf8");
  if (!verifySignature("RSA-SHA256", signed, key.key, Buffer.from(parts[2]!, "base64url")))
    return refuse("invalid signature");
  return { ok: true, claims, key };
}

/** Bot Framework: a key that lists endorsements may sign only for those channels. */
export function endorses(key: SigningKey, channelId: string): boolean {
  return key.endorsements === undefined || key.endorsements.includes(channelId);
}
