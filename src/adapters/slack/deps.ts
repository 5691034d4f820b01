import type { Context, Deps } from "../../app/pipeline.ts";
import type { IdempotencyStore } from "../../app/ports.ts";
import type { BotInstallation } from "./tenant.ts";

/** What every Slack listener needs: the shared pipeline's ports and the retry guard. */
export interface SlackDeps {
  readonly pipeline: Deps;
  readonly idempotency: IdempotencyStore;
  /**
   * The installation the bot token belongs to (auth.test, once per cold start): the tenant of a
   * click that names none. createSlackApp provides it when absent.
   */
  readonly botInstallation?: BotInstallation;
}

/** Slack re-delivers for up to about an hour (3 retries over ~30 minutes); keep claims longer. */
export const DELIVERY_TTL_SECONDS = 3600;

/**
 * True the first time a delivery (event id, trigger id) is seen for this team. Claimed
 * before any post or write, so a re-delivery that races the first one does nothing.
 */
export function firstDelivery(deps: SlackDeps, team: string, deliveryId: string): Promise<boolean> {
  return deps.idempotency.claim(`slack:${team}:${deliveryId}`, DELIVERY_TTL_SECONDS);
}

/** What a member-or-partner decision adds to a context (see tenant.ts). */
export interface Rights {
  readonly member: boolean;
  readonly tenantName?: string;
}

/** Everything of a team lives under `slack:<team_id>`; a thread is a channel + the parent's ts. */
export function slackContext(
  team: string,
  user: string,
  channel: string,
  thread?: string,
  rights?: Rights,
): Context {
  return {
    tenant: `slack:${team}`,
    user,
    surface: "slack",
    channel: { platform: "slack", channel },
    ...(thread ? { thread: { channel, thread } } : {}),
    ...(rights && !rights.member
      ? { member: false, ...(rights.tenantName ? { tenantName: rights.tenantName } : {}) }
      : {}),
  };
}
