/**
 * The acknowledgement needs the signing secret before it can answer anything, so its cold
 * start reads the `…_PARAM` secrets from SSM Parameter Store itself: one GetParameters call
 * (the JSON 1.1 protocol) signed by sigv4.ts, instead of loading @aws-sdk/client-ssm. Same
 * rules as src/adapters/secrets/ssm.ts: a variable set directly wins; every name is decrypted.
 */
import { callAws } from "../aws/sigv4.ts";

/** Not imported from ../secrets/ssm.ts, which loads @aws-sdk/client-ssm. */
export class MissingSecretError extends Error {
  override readonly name = "MissingSecretError";
  constructor(readonly parameters: readonly string[]) {
    super(`SSM Parameter Store has no ${parameters.join(", ")} (or this function may not read it)`);
  }
}

/** Matches COLD_START_SECRETS.attemptTimeoutMs in ../secrets/ssm.ts (which loads the SDK). */
const SSM_ATTEMPT_TIMEOUT_MS = 2_500;

type Env = Readonly<Record<string, string | undefined>>;
const SUFFIX = "_PARAM";

export async function resolveSecretsWithFetch(env: Env): Promise<Record<string, string | undefined>> {
  const wanted = Object.entries(env)
    .filter(
      ([key, value]) => key.endsWith(SUFFIX) && value && env[key.slice(0, -SUFFIX.length)] === undefined,
    )
    .map(([key, value]) => ({ name: key.slice(0, -SUFFIX.length), parameter: value! }));
  if (wanted.length === 0) return { ...env };
  const endpoint = (env.AWS_ENDPOINT_URL_SSM ?? `https://ssm.${env.AWS_REGION}.amazonaws.com`).replace(
    /\/$/,
    "",
  );
  const resolved: Record<string, string | undefined> = { ...env };
  for (let i = 0; i < wanted.length; i += 10) {
    const batch = wanted.slice(i, i + 10);
    const response = await callAws(
      env,
      "ssm",
      new URL(`${endpoint}/`),
      { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AmazonSSM.GetParameters" },
      JSON.stringify({ Names: [...new Set(batch.map((w) => w.parameter))], WithDecryption: true }),
      // Like ../secrets/ssm.ts: three attempts of 2.5 s end well inside Lambda's 10 s of init.
      SSM_ATTEMPT_TIMEOUT_MS,
    );
    if (response.status !== 200) throw new Error(`SSM GetParameters answered ${response.status}`);
    const out = JSON.parse(response.body) as { Parameters?: { Name?: string; Value?: string }[] };
    const values = new Map((out.Parameters ?? []).map((p) => [p.Name, p.Value]));
    const missing = batch.filter((w) => values.get(w.parameter) === undefined).map((w) => w.parameter);
    if (missing.length) throw new MissingSecretError(missing);
    for (const w of batch) resolved[w.name] = values.get(w.parameter);
  }
  return resolved;
}
