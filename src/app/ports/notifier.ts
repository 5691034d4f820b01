import type { ChannelRef, Tenant } from "./model.ts";
import type { Reply } from "./reply.ts";

/**
 * Posts a reply into a channel outside a request/response cycle (budget alerts). Slack
 * posts with chat.postMessage; Teams posts proactively from the stored conversation reference.
 */
export interface Notifier {
  readonly platform: ChannelRef["platform"];
  post(tenant: Tenant, channel: ChannelRef, reply: Reply): Promise<void>;
}
