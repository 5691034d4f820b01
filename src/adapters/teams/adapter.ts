import {
  type AuthConfiguration,
  AuthType,
  CloudAdapter,
  OutboundHostValidator,
} from "@microsoft/agents-hosting";
import type { TeamsConfig } from "./config.ts";
import { TEAMS_SERVICE_HOSTS } from "./inbound.ts";

/**
 * The Agents SDK's auth settings for our one connection. Inbound: every request must carry a
 * token whose audience is our app id, signed by a key from the issuer's JWKS, not expired,
 * and (validateIssuer) from an issuer we trust; Bot Connector tokens come from
 * https://api.botframework.com, whose keys the SDK fetches from login.botframework.com.
 * Outbound: replies carry a token for https://api.botframework.com from MSAL (secret or
 * certificate) or, in tests and local runs, from an Entra auth sidecar on loopback.
 */
export function authConfiguration(config: TeamsConfig): AuthConfiguration {
  const base: AuthConfiguration = {
    clientId: config.appId,
    tenantId: config.tenantId,
    validateIssuer: true,
    ...(config.authorityEndpoint ? { authorityEndpoint: config.authorityEndpoint } : {}),
  };
  const c = config.credential;
  switch (c.kind) {
    case "secret":
      return { ...base, authType: AuthType.ClientSecret, clientSecret: c.secret };
    case "certificate":
      return { ...base, authType: AuthType.Certificate, certPemFile: c.pemFile, certKeyFile: c.keyFile };
    case "sidecar":
      // retryCount 0: a sidecar on this machine either answers or is not there.
      return { ...base, authType: AuthType.EntraAuthSideCar, sidecarBaseUrl: c.url, retryCount: 0 };
  }
}

/**
 * The adapter, with the outbound host check on: a reply's serviceUrl must be one of Teams'
 * documented service hosts (or a loopback host the configuration names), so a forged
 * serviceUrl cannot make us send our token elsewhere; and it must match the token's serviceurl
 * claim. The SDK's own default list (blob storage, SharePoint…) is not used. inbound.ts checks
 * the same, exactly (scheme, host and port), before the turn starts.
 */
export function createTeamsAdapter(config: TeamsConfig): CloudAdapter {
  const hosts = new OutboundHostValidator({
    enabled: true,
    includeDefaultMicrosoftHosts: false,
    hosts: [...TEAMS_SERVICE_HOSTS, ...config.extraServiceHosts],
  });
  return new CloudAdapter(
    authConfiguration(config),
    undefined,
    undefined,
    { validateServiceUrl: true },
    hosts,
  );
}
