import type { Context } from "../../../app/ports.ts";
import { type SlackDeps, slackContext } from "../deps.ts";
import { type Sender, senderOf } from "../tenant.ts";

/** A payload's sender, with the tenant's name when they are a partner (their refusals name it). */
export interface SlackSender extends Sender {
  readonly tenantName?: string;
  readonly userName?: string;
}

type Json = Readonly<Record<string, unknown>>;
const object = (value: unknown): Json | undefined =>
  typeof value === "object" && value !== null ? (value as Json) : undefined;

/** The sender's user id in any payload kind: a command's `user_id`, an event's `user`, an interaction's `user.id`. */
function userOf(body: Json): string | undefined {
  const event = object(body.event);
  const id = body.user_id ?? event?.user ?? object(event?.message)?.user ?? object(body.user)?.id;
  return typeof id === "string" && /^[UW][A-Z0-9]{1,31}$/.test(id) ? id : undefined;
}

const noBot = async () => undefined;

/**
 * The one place a listener learns whose data a payload touches and what its sender may do
 * (tenant.ts decides; README, "Slack: tenancy and Slack Connect partners").
 */
export async function senderFor(deps: SlackDeps, body: unknown): Promise<SlackSender | undefined> {
  const bot = deps.botInstallation ?? noBot;
  const sender = await senderOf(body as Json, bot);
  if (!sender) return undefined;
  const user = userOf(body as Json);
  const userName = user && deps.userName ? await deps.userName(user).catch(() => undefined) : undefined;
  const named = userName ? { ...sender, userName } : sender;
  if (sender.member) return named;
  const identity = await bot();
  return identity?.installation === sender.installation && identity.name
    ? { ...named, tenantName: identity.name }
    : named;
}

/** The turn's context for this sender: the installation's tenant, and a partner's limits. */
export function senderContext(sender: SlackSender, user: string, channel: string, thread?: string): Context {
  return slackContext(sender.installation, user, channel, thread, sender);
}
