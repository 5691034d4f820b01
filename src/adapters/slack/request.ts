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
 * The request's ids for log lines, from API Gateway and Slack's retry header only: the body is
 * not read (not even JSON-parsed) before its size and signature are checked (ack.ts).
 */
export function deliveryFields(event: SlackHttpEvent): Record<string, string> {
  const fields: Record<string, string> = {};
  const api = safeId(event.requestContext?.requestId);
  if (api) fields.apiRequestId = api;
  const retry = safeId(header(event, "x-slack-retry-num"));
  if (retry) fields.slackRetry = retry;
  return fields;
}

/** A verified payload's delivery id for log lines: the Events API's event_id or an interaction's trigger_id. */
export function deliveryIdOf(body: Readonly<Record<string, unknown>>): Record<string, string> {
  const delivery = safeId(body.event_id) ?? safeId(body.trigger_id);
  return delivery ? { slackDelivery: delivery } : {};
}
