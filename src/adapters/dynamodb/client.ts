import { DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

type RetryStrategyV2 = Extract<
  NonNullable<DynamoDBClientConfig["retryStrategy"]>,
  { acquireInitialRetryToken: unknown }
>;
type RetryToken = Awaited<ReturnType<RetryStrategyV2["acquireInitialRetryToken"]>>;
type RetryErrorInfo = Parameters<RetryStrategyV2["refreshRetryTokenForRetry"]>[1];

/**
 * How hard one DynamoDB call may try. The SDK's defaults (3 attempts, throttling backoff from
 * 1 s doubling, no request timeout) can spend longer than Slack's 3-second window on one call.
 * A chat request makes about five calls (claim, read, write, link), so each gets a small,
 * bounded budget; see docs/reliability.md for the arithmetic.
 */
export interface DynamoCallPolicy {
  /** Attempts per call, the first included. */
  readonly maxAttempts: number;
  /** Full-jitter backoff: a random delay in [0, min(cap, base × 2^retry)). */
  readonly baseDelayMs: number;
  readonly throttlingBaseDelayMs: number;
  readonly maxDelayMs: number;
  /** TCP connect, then the whole response: a stalled connection becomes a retryable timeout. */
  readonly connectionTimeoutMs: number;
  readonly requestTimeoutMs: number;
}

/**
 * The Lambda functions' policy. Worst case for one call that keeps being throttled: three
 * attempts and at most 100 + 200 ms of backoff; a call that hangs costs at most 3 × 800 ms.
 * DynamoDB answers in single-digit milliseconds when healthy, so neither ever triggers then.
 */
export const LAMBDA_DYNAMO_POLICY: DynamoCallPolicy = {
  maxAttempts: 3,
  baseDelayMs: 25,
  throttlingBaseDelayMs: 100,
  maxDelayMs: 250,
  connectionTimeoutMs: 300,
  requestTimeoutMs: 800,
};

/**
 * The SDK's retry interface, with our bounded backoff. Which errors are retryable (throttling,
 * 5xx, timeouts, connection resets) is the SDK's own classification, passed in `errorType`.
 */
export function boundedRetryStrategy(policy: DynamoCallPolicy, random = Math.random): RetryStrategyV2 {
  const token = (retries: number, delay: number): RetryToken => ({
    getRetryCount: () => retries,
    getRetryDelay: () => delay,
  });
  return {
    acquireInitialRetryToken: async () => token(0, 0),
    refreshRetryTokenForRetry: async (previous: RetryToken, info: RetryErrorInfo) => {
      const retries = previous.getRetryCount();
      const retryable = info.errorType === "THROTTLING" || info.errorType === "TRANSIENT";
      if (!retryable || retries + 1 >= policy.maxAttempts) throw new Error("no retry left");
      const base = info.errorType === "THROTTLING" ? policy.throttlingBaseDelayMs : policy.baseDelayMs;
      const delay = Math.floor(random() * Math.min(policy.maxDelayMs, base * 2 ** retries));
      return token(retries + 1, delay);
    },
    recordSuccess: () => {},
  };
}

/**
 * The document client every function uses. With `endpoint` (tests, db:local, the CLI) it
 * talks to a local engine, which ignores credentials but the SDK insists on some; without,
 * it uses the Lambda's role and region. Undefined attributes are dropped, not refused.
 * With a `policy`, retries and timeouts are bounded by it; without, the SDK's defaults apply
 * (the CLI, which has no deadline).
 */
export function documentClientFor(
  endpoint?: string,
  region?: string,
  policy?: DynamoCallPolicy,
  requestHandler?: DynamoDBClientConfig["requestHandler"],
): DynamoDBDocumentClient {
  const bounded: DynamoDBClientConfig = policy
    ? {
        maxAttempts: policy.maxAttempts,
        retryStrategy: boundedRetryStrategy(policy),
        requestHandler: {
          connectionTimeout: policy.connectionTimeoutMs,
          requestTimeout: policy.requestTimeoutMs,
          throwOnRequestTimeout: true,
        },
      }
    : {};
  const client = new DynamoDBClient(
    endpoint
      ? {
          endpoint,
          region: region ?? process.env.AWS_REGION ?? "us-east-1",
          credentials: { accessKeyId: "local", secretAccessKey: "local" },
          ...bounded,
          ...(requestHandler ? { requestHandler } : {}),
        }
      : bounded,
  );
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
