/**
 * The hand-off from the acknowledgement to the work, as the slack function does it
 * (docs/slack.md, "Acknowledge, then work"): on AWS, this same function invoked asynchronously
 * (`InvocationType: Event`) with the admitted request as its event, through `invokeSelf`
 * (adapters/aws: our own SigV4 over node:https, no Lambda SDK). Lambda queues the
 * event, answers 202 at once and retries a failed worker twice; the worker admits the order
 * again (token and body) and its claim on the activity id answers a retry once.
 */
import type { AdmittedRequest } from "./request.ts";

/** What the worker invocation receives: the request's headers (its token) and the activity. */
export interface TeamsWorkOrder {
  readonly costbotTeamsWork: 1;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly activity: Readonly<Record<string, unknown>>;
}

export function workOrderOf(request: AdmittedRequest): TeamsWorkOrder {
  return { costbotTeamsWork: 1, headers: request.headers, activity: request.activity };
}

export function isTeamsWorkOrder(event: unknown): event is TeamsWorkOrder {
  const order = event as Partial<TeamsWorkOrder> | null;
  return (
    typeof order === "object" &&
    order !== null &&
    order.costbotTeamsWork === 1 &&
    typeof order.headers === "object" &&
    order.headers !== null &&
    typeof order.activity === "object" &&
    order.activity !== null
  );
}
