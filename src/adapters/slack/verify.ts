/**
 * Slack's request signature (the v0 scheme), checked with node:crypto alone so the
 * acknowledgement path loads nothing else: HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the
 * app's signing secret, compared in constant time. The timestamp must be within 5 minutes of
 * now in either direction (Bolt only refuses old ones; a future one is just as forged).
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { SlackHttpEvent } from "./request.ts";

export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

/** The parts of a request that carry its signature, with the body decoded to the bytes Slack signed. */
export interface SignedRequest {
  readonly body: string;
  readonly contentType: string;
  readonly timestamp: string;
  readonly signature: string;
  readonly retryNum?: number;
  readonly retryReason?: string;
}

const header = (event: SlackHttpEvent, name: string) => {
  for (const [key, value] of Object.entries(event.headers ?? {}))
    if (key.toLowerCase() === name) return value ?? undefined;
  return undefined;
};

/**
 * The request's body and signature headers, or undefined when any is missing or not shaped
 * like Slack's. A base64 body (API Gateway's choice) is decoded as UTF-8, the bytes Slack signed.
 */
export function signedRequest(event: SlackHttpEvent): SignedRequest | undefined {
  const timestamp = header(event, "x-slack-request-timestamp");
  const signature = header(event, "x-slack-signature");
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return undefined;
  if (!signature || !/^v0=[0-9a-f]{64}$/.test(signature)) return undefined;
  const raw = event.body ?? "";
  const body = event.isBase64Encoded ? Buffer.from(raw, "base64").toString("utf8") : raw;
  const retry = header(event, "x-slack-retry-num");
  const reason = header(event, "x-slack-retry-reason");
  return {
    body,
    contentType: (header(event, "content-type") ?? "").split(";")[0]!.trim().toLowerCase(),
    timestamp,
    signature,
    ...(retry && /^\d{1,3}$/.test(retry) ? { retryNum: Number(retry) } : {}),
    ...(reason && /^[a-z_]{1,40}$/.test(reason) ? { retryReason: reason } : {}),
  };
}

/** True when the HMAC matches; the time window is checked separately (the worker re-checks only the HMAC). */
export function signatureMatches(request: SignedRequest, secret: string): boolean {
  const expected = createHmac("sha256", secret).update(`v0:${request.timestamp}:${request.body}`).digest();
  const given = Buffer.from(request.signature.slice(3), "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Within 5 minutes of `nowSeconds`, before or after. */
export function timestampFresh(request: SignedRequest, nowSeconds: number): boolean {
  return Math.abs(nowSeconds - Number(request.timestamp)) <= MAX_CLOCK_SKEW_SECONDS;
}

/**
 * The body as Slack sent it: JSON (Events API), a form whose `payload` field is JSON
 * (interactivity), or a plain form (slash commands). Undefined when it is none of these.
 */
export function parseSlackBody(
  request: Pick<SignedRequest, "body" | "contentType">,
): Record<string, unknown> | undefined {
  try {
    if (request.contentType === "application/json") {
      const parsed: unknown = JSON.parse(request.body);
      return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
        ? (parsed as Record<string, unknown>)
        : undefined;
    }
    if (request.contentType !== "application/x-www-form-urlencoded") return undefined;
    const form = new URLSearchParams(request.body);
    const payload = form.get("payload");
    if (payload === null) return Object.fromEntries(form);
    const parsed: unknown = JSON.parse(payload);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
