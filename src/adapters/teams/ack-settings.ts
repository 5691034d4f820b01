/**
 * What the acknowledgement needs from the environment, read by hand (no zod: its cold start is
 * what Bot Service waits for). Verifying a request needs only the app id, its tenant and the
 * issuer's public keys, never the app's secret, so the SSM password is not read here; the
 * worker reads it (loadTeamsConfig, zod) when it first runs. The rules for each value are the
 * ones config.ts applies (shared predicates from inbound.ts), and the settings only the worker
 * uses are required here too, by presence, so a deployment missing one fails at its first cold
 * start, naming it, rather than at its first message.
 */
import { TeamsConfigError } from "./config-error.ts";
import { isSecureOrLoopbackUrl, LOOPBACK_HOSTS, TENANT_ID } from "./inbound.ts";

export interface AckSettings {
  readonly appId: string;
  readonly tenantId: string;
  readonly authorityEndpoint?: string;
  /** Loopback hosts besides Microsoft's that serviceUrls may name (tests). */
  readonly extraServiceHosts: readonly string[];
  /** Lower-case tenant GUIDs; unset, any tenant. */
  readonly allowedTenants?: ReadonlySet<string>;
}

type Env = Readonly<Record<string, string | undefined>>;

const value = (env: Env, name: string) => {
  const v = env[name]?.trim();
  return v ? v : undefined;
};
const list = (env: Env, name: string) =>
  (value(env, name) ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);

/** Undefined when Teams is not configured here (no MicrosoftAppId): the function answers 503. */
export function loadAckSettings(env: Env): AckSettings | undefined {
  const appId = value(env, "MicrosoftAppId");
  if (!appId) return undefined;
  const tenantId = value(env, "MicrosoftAppTenantId");
  const authority = value(env, "TEAMS_AUTHORITY_ENDPOINT");
  const hosts = list(env, "TEAMS_EXTRA_SERVICE_HOSTS");
  const tenants = list(env, "TEAMS_ALLOWED_TENANTS");
  const problems = [
    ...(authority && !isSecureOrLoopbackUrl(authority)
      ? ["TEAMS_AUTHORITY_ENDPOINT must be an https URL (plain http only on 127.0.0.1 or localhost)"]
      : []),
    ...(hosts.every((h) => LOOPBACK_HOSTS.includes(h))
      ? []
      : [
          "TEAMS_EXTRA_SERVICE_HOSTS may only name loopback hosts (127.0.0.1, localhost, [::1]); Microsoft's Teams hosts are built in",
        ]),
    ...(tenants.every((t) => TENANT_ID.test(t))
      ? []
      : ["TEAMS_ALLOWED_TENANTS must be tenant ids (GUIDs), comma-separated"]),
  ];
  if (problems.length) throw new TeamsConfigError(`Teams configuration: ${problems.join("; ")}`);
  const credential =
    value(env, "TEAMS_TOKEN_SIDECAR_URL") ??
    value(env, "MicrosoftAppPassword") ??
    value(env, "MicrosoftAppPassword_PARAM") ??
    (value(env, "MicrosoftAppCertPemFile") && value(env, "MicrosoftAppCertKeyFile"));
  const missing = [
    ...(tenantId ? [] : ["MicrosoftAppTenantId (the app registration's tenant)"]),
    ...(value(env, "TABLE_NAME") ? [] : ["TABLE_NAME (the DynamoDB table)"]),
    ...(credential
      ? []
      : [
          "MicrosoftAppPassword (in AWS: MicrosoftAppPassword_PARAM naming its SSM parameter), or MicrosoftAppCertPemFile with MicrosoftAppCertKeyFile (the app's credential)",
        ]),
  ];
  if (missing.length) throw new TeamsConfigError(`Teams configuration is missing ${missing.join(", ")}`);
  return {
    appId,
    tenantId: tenantId!,
    ...(authority ? { authorityEndpoint: authority } : {}),
    extraServiceHosts: hosts,
    ...(tenants.length ? { allowedTenants: new Set(tenants.map((t) => t.toLowerCase())) } : {}),
  };
}
