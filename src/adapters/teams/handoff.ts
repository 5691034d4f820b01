/**
 * The hand-off from the acknowledgement to the work, as the slack function does it
 * (docs/slack.md, "Acknowledge, then work"): on AWS, this same function invoked asynchronously
 * (`InvocationType: Event`) with the admitted request as its event, signed with the SigV4 signer
 * the slack acknowledgement uses (node:crypto and node:https, no Lambda SDK). Lambda queues the
 * event, answers 202 at once and retries a failed worker twice; the worker admits the order
 * again (token and body) and its claim on the activity id answers a retry once.
 */
import { callAws } from "../slack/sigv4.ts";
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

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Invokes this function (AWS_LAMBDA_FUNCTION_NAME) with the order, asynchronously. Throws
 * unless Lambda accepted it (202); the acknowledgement then does the work itself.
 */
export async function invokeSelf(order: TeamsWorkOrder, env: Env): Promise<void> {
  const name = env.AWS_LAMBDA_FUNCTION_NAME;
  if (!name) throw new Error("AWS_LAMBDA_FUNCTION_NAME is not set");
  const endpoint = env.AWS_ENDPOINT_URL_LAMBDA ?? `https://lambda.${env.AWS_REGION}.amazonaws.com`;
  const url = new URL(
    `${endpoint.replace(/\/$/, "")}/2015-03-31/functions/${encodeURIComponent(name)}/invocations`,
  );
  const response = await callAws(
    env,
    "lambda",
    url,
    { "content-type": "application/json", "x-amz-invocation-type": "Event" },
    JSON.stringify(order),
  );
  if (response.status !== 202)
    throw new Error(`Lambda Invoke answered ${response.status}: ${response.body.slice(0, 200)}`);
}
