/**
 * Whose data a Slack request touches, and whether its sender is one of that tenant's members
 * (README, "Slack: tenancy and Slack Connect partners"). One function, `senderOf`, decides both
 * for every payload kind; listeners never read `team.id` or `user.team_id` themselves.
 *
 * The tenant is the installation of the app, as Slack defines it, not the sender's workspace:
 * - events: `authorizations[0]` (its `enterprise_id` for an org-wide install), else
 *   `context_team_id` / `context_enterprise_id`;
 * - slash commands: `enterprise_id` when `is_enterprise_install`, else `team_id` (Slack offers a
 *   command only where the app is installed);
 * - `view_submission` / `view_closed`: `enterprise.id` when `is_enterprise_install`, else
 *   `view.app_installed_team_id`;
 * - `block_actions`: `enterprise.id` when `is_enterprise_install`; otherwise a click carries no
 *   installation field (in a shared channel `team.id` is the clicker's company), so the tenant is
 *   the installation the bot token belongs to (`auth.test`, asked once per cold start).
 * Team ids start with T and enterprise ids with E, so the two kinds of key cannot meet. Never an
 * empty string: without an installation id the request is not worked.
 *
 * A member is a user of the installing workspace (of any workspace of the enterprise, for an
 * org-wide install); anyone else in a Slack Connect channel is a partner.
 */

type Json = Readonly<Record<string, unknown>>;

/** A team (T…) or enterprise (E…) id: the key of a tenant. */
export type InstallationId = string;

/** Who sent a payload, as far as costbot's rights go. */
export interface Sender {
  readonly installation: InstallationId;
  /** False for a Slack Connect partner: a user of neither the installing workspace nor its enterprise. */
  readonly member: boolean;
}

/** The installation the bot token belongs to, and its name as people know it ("Acme"). */
export interface BotIdentity {
  readonly installation: InstallationId;
  readonly name?: string;
}

/** The bot token's installation (auth.test); undefined when Slack would not say. */
export type BotInstallation = () => Promise<BotIdentity | undefined>;

const id = (value: unknown): string | undefined =>
  typeof value === "string" && /^[A-Z0-9]{2,32}$/.test(value) ? value : undefined;
const truthy = (value: unknown) => value === true || value === "true";
const object = (value: unknown): Json | undefined =>
  typeof value === "object" && value !== null ? (value as Json) : undefined;

/** The user's own workspace and enterprise, as far as the payload says. */
interface Origin {
  readonly team?: string | undefined;
  readonly enterprise?: string | undefined;
}

/** A member unless the payload says the user comes from elsewhere; absent fields say nothing. */
function isMember(installation: InstallationId, from: Origin): boolean {
  // A workspace outside any enterprise is not one of the enterprise's workspaces.
  if (installation.startsWith("E"))
    return from.enterprise === undefined ? from.team === undefined : from.enterprise === installation;
  return from.team === undefined || from.team === installation;
}

/** The Events API envelope: `authorizations[0]`, then `context_team_id` / `context_enterprise_id`. */
function envelopeInstallation(body: Json): string | undefined {
  const first = Array.isArray(body.authorizations) ? object(body.authorizations[0]) : undefined;
  if (first) {
    if (truthy(first.is_enterprise_install)) return id(first.enterprise_id);
    const team = id(first.team_id);
    if (team) return team;
  }
  if (truthy(body.is_enterprise_install)) return id(body.context_enterprise_id) ?? id(body.enterprise_id);
  return id(body.context_team_id);
}

/** The sender of an event: the message's own team fields (an edit keeps them on `message`). */
function eventOrigin(body: Json): Origin {
  const event = object(body.event) ?? {};
  const message = object(event.message) ?? event;
  return {
    team:
      id(message.user_team) ?? id(message.team) ?? id(object(message.user_profile)?.team) ?? id(body.team_id),
    enterprise: id(body.enterprise_id),
  };
}

async function interactionInstallation(body: Json, bot: BotInstallation): Promise<string | undefined> {
  if (truthy(body.is_enterprise_install)) return id(object(body.enterprise)?.id);
  const view = object(body.view);
  const installed = id(view?.app_installed_team_id);
  if (installed) return installed;
  return (await bot())?.installation;
}

/**
 * The installation a Slack payload belongs to and whether its sender is a member of it; undefined
 * when the payload names no installation (it is then not worked).
 */
export async function senderOf(body: Json, bot: BotInstallation): Promise<Sender | undefined> {
  if (body.type === "event_callback") {
    const installation = envelopeInstallation(body);
    return installation ? { installation, member: isMember(installation, eventOrigin(body)) } : undefined;
  }
  if (typeof body.command === "string") {
    const installation = truthy(body.is_enterprise_install) ? id(body.enterprise_id) : id(body.team_id);
    return installation ? { installation, member: true } : undefined;
  }
  const installation = await interactionInstallation(body, bot);
  const from = { team: id(object(body.user)?.team_id), enterprise: id(object(body.enterprise)?.id) };
  return installation ? { installation, member: isMember(installation, from) } : undefined;
}

/** The installation from `auth.test`'s answer: the enterprise for an org-wide install, else the team. */
export function identityOfAuthTest(answer: Json): BotIdentity | undefined {
  const installation = truthy(answer.is_enterprise_install) ? id(answer.enterprise_id) : id(answer.team_id);
  if (!installation) return undefined;
  const name =
    typeof answer.team === "string" && answer.team.trim() ? answer.team.trim().slice(0, 80) : undefined;
  return { installation, ...(name ? { name } : {}) };
}

/** How many people's names a container keeps (users.info answers). */
const NAMES_KEPT = 1000;

/**
 * A person's name (users.info: display name, else real name), asked once per person per cold
 * start; a failed or refused lookup gives no name (the id is shown).
 */
export function cachedUserNames(usersInfo: (user: string) => Promise<Json>) {
  const names = new Map<string, Promise<string | undefined>>();
  return (user: string): Promise<string | undefined> => {
    let known = names.get(user);
    if (!known) {
      if (names.size >= NAMES_KEPT) names.delete(names.keys().next().value!);
      known = usersInfo(user)
        .then((answer) => {
          const person = object(answer.user);
          const profile = object(person?.profile);
          const name = [profile?.display_name, profile?.real_name, person?.real_name].find(
            (n): n is string => typeof n === "string" && n.trim() !== "",
          );
          return name?.trim().slice(0, 80);
        })
        // No name (user_not_found, a refusal, Slack down): the id is shown, and Slack is not asked
        // again for this person in this container, so a busy thread costs no lookup per message.
        .catch(() => undefined);
      names.set(user, known);
    }
    return known;
  };
}

/** One `auth.test` per cold start, kept once it answered; a failed call is asked again next time. */
export function cachedBotInstallation(authTest: () => Promise<Json>): BotInstallation {
  let known: Promise<BotIdentity | undefined> | undefined;
  return () => {
    known ??= authTest()
      .then(identityOfAuthTest)
      .catch(() => {
        known = undefined;
        return undefined;
      });
    return known;
  };
}
