/** An Entra tenant id: a GUID, nothing else (it becomes part of every item's key). */
export const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The hosts Microsoft documents for Teams' Bot Connector service URLs: the public cloud
 * (`https://smba.trafficmanager.net/<region>/`), GCC, GCC High and DoD. Exact hosts, not
 * suffixes: the SDK's default list also allows `*.blob.core.windows.net` and `*.sharepoint.com`,
 * where anyone can host a server, and a reply carries the bot's outbound token.
 */
export const TEAMS_SERVICE_HOSTS: readonly string[] = [
  "smba.trafficmanager.net",
  "smba.infra.gcc.teams.microsoft.com",
  "smba.infra.gov.teams.microsoft.us",
  "smba.infra.dod.teams.microsoft.us",
];

/** Test and local hosts the configuration may add: loopback only (see config.ts and ack-settings.ts). */
export const LOOPBACK_HOSTS: readonly string[] = ["127.0.0.1", "localhost", "[::1]"];

/** Plain http is only for a test server on this machine; anything else must be https. */
export function isSecureOrLoopbackUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const u = new URL(url);
  return u.protocol === "https:" || (u.protocol === "http:" && LOOPBACK_HOSTS.includes(u.hostname));
}

/**
 * May the bot send to (and so hand its token to) this service URL? https on a documented
 * Microsoft host and its default port, or a configured loopback host (a local fake connector).
 */
export function isAllowedServiceUrl(url: string, loopback: readonly string[]): boolean {
  if (!URL.canParse(url)) return false;
  const u = new URL(url);
  if (u.username || u.password) return false;
  if (TEAMS_SERVICE_HOSTS.includes(u.hostname)) return u.protocol === "https:" && u.port === "";
  return loopback.includes(u.hostname) && LOOPBACK_HOSTS.includes(u.hostname) && /^https?:$/.test(u.protocol);
}

export interface InboundPolicy {
  /** Loopback hosts allowed besides Microsoft's (tests); empty in production. */
  readonly loopbackServiceHosts: readonly string[];
  /** When set, the only tenants whose activities are answered. */
  readonly allowedTenants?: ReadonlySet<string>;
}

export interface Refusal {
  readonly status: 400 | 401 | 403;
  readonly reason: string;
}

/**
 * The longest conversation id answered. Teams' own are far shorter (a channel's
 * `19:…@thread.tacv2;messageid=…` is under 100 characters, a 1:1 chat's `a:…` under 200); the id
 * becomes part of item keys, which DynamoDB caps at 1,024 bytes.
 */
export const MAX_CONVERSATION_ID = 400;

type Json = Readonly<Record<string, unknown>>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The activity fields the checks read, by hand rather than with zod: this runs in the
 * acknowledgement, whose cold start Bot Service waits for (docs/teams.md, "Acknowledge, then work").
 */
function activityFields(body: unknown) {
  if (!isObject(body) || typeof body.channelId !== "string" || typeof body.serviceUrl !== "string")
    return undefined;
  const conversation = body.conversation;
  const channelData = body.channelData;
  if (conversation !== undefined && !isObject(conversation)) return undefined;
  if (conversation?.tenantId !== undefined && typeof conversation.tenantId !== "string") return undefined;
  if (channelData !== undefined && channelData !== null && !isObject(channelData)) return undefined;
  const tenant = isObject(channelData) ? channelData.tenant : undefined;
  if (tenant !== undefined && !isObject(tenant)) return undefined;
  return {
    type: body.type,
    channelId: body.channelId,
    serviceUrl: body.serviceUrl,
    conversationId: conversation?.id,
    tenantId: conversation?.tenantId as string | undefined,
    channelDataTenant: tenant?.id,
  };
}

const origin = (url: string) => (URL.canParse(url) ? new URL(url).origin : undefined);

/**
 * What the token must vouch for before the activity body is believed. Runs after token.ts
 * verified the token's signature, audience, issuer and expiry, and before the turn:
 * - only Teams (`channelId` msteams);
 * - the token's `serviceurl` claim is required and names the activity's serviceUrl exactly
 *   (scheme, host and port: the SDK compares host names only), a documented Microsoft host;
 * - the tenant is `conversation.tenantId`, or `channelData.tenant.id` where Teams sends only that
 *   (a 1:1 chat, as Microsoft documents it) and the token's `tid` names the same tenant; a GUID,
 *   compared without regard to case; two that
 *   differ, or a token `tid` that differs, is refused; optionally the tenant must be on the allow-list;
 * - a conversation id longer than any Teams uses is refused here, before it reaches a key.
 */
export function inboundRefusal(
  body: unknown,
  claims: Readonly<Record<string, unknown>> | undefined,
  policy: InboundPolicy,
): Refusal | undefined {
  const activity = activityFields(body);
  if (!activity) return { status: 400, reason: "the activity has no channelId or serviceUrl" };
  if (activity.channelId !== "msteams") return { status: 400, reason: "only Microsoft Teams activities" };
  // The SDK's own first check (400): every activity has a type and a conversation.
  if (
    typeof activity.type !== "string" ||
    !activity.type ||
    typeof activity.conversationId !== "string" ||
    !activity.conversationId
  )
    return { status: 400, reason: "the activity has no type or conversation id" };
  const claim = claims?.serviceurl;
  if (typeof claim !== "string" || !claim)
    return { status: 401, reason: "the token has no serviceurl claim" };
  const claimed = origin(claim);
  if (!claimed || claimed !== origin(activity.serviceUrl))
    return { status: 400, reason: "the serviceUrl is not the token's" };
  if (!isAllowedServiceUrl(activity.serviceUrl, policy.loopbackServiceHosts))
    return { status: 400, reason: "the serviceUrl is not a Microsoft Teams service URL" };
  if (activity.conversationId.length > MAX_CONVERSATION_ID)
    return { status: 400, reason: `the conversation id is longer than ${MAX_CONVERSATION_ID} characters` };
  const second = activity.channelDataTenant;
  const tenant = activity.tenantId ?? (typeof second === "string" ? second : undefined);
  // No tenant at all: the bot answers that it works inside an organisation, and stores nothing.
  if (tenant === undefined) return undefined;
  if (!TENANT_ID.test(tenant)) return { status: 400, reason: "the tenant id is not a GUID" };
  if (second !== undefined && (typeof second !== "string" || second.toLowerCase() !== tenant.toLowerCase()))
    return { status: 400, reason: "the activity names two tenants" };
  // channelData alone is believed only where the token names the same tenant.
  if (activity.tenantId === undefined && typeof claims?.tid !== "string")
    return { status: 401, reason: "the token does not vouch for the activity's tenant" };
  if (typeof claims?.tid === "string" && claims.tid.toLowerCase() !== tenant.toLowerCase())
    return { status: 401, reason: "the token is for another tenant" };
  if (policy.allowedTenants && !policy.allowedTenants.has(tenant.toLowerCase()))
    return { status: 403, reason: "this tenant may not use the bot" };
  return undefined;
}
