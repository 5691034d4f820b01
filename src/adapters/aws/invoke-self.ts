/**
 * This Lambda function invoking itself asynchronously (`InvocationType: Event`) with `payload`
 * as the event: how the slack and teams acknowledgements hand their work on (docs/slack.md and
 * docs/teams.md, "Acknowledge, then work"). Signed with our own SigV4 over node:https
 * (sigv4.ts) rather than @aws-sdk/client-lambda, which would add its whole client and
 * middleware stack to the cold start the chat service waits for. Lambda queues the event and
 * answers 202 at once; it retries a failed invocation itself (twice).
 */
import { callAws } from "./sigv4.ts";

type Env = Readonly<Record<string, string | undefined>>;

/** Invokes AWS_LAMBDA_FUNCTION_NAME with `payload`; throws unless Lambda accepted it (202). */
export async function invokeSelf(payload: unknown, env: Env): Promise<void> {
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
    JSON.stringify(payload),
  );
  if (response.status !== 202)
    throw new Error(`Lambda Invoke answered ${response.status}: ${response.body.slice(0, 200)}`);
}
