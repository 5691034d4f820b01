import { z } from "zod";
import { TeamsConfigError } from "./config-error.ts";
import { isSecureOrLoopbackUrl, LOOPBACK_HOSTS, TENANT_ID } from "./inbound.ts";

/**
 * The Teams function's settings, parsed once from the environment. In AWS the secret arrives
 * as an SSM parameter name (`MicrosoftAppPassword_PARAM`) that the handler resolves first.
 */
export interface TeamsConfig {
  /** The bot's Entra app (client) id: the audience inbound tokens must carry. */
  readonly appId: string;
  readonly tenantId: string;
  readonly credential:
    | { readonly kind: "secret"; readonly secret: string }
    | { readonly kind: "certificate"; readonly pemFile: string; readonly keyFile: string }
    /** Tokens from an Entra auth sidecar (a loopback or private URL): local runs and tests. */
    | { readonly kind: "sidecar"; readonly url: string };
  /** Entra authority; Entra-issued tokens are checked against `<authority>/<tenant>/discovery/v2.0/keys`. */
  readonly authorityEndpoint?: string;
  /** Loopback hosts besides Microsoft's that activity serviceUrls may name (a local fake connector). */
  readonly extraServiceHosts: readonly string[];
  /** When set, only these tenants (lower-case GUIDs) are answered. */
  readonly allowedTenants?: ReadonlySet<string>;
  readonly tableName: string;
  readonly dynamoEndpoint?: string;
  /** AWS Budgets for `budget …` commands; absent, those commands say what is missing. */
  readonly budgets?: { readonly accountId: string; readonly topicArn: string };
}

export { TeamsConfigError };

const LOOPBACK = new Set(LOOPBACK_HOSTS);

// Unset and empty are the same thing: deployment tools often write "" for a missing parameter.
const setting = (description: string) =>
  z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().min(1).optional()).describe(description);
const url = (description: string) =>
  setting(description).refine((v) => v === undefined || isSecureOrLoopbackUrl(v), {
    message: "must be an https URL (plain http only on 127.0.0.1 or localhost)",
  });

const list = (description: string, valid: (item: string) => boolean, message: string) =>
  setting(description)
    .transform((v) =>
      (v ?? "")
        .split(",")
        .map((item) => item.trim())
        .filter(Boolean),
    )
    .refine((items) => items.every(valid), { message });

const Env = z.object({
  MicrosoftAppId: setting("the bot's Entra app (client) id"),
  MicrosoftAppTenantId: setting("the Entra tenant the bot's app registration lives in"),
  MicrosoftAppPassword: setting("the app's client secret"),
  MicrosoftAppCertPemFile: setting("path of the app's certificate (PEM), instead of a secret"),
  MicrosoftAppCertKeyFile: setting("path of the certificate's private key (PEM)"),
  TABLE_NAME: setting("the DynamoDB table"),
  DYNAMODB_ENDPOINT: url("a local DynamoDB endpoint (tests, local runs)"),
  TEAMS_AUTHORITY_ENDPOINT: url("Entra authority (default https://login.microsoftonline.com)"),
  TEAMS_TOKEN_SIDECAR_URL: url("Entra auth sidecar for outbound tokens (tests, local runs)"),
  // Loopback only: a production setting cannot widen where the bot sends its token.
  TEAMS_EXTRA_SERVICE_HOSTS: list(
    "comma-separated loopback hosts a local fake connector runs on (tests, local runs)",
    (h) => LOOPBACK.has(h),
    "may only name loopback hosts (127.0.0.1, localhost, [::1]); Microsoft's Teams hosts are built in",
  ),
  TEAMS_ALLOWED_TENANTS: list(
    "comma-separated Entra tenant ids (GUIDs) allowed to use the bot; unset: any tenant",
    (t) => TENANT_ID.test(t),
    "must be tenant ids (GUIDs), comma-separated",
  ),
  COSTBOT_AWS_ACCOUNT_ID: setting("the AWS account budgets are created in"),
  COSTBOT_BUDGETS_TOPIC_ARN: setting("the SNS topic budget alerts publish to"),
});

/** Fails fast, naming every missing or malformed setting at once. */
export function loadTeamsConfig(env: NodeJS.ProcessEnv): TeamsConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`);
    throw new TeamsConfigError(`Teams configuration: ${problems.join("; ")}`);
  }
  const e = parsed.data;
  const missing = [
    ...(e.MicrosoftAppId ? [] : ["MicrosoftAppId (the bot's app id)"]),
    ...(e.MicrosoftAppTenantId ? [] : ["MicrosoftAppTenantId (the app registration's tenant)"]),
    ...(e.TABLE_NAME ? [] : ["TABLE_NAME (the DynamoDB table)"]),
  ];
  const credential = credentialOf(e);
  if (!credential)
    missing.push(
      "MicrosoftAppPassword (in AWS: MicrosoftAppPassword_PARAM naming its SSM parameter), or MicrosoftAppCertPemFile with MicrosoftAppCertKeyFile (the app's credential)",
    );
  if (missing.length) throw new TeamsConfigError(`Teams configuration is missing ${missing.join(", ")}`);
  return {
    appId: e.MicrosoftAppId!,
    tenantId: e.MicrosoftAppTenantId!,
    credential: credential!,
    ...(e.TEAMS_AUTHORITY_ENDPOINT ? { authorityEndpoint: e.TEAMS_AUTHORITY_ENDPOINT } : {}),
    extraServiceHosts: e.TEAMS_EXTRA_SERVICE_HOSTS,
    ...(e.TEAMS_ALLOWED_TENANTS.length
      ? { allowedTenants: new Set(e.TEAMS_ALLOWED_TENANTS.map((t) => t.toLowerCase())) }
      : {}),
    tableName: e.TABLE_NAME!,
    ...(e.DYNAMODB_ENDPOINT ? { dynamoEndpoint: e.DYNAMODB_ENDPOINT } : {}),
    ...(e.COSTBOT_AWS_ACCOUNT_ID && e.COSTBOT_BUDGETS_TOPIC_ARN
      ? { budgets: { accountId: e.COSTBOT_AWS_ACCOUNT_ID, topicArn: e.COSTBOT_BUDGETS_TOPIC_ARN } }
      : {}),
  };
}

function credentialOf(e: z.output<typeof Env>): TeamsConfig["credential"] | undefined {
  if (e.TEAMS_TOKEN_SIDECAR_URL) return { kind: "sidecar", url: e.TEAMS_TOKEN_SIDECAR_URL };
  if (e.MicrosoftAppPassword) return { kind: "secret", secret: e.MicrosoftAppPassword };
  if (e.MicrosoftAppCertPemFile && e.MicrosoftAppCertKeyFile)
    return { kind: "certificate", pemFile: e.MicrosoftAppCertPemFile, keyFile: e.MicrosoftAppCertKeyFile };
  return undefined;
}
