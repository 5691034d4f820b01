import { z } from "zod";

/**
 * The Slack function's settings, parsed once from the environment. In AWS the secrets come
 * from SSM Parameter Store (the handler resolves `SLACK_…_PARAM` names at cold start, see
 * src/adapters/secrets/ssm.ts); locally and in tests they are plain variables. An empty value
 * counts as missing (an unset Serverless param often arrives as "").
 */
const required = (what: string) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .min(1, `${what} is required`);
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });

const lambdaSchema = z.object({
  SLACK_SIGNING_SECRET: required("the app's signing secret (Basic Information → App Credentials)"),
  SLACK_BOT_TOKEN: required("the bot token (OAuth & Permissions)").startsWith(
    "xoxb-",
    "must be a bot token (xoxb-…)",
  ),
  TABLE_NAME: required("the DynamoDB table name"),
  /** With both ids known, no request ever waits on auth.test. */
  SLACK_BOT_USER_ID: optional(z.string().regex(/^[UW][A-Z0-9]+$/, "must look like U0123ABCD")),
  SLACK_BOT_ID: optional(z.string().regex(/^B[A-Z0-9]+$/, "must look like B0123ABCD")),
  /** A local DynamoDB engine (tests, `npm run db:local`); AWS's endpoint when absent. */
  DYNAMODB_ENDPOINT: optional(httpUrl),
  /** Where the Web API lives; tests point it at a fake on loopback. */
  SLACK_API_URL: optional(httpUrl),
  LOG_LEVEL: optional(z.enum(["debug", "info", "warn", "error"])),
  /**
   * Per-attempt DynamoDB timeout (connect and answer), 800 ms when absent. Raise it only where
   * the table is far away or shared with heavy load (the load test runs 1,000 requests on one CPU).
   */
  DYNAMODB_TIMEOUT_MS: optional(z.coerce.number().int().min(50).max(60_000)),
  /**
   * How long a what-if meeting concurrent ones in its thread keeps retrying, 12 s when absent
   * (inside the 20 s function timeout). Raised, like DYNAMODB_TIMEOUT_MS, only by the load test.
   */
  WHAT_IF_RETRY_MS: optional(z.coerce.number().int().min(100).max(600_000)),
  /** Both set: `budget create|list|show|delete` work from Slack; otherwise they say what is missing. */
  COSTBOT_AWS_ACCOUNT_ID: optional(z.string().regex(/^\d{12}$/, "must be a 12-digit AWS account id")),
  COSTBOT_BUDGETS_TOPIC_ARN: optional(z.string().startsWith("arn:aws", "must be an SNS topic ARN")),
});

const socketSchema = z.object({
  SLACK_BOT_TOKEN: lambdaSchema.shape.SLACK_BOT_TOKEN,
  SLACK_APP_TOKEN: required(
    "the app-level token with connections:write (Basic Information → App-Level Tokens)",
  ).startsWith("xapp-", "must be an app-level token (xapp-…)"),
  SLACK_BOT_USER_ID: lambdaSchema.shape.SLACK_BOT_USER_ID,
  SLACK_BOT_ID: lambdaSchema.shape.SLACK_BOT_ID,
  SLACK_API_URL: lambdaSchema.shape.SLACK_API_URL,
  COSTBOT_HOME: optional(z.string()),
  TABLE_NAME: optional(z.string().min(3)),
  LOG_LEVEL: lambdaSchema.shape.LOG_LEVEL,
});

export type SlackConfig = z.output<typeof lambdaSchema>;
export type SocketModeConfig = z.output<typeof socketSchema>;

/** A setting is missing or malformed; the message names each one. */
export class SlackConfigError extends Error {
  override readonly name = "SlackConfigError";
  constructor(
    readonly settings: readonly string[],
    message: string,
  ) {
    super(message);
  }
}

function parse<S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv, what: string): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
  throw new SlackConfigError(
    result.error.issues.map((i) => String(i.path[0])),
    `${what} cannot start; fix these settings:\n  ${problems.join("\n  ")}`,
  );
}

export function loadSlackConfig(env: NodeJS.ProcessEnv): SlackConfig {
  return parse(lambdaSchema, env, "costbot's Slack function");
}

export function loadSocketModeConfig(env: NodeJS.ProcessEnv): SocketModeConfig {
  return parse(socketSchema, env, "costbot's local Slack app (Socket Mode)");
}
