/**
 * The acknowledgement: the part of the teams function Azure Bot Service waits for. It admits
 * the request (admit.ts: the Bot Framework token checked with node:crypto against the issuer's
 * cached keys, then what the token vouches for) and answers a message, an installation or any
 * other activity with an empty 200 at once; the admitted request then goes to the worker
 * (worker.ts): an asynchronous invocation on AWS, or the same process right after the response
 * outside AWS. It loads no Agents SDK, MSAL, zod, AWS SDK, DynamoDB client or pricing core.
 *
 * An invoke (the card's Save button, Action.Execute) is worked before the response: Teams reads
 * the card that replaces the clicked one only from the HTTP answer. So is an activity that asks
 * for its replies in the answer (deliveryMode expectReplies), which Teams does not send.
 */
import { admitHttp, type Gate } from "./admit.ts";
import type { AdmittedRequest, HttpEvent, HttpResult } from "./request.ts";

export interface TeamsAckDeps {
  readonly gate: Gate;
  /** Epoch seconds. */
  readonly nowSeconds: () => number;
  /** Runs the turn now and returns the adapter's answer. */
  readonly workNow: (request: AdmittedRequest) => Promise<HttpResult>;
  /** Hands the turn off to run after the response (an async invocation, or later in this process). */
  readonly handOff: (request: AdmittedRequest) => Promise<void>;
}

/** What the SDK's adapter answers for a message once its turn ended: 200, no body. */
const ACCEPTED: HttpResult = { statusCode: 200, headers: {}, body: "" };

const answersInline = (activity: AdmittedRequest["activity"]) =>
  activity.type === "invoke" || activity.deliveryMode === "expectReplies";

export function teamsAcknowledger(deps: TeamsAckDeps) {
  return async (event: HttpEvent): Promise<HttpResult> => {
    const admission = await admitHttp(event, deps.gate, deps.nowSeconds());
    if (!admission.ok) return admission.result;
    const { request } = admission;
    if (answersInline(request.activity)) return deps.workNow(request);
    try {
      await deps.handOff(request);
    } catch (error) {
      // Lambda did not take the work: do it here, as before acknowledging first; Bot Service
      // waits up to 15 s, and the claim on the activity id keeps a retry from answering twice.
      deps.gate.log.error("could not hand the activity to the worker; working it now", {
        error: error instanceof Error ? error.message : String(error),
      });
      return deps.workNow(request);
    }
    return ACCEPTED;
  };
}
