/**
 * The `teams` Lambda: Azure Bot Service posts Bot Framework activities to the HTTP API route
 * (POST /teams/messages). Two steps, as the slack function (docs/teams.md, "Acknowledge, then work"):
 *  1. an HTTP request is admitted (its token verified with node:crypto against the issuer's
 *     cached keys) and acknowledged at once (src/adapters/teams/ack.ts); an invoke (Save) is
 *     answered inline by the worker, because Teams reads its card from the answer;
 *  2. the worker (src/adapters/teams/worker.ts, loaded on first use: the Agents SDK, DynamoDB,
 *     the pipeline) runs the turn: on AWS this same function invoked asynchronously with the
 *     admitted request as its event; elsewhere (tests, local runs) the same process, right
 *     after the response is returned.
 * The cold start reads no secret: verifying needs only the app id and the issuer's public keys;
 * the worker reads the app password from SSM. A deployment without Teams (MicrosoftAppId empty)
 * says so once and answers 503.
 */
import { jsonLogger, logContext, withLogContext } from "../adapters/log.ts";
import { teamsAcknowledger } from "../adapters/teams/ack.ts";
import { loadAckSettings } from "../adapters/teams/ack-settings.ts";
import type { Gate } from "../adapters/teams/admit.ts";
import { invokeSelf, isTeamsWorkOrder, type TeamsWorkOrder, workOrderOf } from "../adapters/teams/handoff.ts";
import type { AdmittedRequest, HttpEvent, HttpResult } from "../adapters/teams/request.ts";
import { signingKeys } from "../adapters/teams/signing-keys.ts";
import { tokenTrust } from "../adapters/teams/token.ts";
import type { TeamsWorker } from "../adapters/teams/worker.ts";
import type { ChannelRef, Tenant } from "../app/ports.ts";
import type { Reply } from "../app/reply.ts";

const log = jsonLogger({ function: "teams" });
const settings = loadAckSettings(process.env);
if (!settings) log.warn("teams is not configured here (no MicrosoftAppId); every request is answered 503");

const gate: Gate | undefined = settings && {
  trust: tokenTrust(settings),
  keys: signingKeys(),
  policy: {
    loopbackServiceHosts: settings.extraServiceHosts,
    ...(settings.allowedTenants ? { allowedTenants: settings.allowedTenants } : {}),
  },
  log,
};

let worker: Promise<TeamsWorker> | undefined;
const loadWorker = (admit: Gate) =>
  (worker ??= import("../adapters/teams/worker.ts")
    .then((m) => m.createTeamsWorker(process.env, admit, log))
    // A cold start that could not read its secret may succeed on the next request.
    .catch((error: unknown) => {
      worker = undefined;
      throw error;
    }));

/** Work started in this process after its response (outside AWS), until it ends. */
const pending = new Set<Promise<unknown>>();
const onAws = Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME);

function runAfterResponse(admit: Gate, request: AdmittedRequest): void {
  const fields = { ...logContext(), step: "work" };
  const job = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => withLogContext(fields, async () => (await loadWorker(admit)).answer(request)))
    .catch((error: unknown) => log.error("teams worker failed", { error }))
    .finally(() => pending.delete(job));
  pending.add(job);
}

const acknowledge =
  gate &&
  teamsAcknowledger({
    gate,
    nowSeconds: () => Math.floor(Date.now() / 1000),
    workNow: async (request) => (await loadWorker(gate)).answer(request),
    handOff: async (request) =>
      onAws ? invokeSelf(workOrderOf(request), process.env) : runAfterResponse(gate, request),
  });

/** Proactive posts from this process (tests use it; budget-alerts builds its own TeamsNotifier). */
export const notifier = gate && {
  post: async (tenant: Tenant, channel: ChannelRef, reply: Reply) =>
    (await loadWorker(gate)).notifier.post(tenant, channel, reply),
};

const NOT_CONFIGURED: HttpResult = {
  statusCode: 503,
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ error: "Teams is not configured in this deployment" }),
};

/**
 * An HTTP request from Bot Service is acknowledged; a work order (this function's own
 * asynchronous invocation) is worked. Each runs with its ids on every log line.
 */
export const handler = async (
  event: HttpEvent | TeamsWorkOrder,
  context: { awsRequestId?: string },
): Promise<HttpResult | { ok: true }> => {
  if (isTeamsWorkOrder(event)) {
    return withLogContext({ requestId: context?.awsRequestId, step: "work" }, async () => {
      if (gate) await (await loadWorker(gate)).run(event);
      return { ok: true } as const;
    });
  }
  return withLogContext(
    { requestId: context?.awsRequestId, apiRequestId: event.requestContext?.requestId },
    async () => (acknowledge ? acknowledge(event) : NOT_CONFIGURED),
  );
};

/** Resolves once the work started after earlier responses in this process has ended (tests, benchmarks). */
export async function settled(): Promise<void> {
  while (pending.size) await Promise.all([...pending]);
}
