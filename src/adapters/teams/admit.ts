/**
 * Whether an HTTP request from Azure Bot Service is let in: POST, not too large, a valid Bot
 * Framework token (token.ts), a JSON activity, a signing key that endorses its channel, and a
 * body the token vouches for (inbound.ts). Everything refused is answered here (401 for the
 * token, before the body is parsed; 400/403 for the body) and nothing else runs. The
 * acknowledgement admits each request; the worker admits each work order again
 * (docs/teams.md, "Acknowledge, then work"). node:crypto and node:http(s) only.
 */
import type { JsonLogger } from "../log.ts";
import { type InboundPolicy, inboundRefusal } from "./inbound.ts";
import type { AdmittedRequest, HttpEvent, HttpResult } from "./request.ts";
import type { SigningKeys } from "./signing-keys.ts";
import { endorses, type TokenTrust, verifyToken } from "./token.ts";

/**
 * Bot Framework caps an activity at about 256 KB, and Teams messages are far smaller (about 100 KB);
 * a larger body is refused before its token is checked or its JSON parsed.
 */
export const MAX_ACTIVITY_BYTES = 256 * 1024;

export interface Gate {
  readonly trust: TokenTrust;
  readonly keys: SigningKeys;
  readonly policy: InboundPolicy;
  readonly log: JsonLogger;
}

export type Admission =
  | { readonly ok: true; readonly request: AdmittedRequest }
  | { readonly ok: false; readonly result: HttpResult };

const json = (statusCode: number, body: unknown): HttpResult => ({
  statusCode,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});
type Refused = Extract<Admission, { ok: false }>;

const refused = (statusCode: number, message: string): Refused => ({
  ok: false,
  result: json(statusCode, { error: message }),
});
/** The SDK's wire format for a refused token, kept so Bot Service and its logs see no change. */
const unauthorized = (message: string): Refused => ({
  ok: false,
  result: json(401, { "jwt-auth-error": message }),
});

const header = (headers: HttpEvent["headers"], name: string) =>
  Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === name)?.[1];

/** `Bearer <token>`, nothing else. */
function bearerOf(authorization: string): string | undefined {
  const parts = authorization.trim().split(/\s+/);
  return parts.length === 2 && parts[0]!.toLowerCase() === "bearer" ? parts[1] : undefined;
}

/** An HTTP request as API Gateway delivers it. */
export async function admitHttp(event: HttpEvent, gate: Gate, nowSeconds: number): Promise<Admission> {
  if ((event.requestContext?.http?.method ?? "POST").toUpperCase() !== "POST")
    return refused(405, "POST Bot Framework activities here");
  const size = event.isBase64Encoded
    ? Math.floor(((event.body ?? "").length * 3) / 4)
    : Buffer.byteLength(event.body ?? "", "utf8");
  if (size > MAX_ACTIVITY_BYTES) {
    gate.log.error("activity too large; refused", { bytes: size, limit: MAX_ACTIVITY_BYTES });
    return refused(413, "the activity is too large");
  }
  const headers = { ...event.headers };
  const verdict = await verifyHeader(headers, gate, nowSeconds, 0);
  if (!verdict.ok) return verdict;
  let activity: unknown;
  try {
    const text = event.isBase64Encoded
      ? Buffer.from(event.body ?? "", "base64").toString("utf8")
      : event.body;
    activity = JSON.parse(text ?? "");
  } catch {
    return refused(400, "the body is not a JSON activity");
  }
  if (typeof activity !== "object" || activity === null || Array.isArray(activity))
    return refused(400, "the body is not a JSON activity");
  return vouched(headers, activity as Record<string, unknown>, verdict, gate);
}

/**
 * A work order: the headers and parsed activity the acknowledgement admitted, checked again.
 * `graceSeconds`: the token may have expired since the request arrived, by at most this much.
 */
export async function admitActivity(
  headers: Readonly<Record<string, string | undefined>>,
  activity: Readonly<Record<string, unknown>>,
  gate: Gate,
  nowSeconds: number,
  graceSeconds: number,
): Promise<Admission> {
  const verdict = await verifyHeader(headers, gate, nowSeconds, graceSeconds);
  return verdict.ok ? vouched(headers, activity, verdict, gate) : verdict;
}

type Verified = Extract<Awaited<ReturnType<typeof verifyToken>>, { ok: true }>;

async function verifyHeader(
  headers: Readonly<Record<string, string | undefined>>,
  gate: Gate,
  nowSeconds: number,
  graceSeconds: number,
): Promise<Verified | Refused> {
  const authorization = header(headers, "authorization");
  if (!authorization?.trim()) return unauthorized("authorization header not found");
  const token = bearerOf(authorization);
  if (!token) return unauthorized("invalid authorization header");
  const verdict = await verifyToken(token, gate.trust, gate.keys, nowSeconds, graceSeconds);
  if (!verdict.ok) {
    gate.log.warn("teams request with a token we do not accept; refused", { reason: verdict.reason });
    return unauthorized(verdict.reason);
  }
  return verdict;
}

/** The token is genuine; now it must vouch for what the body claims (channel, service URL, tenant). */
function vouched(
  headers: Readonly<Record<string, string | undefined>>,
  activity: Readonly<Record<string, unknown>>,
  verdict: Verified,
  gate: Gate,
): Admission {
  if (typeof activity.channelId === "string" && !endorses(verdict.key, activity.channelId)) {
    gate.log.warn("signing key does not endorse the activity's channel; refused");
    return unauthorized("the signing key does not endorse this channel");
  }
  const refusal = inboundRefusal(activity, verdict.claims, gate.policy);
  if (refusal) {
    gate.log.info("teams activity refused", { status: refusal.status, reason: refusal.reason });
    return refused(refusal.status, refusal.reason);
  }
  return { ok: true, request: { headers, activity, claims: verdict.claims } };
}
