import type { Context } from "../../../app/ports.ts";
import { type SlackDeps, slackContext } from "../deps.ts";
import { type Sender, senderOf } from "../tenant.ts";

/**
 * A payload's sender, with the tenant's name when they are a partner (their refusals name it).
 * Their own name is not looked up here: a save asks for it (Deps.userName), no other command
 * waits for users.info.
 */
export interface SlackSender extends Sender {
  readonly tenantName?: string;
}

type Json = Readonly<Record<string, unknown>>;

const noBot = async () => undefined;

/**
 * The one place a listener learns whose data a payload touches and what its sender may do
 * (tenant.ts decides; README, "Slack: tenancy and Slack Connect partners").
 */
export async function senderFor(deps: SlackDeps, body: unknown): Promise<SlackSender | undefined> {
  const bot = deps.botInstallation ?? noBot;
  const sender = await senderOf(body as Json, bot);
  if (!sender) return undefined;
  if (sender.member) return sender;
  const identity = await bot();
  return identity?.installation === sender.installation && identity.name
    ? { ...sender, tenantName: identity.name }
    : sender;
}

/** The turn's context for this sender: the installation's tenant, and a partner's limits. */
export function senderContext(sender: SlackSender, user: string, channel: string, thread?: string): Context {
  return slackContext(sender.installation, user, channel, thread, sender);
}
