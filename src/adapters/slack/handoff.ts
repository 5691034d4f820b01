/**
 * The hand-off from the acknowledgement to the work: on AWS, the same function invoked
 * asynchronously (`InvocationType: Event`) with the verified request as its event. Signed with
 * aws4fetch (SigV4 over fetch, 11 KB, no dependencies) rather than @aws-sdk/client-lambda,
 * which would add its whole client and middleware stack to the cold start Slack waits for.
 * The Lambda service queues the event and answers 202 at once; it retries a failed worker
 * itself (twice), and the worker's claim makes a retry post nothing twice.
 */
import { AwsClient } from "aws4fetch";
import type { SignedRequest } from "./verify.ts";

/** What the worker invocation receives: the request exactly as Slack signed it. */
export interface WorkOrder {
  readonly costbotSlackWork: 1;
  readonly request: SignedRequest;
}

export function workOrder(request: SignedRequest): WorkOrder {
  return { costbotSlackWork: 1, request };
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

/** AWS credentials as Lambda puts them in the environment. */
export function awsClient(env: Env, service: string): AwsClient {
  const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION } = env;
  if (!AWS_ACCESS_KEY_ID || !AWS_SECRET_ACCESS_KEY || !AWS_REGION)
    throw new Error("AWS credentials or region missing from the environment");
  return new AwsClient({
    accessKeyId: AWS_ACCESS_KEY_ID,
    secretAccessKey: AWS_SECRET_ACCESS_KEY,
    ...(AWS_SESSION_TOKEN ? { sessionToken: AWS_SESSION_TOKEN } : {}),
    service,
    region: AWS_REGION,
    // aws4fetch retries 5xx and throttling with backoff; 2 retries stay well inside Slack's 3 s.
    retries: 2,
    initRetryMs: 50,
  });
}

/**
 * Invokes this function (AWS_LAMBDA_FUNCTION_NAME) with the order, asynchronously. Throws
 * unless Lambda accepted it (202), so the caller can answer Slack with an error and let it retry.
 */
export async function invokeSelf(order: WorkOrder, env: Env, client = awsClient(env, "lambda")) {
  const name = env.AWS_LAMBDA_FUNCTION_NAME;
  if (!name) throw new Error("AWS_LAMBDA_FUNCTION_NAME is not set");
  const endpoint = env.AWS_ENDPOINT_URL_LAMBDA ?? `https://lambda.${env.AWS_REGION}.amazonaws.com`;
  const response = await client.fetch(
    `${endpoint.replace(/\/$/, "")}/2015-03-31/functions/${encodeURIComponent(name)}/invocations`,
    {
      method: "POST",
      headers: { "content-type": "application/json", "x-amz-invocation-type": "Event" },
      body: JSON.stringify(order),
    },
  );
  if (response.status !== 202) {
    const text = await response.text().catch(() => "");
    throw new Error(`Lambda Invoke answered ${response.status}: ${text.slice(0, 200)}`);
  }
}
