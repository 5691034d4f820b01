/**
 * What the Slack handler reads off a request before Bolt sees it: its size (refused above a
 * limit, before any parsing or signature work) and the ids that go on every log line.
 */
export interface SlackHttpEvent {
  readonly headers?: Readonly<Record<string, string | undefined>>;
  readonly body?: string | null;
  readonly isBase64Encoded?: boolean;
  readonly requestContext?: { readonly requestId?: string };
}

/**
 * Slack's own payloads stay far below this (a message is at most 40,000 characters; a modal
 * submission a few tens of KB); anything larger is not from Slack and is refused unread.
 */
export const MAX_SLACK_BODY_BYTES = 256 * 1024;

/** The body's size in bytes as sent, without decoding it. */
export function bodyBytes(event: SlackHttpEvent): number {
  const body = event.body ?? "";
  if (!event.isBase64Encoded) return Buffer.byteLength(body, "utf8");
  const padding = body.endsWith("==") ? 2 : body.endsWith("=") ? 1 : 0;
  return Math.floor((body.length * 3) / 4) - padding;
}

const header = (event: SlackHttpEvent, name: string) =>
  Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === name)?.[1];

const idPattern = /^[A-Za-z0-9._-]{1,64}$/;
const safeId = (value: unknown) => (typeof value === "string" && idPattern.test(value) ? value : undefined);

/**
 * The delivery's ids for log lines: the Events API's event_id or an interaction's trigger_id,
 * and Slack's retry counter. Unverified at this point, so only id-shaped values are kept.
 */
export function deliveryFields(event: SlackHttpEvent): Record<string, string> {
  const fields: Record<string, string> = {};
  const api = safeId(event.requestContext?.requestId);
  if (api) fields.apiRequestId = api;
  const retry = safeId(header(event, "x-slack-retry-num"));
  if (retry) fields.slackRetry = retry;
  try {
    const raw = event.isBase64Encoded
      ? Buffer.from(event.body ?? "", "base64").toString("utf8")
      : (event.body ?? "");
    let body: Record<string, unknown>;
    if (raw.trimStart().startsWith("{")) body = JSON.parse(raw);
    else {
      const form = new URLSearchParams(raw);
      const payload = form.get("payload");
      body = payload ? JSON.parse(payload) : Object.fromEntries(form);
    }
    const delivery = safeId(body.event_id) ?? safeId(body.trigger_id);
    if (delivery) fields.slackDelivery = delivery;
  } catch {
    // Not JSON or a form: Bolt will refuse it; the log line just has no delivery id.
  }
  return fields;
}
