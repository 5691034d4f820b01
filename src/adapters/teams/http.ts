import type { ActivityHandler, CloudAdapter, Request, WebResponse } from "@microsoft/agents-hosting";
import type { Logger } from "../../app/ports.ts";
import type { AdmittedRequest, HttpResult } from "./request.ts";

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

const reply = (statusCode: number, message: string): HttpResult => ({
  statusCode,
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ error: message }),
});

/**
 * One admitted activity (admit.ts checked its token and what the token vouches for) through the
 * SDK's adapter and the bot; the status and body the adapter wrote are returned: for an invoke,
 * the card's answer; for anything else, an empty 200 once the turn (and its replies) ended.
 */
export async function processActivity(
  request: AdmittedRequest,
  adapter: CloudAdapter,
  bot: ActivityHandler,
  log: Logger,
): Promise<HttpResult> {
  const res = new BufferedResponse();
  // `user` is what the SDK's own JWT middleware would set: the verified claims.
  const req: Request = {
    method: "POST",
    headers: { ...request.headers },
    body: request.activity as Request["body"],
    user: request.claims as Request["user"],
  };
  try {
    await adapter.process(req, res, (context) => bot.run(context));
  } catch (error) {
    // Failures before the turn starts (an outbound token, a malformed activity) end up here.
    log.error("teams request failed", { error: error instanceof Error ? error.message : String(error) });
    return reply(500, "the bot could not process this activity");
  }
  return res.result();
}
