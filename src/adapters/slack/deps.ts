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
  /**
   * A person's name as Slack shows it (users.info, kept per cold start); createSlackApp provides
   * it, as the pipeline's Deps.userName (asked by a save only).
   */
  readonly userName?: (user: string) => Promise<string | undefined>;
}

/** Slack re-delivers for up to about an hour (3 retries over ~30 minutes); keep claims longer. */
export const DELIVERY_TTL_SECONDS = 3600;
/**
 * How long a claimed delivery counts as being worked: the worker's timeout (20 s, serverless.yml)
 * and a margin. A worker that died past it (a timeout, a crash) leaves a claim Lambda's own retry
 * may take over, as Powertools' idempotency does with its in-progress expiry.
 */
export const DELIVERY_IN_PROGRESS_SECONDS = 30;

/** The claim on one delivery (event id, trigger id) for this team. */
export interface DeliveryClaim {
  /** True the first time (or when an earlier attempt died in progress); claimed before any post or write. */
  readonly first: () => Promise<boolean>;
  /**
   * The work ended (answered, or apologised for): the delivery is never worked again. Written
   * once however often it is called: the turn starts it as soon as its answer is posted (beside
   * the thread's link), the listener awaits it after the turn.
   */
  readonly done: () => Promise<void>;
  /** `done`, started and not awaited: the turn's `answered`; the listener's `done()` reports a failure. */
  readonly answered: () => void;
}

export function deliveryClaim(deps: SlackDeps, team: string, deliveryId: string): DeliveryClaim {
  const key = `slack:${team}:${deliveryId}`;
  let claimed = false;
  let marked: Promise<void> | undefined;
  const done = () => (marked ??= claimed ? deps.idempotency.complete(key) : Promise.resolve());
  return {
    first: async () =>
      (claimed = await deps.idempotency.claim(key, DELIVERY_TTL_SECONDS, DELIVERY_IN_PROGRESS_SECONDS)),
    done,
    answered: () => {
      done().catch(() => {});
    },
  };
}

/** Claims a delivery, runs `work`, and marks it done; false (nothing run) for a repeat. */
export async function onceForDelivery(
  deps: SlackDeps,
  team: string,
  deliveryId: string,
  work: () => Promise<void>,
): Promise<boolean> {
  const claim = deliveryClaim(deps, team, deliveryId);
  if (!(await claim.first())) return false;
  await work();
  await claim.done();
  return true;
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
