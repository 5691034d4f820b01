import { type Logger, WebClient } from "@slack/web-api";
import type { ChannelRef, Notifier, Tenant } from "../../app/ports.ts";
import type { Reply } from "../../app/reply.ts";
import { renderBlockKit } from "../render/block-kit.ts";
import { nodeFetch } from "./node-fetch.ts";
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

  /**
   * A client for `botToken`; `slackApiUrl` points tests at a fake Web API. The Web API
   * client's default retries for about 30 minutes and waits out any Retry-After, far past
   * the function's 10 s: a post that cannot finish then leaves its claim behind and the alert
   * is lost. Here a post fails fast instead (no retry, 3 s timeout, a 429 at once), the claim
   * is given back, and SNS's redelivery (Lambda's async retries, a minute and more apart)
   * is the retry.
   */
  static withToken(botToken: string, slackApiUrl?: string, logger?: Logger): SlackNotifier {
    return new SlackNotifier(
      new WebClient(botToken, {
        ...(slackApiUrl ? { slackApiUrl } : {}),
        ...(logger ? { logger } : {}),
        retryConfig: { retries: 0 },
        timeout: 3000,
        rejectRateLimitedCalls: true,
        // node:http(s) rather than the global fetch (undici): see node-fetch.ts.
        fetch: nodeFetch(),
      }),
    );
  }

  async post(_tenant: Tenant, channel: ChannelRef, reply: Reply): Promise<void> {
    const place = { channel: channel.channel, ...(channel.thread ? { thread: channel.thread } : {}) };
    await postMessage(this.client, place, renderBlockKit(reply));
  }
}
