import { GetParametersCommand, type SSMClient } from "@aws-sdk/client-ssm";

/** A secret named in the environment could not be read from Parameter Store. */
export class MissingSecretError extends Error {
  override readonly name = "MissingSecretError";
  constructor(readonly parameters: readonly string[]) {
    super(`SSM Parameter Store has no ${parameters.join(", ")} (or this function may not read it)`);
  }
}

const SUFFIX = "_PARAM";

/**
 * Secrets stay out of the repo and the deployment template: the template sets
 * `SLACK_BOT_TOKEN_PARAM=/costbot/prod/slack/bot-token`, and at cold start this reads every
 * such parameter (SecureString, decrypted) in one call and returns the environment with
 * `SLACK_BOT_TOKEN` set. A variable already set directly (local runs, tests) wins.
 */
export async function resolveSecretParams(
  env: Readonly<Record<string, string | undefined>>,
  ssm: Pick<SSMClient, "send">,
): Promise<Record<string, string | undefined>> {
  const wanted = Object.entries(env)
    .filter(
      ([key, value]) => key.endsWith(SUFFIX) && value && env[key.slice(0, -SUFFIX.length)] === undefined,
    )
    .map(([key, value]) => ({ name: key.slice(0, -SUFFIX.length), parameter: value! }));
  if (wanted.length === 0) return { ...env };
  const resolved: Record<string, string | undefined> = { ...env };
  // GetParameters takes at most 10 names a call.
  for (let i = 0; i < wanted.length; i += 10) {
    const batch = wanted.slice(i, i + 10);
    const out = await ssm.send(
      new GetParametersCommand({ Names: [...new Set(batch.map((w) => w.parameter))], WithDecryption: true }),
    );
    const values = new Map((out.Parameters ?? []).map((p) => [p.Name, p.Value]));
    const missing = batch.filter((w) => values.get(w.parameter) === undefined).map((w) => w.parameter);
    if (missing.length) throw new MissingSecretError(missing);
    for (const w of batch) resolved[w.name] = values.get(w.parameter);
  }
  return resolved;
}
