/**
 * The hand-off from the acknowledgement to the work: on AWS, the same function invoked
 * asynchronously with the verified request as its event (`invokeSelf`, adapters/aws). Lambda
 * retries a failed worker itself (twice), and the worker's claim makes a retry post nothing twice.
 */
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
