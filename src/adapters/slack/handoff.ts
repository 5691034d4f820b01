/**
 * The hand-off from the acknowledgement to the work: on AWS, the same function invoked
 * asynchronously (`InvocationType: Event`) with the verified request as its event. Signed with
 * our own SigV4 over node:https (sigv4.ts) rather than @aws-sdk/client-lambda, which would add
 * its whole client and middleware stack to the cold start Slack waits for.
 * The Lambda service queues the event and answers 202 at once; it retries a failed worker
 * itself (twice), and the worker's claim makes a retry post nothing twice.
 */
import { callAws } from "./sigv4.ts";
import type { SignedRequest } from "./verify.ts";

/** What the worker invocation receives: the request exactly as Slack signed it. */
export interface WorkOrder {
  readonly costbotSlackWork: 1;
  readonly request: SignedRequest;
}

export function isWorkOrder(event: unknown): event is WorkOrder {
  return (
    typeof event === "object" &&
    event !== null &&
    (event as { costbotSlackWork?: unknown }).costbotSlackWork === 1 &&
    typeof (event as { request?: { body?: unknown } }).request?.body === "string"
  );
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Invokes this function (AWS_LAMBDA_FUNCTION_NAME) with the order, asynchronously. Throws
 * unless Lambda accepted it (202), so the caller can answer Slack with an error and let it retry.
 */
export async function invokeSelf(order: WorkOrder, env: Env): Promise<void> {
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
