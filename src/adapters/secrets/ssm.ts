import { GetParametersCommand, SSMClient } from "@aws-sdk/client-ssm";

/** A secret named in the environment could not be read from Parameter Store. */
export class MissingSecretError extends Error {
  override readonly name = "MissingSecretError";
  constructor(readonly parameters: readonly string[]) {
    super(`SSM Parameter Store has no ${parameters.join(", ")} (or this function may not read it)`);
  }
}

/** Parameter Store did not answer within the cold start's budget. */
export class SecretsTimeoutError extends Error {
  override readonly name = "SecretsTimeoutError";
}

const SUFFIX = "_PARAM";

/**
 * Lambda gives a cold start 10 s of init. Three attempts of at most 2.5 s each, 200 ms apart,
 * end by 7.9 s, leaving the rest of the init its time; without a bound a hung SSM call kept
 * the cold start pending until Lambda killed it.
 */
export const COLD_START_SECRETS = { attempts: 3, attemptTimeoutMs: 2_500, backoffMs: 200 } as const;

export interface SecretsOptions {
  /**
   * Variables whose parameter may be missing: they are left unset, and whatever needs them is
   * then not configured (a Slack-only deployment has no Teams password).
   */
  readonly optional?: readonly string[];
  readonly attempts?: number;
  readonly attemptTimeoutMs?: number;
  readonly backoffMs?: number;
}

/** The SSM client for cold starts: our own attempts and timeouts (above) instead of the SDK's. */
export function secretsClient(): SSMClient {
  return new SSMClient({
    maxAttempts: 1,
    requestHandler: {
      connectionTimeout: COLD_START_SECRETS.attemptTimeoutMs,
      requestTimeout: COLD_START_SECRETS.attemptTimeoutMs,
    },
  });
}

/**
 * Secrets stay out of the repo and the deployment template: the template sets
 * `SLACK_BOT_TOKEN_PARAM=/costbot/prod/slack/bot-token`, and at cold start this reads every
 * such parameter (SecureString, decrypted) in one call and returns the environment with
 * `SLACK_BOT_TOKEN` set. A variable already set directly (local runs, tests) wins.
 */
export async function resolveSecretParams(
  env: Readonly<Record<string, string | undefined>>,
  ssm: Pick<SSMClient, "send">,
  options: SecretsOptions = {},
): Promise<Record<string, string | undefined>> {
  const wanted = Object.entries(env)
    .filter(
      ([key, value]) => key.endsWith(SUFFIX) && value && env[key.slice(0, -SUFFIX.length)] === undefined,
    )
    .map(([key, value]) => ({ name: key.slice(0, -SUFFIX.length), parameter: value! }));
  if (wanted.length === 0) return { ...env };
  const resolved: Record<string, string | undefined> = { ...env };
  const optional = new Set(options.optional ?? []);
  // GetParameters takes at most 10 names a call.
  for (let i = 0; i < wanted.length; i += 10) {
    const batch = wanted.slice(i, i + 10);
    const command = new GetParametersCommand({
      Names: [...new Set(batch.map((w) => w.parameter))],
      WithDecryption: true,
    });
    const out = await withRetries((abortSignal) => ssm.send(command, { abortSignal }), options);
    const values = new Map((out.Parameters ?? []).map((p) => [p.Name, p.Value]));
    const missing = batch.filter((w) => values.get(w.parameter) === undefined && !optional.has(w.name));
    if (missing.length) throw new MissingSecretError(missing.map((w) => w.parameter));
    for (const w of batch) if (values.has(w.parameter)) resolved[w.name] = values.get(w.parameter);
  }
  return resolved;
}

/** Errors worth another attempt: our timeout, throttling, SSM's own faults, the network. */
function retryable(error: unknown): boolean {
  if (error instanceof SecretsTimeoutError) return true;
  const e = error as { name?: string; $fault?: string; $retryable?: unknown };
  return e.$retryable !== undefined || e.$fault === "server" || e.name === "ThrottlingException" || !e.$fault;
}

async function withRetries<T>(
  call: (abortSignal: AbortSignal) => Promise<T>,
  options: SecretsOptions,
): Promise<T> {
  const attempts = options.attempts ?? COLD_START_SECRETS.attempts;
  const timeoutMs = options.attemptTimeoutMs ?? COLD_START_SECRETS.attemptTimeoutMs;
  const backoffMs = options.backoffMs ?? COLD_START_SECRETS.backoffMs;
  for (let attempt = 1; ; attempt++) {
    let timer: NodeJS.Timeout | undefined;
    const abort = new AbortController();
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          abort.abort();
          reject(new SecretsTimeoutError(`SSM did not answer within ${timeoutMs} ms`));
        }, timeoutMs);
      });
      return await Promise.race([call(abort.signal), timeout]);
    } catch (error) {
      if (attempt >= attempts || !retryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, backoffMs));
    } finally {
      clearTimeout(timer);
    }
  }
}
