import { WebClient } from "@slack/web-api";
import type { ChannelRef, Notifier, Tenant } from "../../app/ports.ts";
import type { Reply } from "../../app/reply.ts";
import { renderBlockKit } from "../render/block-kit.ts";
import { postMessage } from "./post.ts";

/**
 * Budget alerts into Slack: a plain chat.postMessage with the bot token, rendered like
 * every other reply. It needs only the Web API client, not Bolt, so the budget-alerts
 * bundle stays small. One workspace per deployment: the token is that workspace's, so the
 * tenant is not needed to pick it.
 */
export class SlackNotifier implements Notifier {
  readonly platform = "slack" as const;

  constructor(private readonly client: WebClient) {}

  /** A client for `botToken`; `slackApiUrl` points tests at a fake Web API. */
  static withToken(botToken: string, slackApiUrl?: string): SlackNotifier {
    return new SlackNotifier(new WebClient(botToken, slackApiUrl ? { slackApiUrl } : {}));
  }

  async post(_tenant: Tenant, channel: ChannelRef, reply: Reply): Promise<void> {
    await postMessage(this.client, { channel: channel.channel }, renderBlockKit(reply));
  }
}
