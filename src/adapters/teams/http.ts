import type { ActivityHandler, CloudAdapter, Request, WebResponse } from "@microsoft/agents-hosting";
import type { Logger } from "../../app/ports.ts";
import { type InboundPolicy, inboundRefusal } from "./inbound.ts";

/** The parts of an API Gateway HTTP API (payload v2) event the bot reads. */
export interface HttpEvent {
  readonly headers?: Readonly<Record<string, string | undefined>>;
  readonly body?: string | null;
  readonly isBase64Encoded?: boolean;
  readonly requestContext?: { readonly http?: { readonly method?: string }; readonly requestId?: string };
}

export interface HttpResult {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** The Express-like response the adapter writes to, kept in memory for Lambda to return. */
class BufferedResponse implements WebResponse {
  statusCode = 200;
  headers: Record<string, string> = {};
  body = "";
  headersSent = false;
  writableEnded = false;

  status(code: number): this {
    this.statusCode = code;
    return this;
  }
  setHeader(name: string, value: string): this {
    this.headers[name.toLowerCase()] = value;
    return this;
  }
  send(body?: unknown): this {
    if (body === undefined) return this;
    if (typeof body === "string") this.body += body;
    else {
      this.body += JSON.stringify(body);
      this.headers["content-type"] ??= "application/json";
    }
    this.headersSent = true;
    return this;
  }
  end(): this {
    this.writableEnded = true;
    return this;
  }
  result(): HttpResult {
    return { statusCode: this.statusCode, headers: this.headers, body: this.body };
  }
}

/**
 * Bot Framework caps an activity at about 256 KB, and Teams messages are far smaller (about 100 KB);
 * a larger body is refused before its token is checked or its JSON parsed.
 */
export const MAX_ACTIVITY_BYTES = 256 * 1024;

const reply = (statusCode: number, message: string): HttpResult => ({
  statusCode,
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ error: message }),
});

/**
 * One Bot Framework request: the adapter checks the JWT (401 without a valid one, before the
 * body is even looked at), then runs the turn; the status and body it wrote are returned.
 */
export async function handleHttp(
  event: HttpEvent,
  adapter: CloudAdapter,
  bot: ActivityHandler,
  log: Logger,
  policy: InboundPolicy,
): Promise<HttpResult> {
  if ((event.requestContext?.http?.method ?? "POST").toUpperCase() !== "POST")
    return reply(405, "POST Bot Framework activities here");
  const size = event.isBase64Encoded
    ? Math.floor(((event.body ?? "").length * 3) / 4)
    : Buffer.byteLength(event.body ?? "", "utf8");
  if (size > MAX_ACTIVITY_BYTES) {
    log.error("activity too large; refused", { bytes: size, limit: MAX_ACTIVITY_BYTES });
    return reply(413, "the activity is too large");
  }
  const res = new BufferedResponse();
  const req: Request = { method: "POST", headers: { ...event.headers } };
  let authorized = false;
  await adapter.authorizeRequest(req, res, () => {
    authorized = true;
  });
  if (!authorized) return res.result();

  try {
    const text = event.isBase64Encoded
      ? Buffer.from(event.body ?? "", "base64").toString("utf8")
      : event.body;
    req.body = JSON.parse(text ?? "");
  } catch {
    return reply(400, "the body is not a JSON activity");
  }
  if (typeof req.body !== "object" || req.body === null || Array.isArray(req.body))
    return reply(400, "the body is not a JSON activity");
  // The token is genuine; now it must vouch for what the body claims (channel, service URL, tenant).
  const refusal = inboundRefusal(req.body, req.user as Record<string, unknown> | undefined, policy);
  if (refusal) {
    log.info("teams activity refused", { status: refusal.status, reason: refusal.reason });
    return reply(refusal.status, refusal.reason);
  }
  try {
    await adapter.process(req, res, (context) => bot.run(context));
  } catch (error) {
    // Failures before the turn starts (an outbound token, a malformed activity) end up here.
    log.error("teams request failed", { error: error instanceof Error ? error.message : String(error) });
    return reply(500, "the bot could not process this activity");
  }
  return res.result();
}
