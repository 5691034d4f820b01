/**
 * The acknowledgement: the part of the slack function Slack waits for. It verifies the
 * request (signature, 5-minute window both ways), answers url_verification and ssl_check,
 * and acknowledges everything else with an empty 200 before any store, pricing or Web API
 * call; the verified request then goes to the worker (src/adapters/slack/worker.ts): an
 * asynchronous invocation on AWS, or the same process right after the response outside AWS.
 * It imports node:crypto and node:https only (adapters/aws/sigv4.ts signs the hand-off): no Bolt, no pricing core, no DynamoDB client, no zod.
 *
 * One payload is answered by the worker before the response: a modal submission
 * (view_submission), whose validation errors Slack reads only from the HTTP answer.
 */
import type { JsonLogger } from "../log.ts";
import type { WorkOrder } from "./handoff.ts";
import { bodyBytes, MAX_SLACK_BODY_BYTES, type SlackHttpEvent } from "./request.ts";
import {
  parseSlackBody,
  type SignedRequest,
  signatureMatches,
  signedRequest,
  timestampFresh,
} from "./verify.ts";

export interface HttpAnswer {
  readonly statusCode: number;
  readonly body: string;
  readonly headers?: Record<string, string>;
}

/** What the worker answers for a payload it handled before the response (a modal submission). */
export type WorkAnswer = Record<string, unknown> | undefined;

export interface AckDeps {
  readonly signingSecret: string;
  readonly log: JsonLogger;
  /** Epoch seconds. */
  readonly nowSeconds: () => number;
  /** Runs the work now and returns what to answer (view_submission). */
  readonly workNow: (request: SignedRequest) => Promise<WorkAnswer>;
  /** Hands the work off to run after the response (an async invocation, or later in this process). */
  readonly handOff: (order: WorkOrder) => Promise<void>;
}

const EMPTY: HttpAnswer = { statusCode: 200, body: "" };
const refused = (statusCode: number): HttpAnswer => ({ statusCode, body: "" });
const json = (body: unknown): HttpAnswer => ({
  statusCode: 200,
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify(body),
});

/** The acknowledgement of one HTTP request from Slack. */
export function acknowledger(deps: AckDeps) {
  return async (event: SlackHttpEvent): Promise<HttpAnswer> => {
    if (bodyBytes(event) > MAX_SLACK_BODY_BYTES) {
      deps.log.warn("request body too large; refused", {
        bytes: bodyBytes(event),
        limit: MAX_SLACK_BODY_BYTES,
      });
      return refused(413);
    }
    const request = signedRequest(event);
    if (!request) {
      deps.log.warn("request without a well-formed Slack signature; refused");
      return refused(401);
    }
    if (!timestampFresh(request, deps.nowSeconds())) {
      deps.log.warn("request timestamp more than 5 minutes from now; refused", {
        timestamp: request.timestamp,
      });
      return refused(401);
    }
    if (!signatureMatches(request, deps.signingSecret)) {
      deps.log.warn("request signature does not match; refused");
      return refused(401);
    }
    const body = parseSlackBody(request);
    if (!body) {
      deps.log.warn("signed request whose body is neither Slack's JSON nor its form; refused", {
        contentType: request.contentType,
      });
      return refused(401);
    }
    if (body.type === "url_verification") return json({ challenge: String(body.challenge ?? "") });
    if (body.ssl_check !== undefined) return EMPTY;
    if (body.type === "view_submission") {
      const answer = await deps.workNow(request);
      return answer ? json(answer) : EMPTY;
    }
    try {
      await deps.handOff({ costbotSlackWork: 1, request });
    } catch (error) {
      // Not acknowledged: Slack re-delivers an event, and tells the user a command failed.
      deps.log.error("could not hand the request to the worker", { error });
      return refused(500);
    }
    return EMPTY;
  };
}
