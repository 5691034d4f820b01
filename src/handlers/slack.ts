/**
 * The `slack` Lambda (API Gateway HTTP API, payload v2): slash commands, Events API and
 * interactivity all arrive here (POST /slack/commands, /slack/events, /slack/interactivity;
 * the path does not matter). Two steps (docs/slack.md, "Acknowledge, then work"):
 *  1. an HTTP request is verified and acknowledged at once (src/adapters/slack/ack.ts), loading
 *     nothing but node:crypto and a SigV4 signer; the verified request is handed to
 *  2. the worker (src/adapters/slack/worker.ts, loaded on first use): on AWS this same function
 *     invoked asynchronously with the request as its event; elsewhere (tests, local runs) the
 *     same process, right after the response is returned.
 */

import { invokeSelf } from "../adapters/aws/invoke-self.ts";
import { jsonLogger, logContext, withLogContext } from "../adapters/log.ts";
import { acknowledger } from "../adapters/slack/ack.ts";
import { isWorkOrder, type WorkOrder } from "../adapters/slack/handoff.ts";
import { deliveryFields, type SlackHttpEvent } from "../adapters/slack/request.ts";
import { resolveSecretsWithFetch } from "../adapters/slack/secrets.ts";
import type { SignedRequest } from "../adapters/slack/verify.ts";
import type { SlackWorker } from "../adapters/slack/worker.ts";

const env = await resolveSecretsWithFetch(process.env);
requireSettings(env);
const log = jsonLogger({ function: "slack" }, undefined, undefined, { debug: env.LOG_LEVEL === "debug" });

let worker: Promise<SlackWorker> | undefined;
const loadWorker = () =>
  (worker ??= import("../adapters/slack/worker.ts").then((m) => m.createWorker(env, log)));
const work = async (request: SignedRequest) => (await loadWorker()).run(request);

/** Work started in this process after its response (outside AWS), until it ends. */
const pending = new Set<Promise<unknown>>();
const onAws = Boolean(env.AWS_LAMBDA_FUNCTION_NAME);

function runAfterResponse(order: WorkOrder): void {
  const fields = { ...logContext(), step: "work" };
  const job = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => withLogContext(fields, () => work(order.request)))
    .catch((error: unknown) => log.error("slack worker failed", { error }))
    .finally(() => pending.delete(job));
  pending.add(job);
}

const acknowledge = acknowledger({
  signingSecret: env.SLACK_SIGNING_SECRET!,
  log,
  nowSeconds: () => Math.floor(Date.now() / 1000),
  workNow: work,
  handOff: async (order) => (onAws ? invokeSelf(order, env) : runAfterResponse(order)),
});

/**
 * An HTTP request from Slack is acknowledged; a work order (this function's own asynchronous
 * invocation) is worked. Each runs with its ids on every log line.
 */
export const handler = async (event: SlackHttpEvent | WorkOrder, context: { awsRequestId?: string }) => {
  if (isWorkOrder(event)) {
    const ids = {
      requestId: context?.awsRequestId,
      step: "work",
      ...deliveryFields({ body: event.request.body }),
    };
    return withLogContext(ids, async () => {
      await work(event.request);
      return { ok: true };
    });
  }
  const ids = { requestId: context?.awsRequestId, ...deliveryFields(event) };
  return withLogContext(ids, () => acknowledge(event));
};

/** Resolves once the work started after earlier responses in this process has ended (tests, benchmarks). */
export async function settled(): Promise<void> {
  while (pending.size) await Promise.all([...pending]);
}

/**
 * The acknowledgement needs only the signing secret; the rest is the worker's (its zod schema
 * checks every setting). The required ones are named here too, so a cold start without them
 * fails at once rather than at the first request.
 */
function requireSettings(settings: Readonly<Record<string, string | undefined>>): void {
  const required = {
    SLACK_SIGNING_SECRET: "the app's signing secret (Basic Information → App Credentials)",
    SLACK_BOT_TOKEN: "the bot token (OAuth & Permissions)",
    TABLE_NAME: "the DynamoDB table name",
  };
  const missing = Object.entries(required).filter(([name]) => !settings[name]?.trim());
  if (missing.length)
    throw new Error(
      `costbot's Slack function cannot start; fix these settings:\n  ${missing.map(([name, what]) => `${name}: ${what} is required`).join("\n  ")}`,
    );
}
