/**
 * Whose data a Slack request touches: the installation of the app, as Slack defines it, not the
 * sender's workspace. In a Slack Connect channel the envelope's `team_id` can be the partner's,
 * while `authorizations[0]` (or `context_team_id`) names the workspace that installed costbot and
 * owns the estimate's thread. An Enterprise Grid org-wide install (`is_enterprise_install`) is
 * one installation for the whole org: keyed by `enterprise_id`, its `team_id` may be empty.
 * Never an empty string: without an installation id the request is not worked.
 *
 * Team ids start with T and enterprise ids with E, so the two kinds of key cannot meet.
 */

type Json = Readonly<Record<string, unknown>>;

const id = (value: unknown): string | undefined =>
  typeof value === "string" && /^[A-Z0-9]{2,32}$/.test(value) ? value : undefined;
const truthy = (value: unknown) => value === true || value === "true";
const object = (value: unknown): Json | undefined =>
  typeof value === "object" && value !== null ? (value as Json) : undefined;

/** The Events API envelope: `authorizations[0]`, then `context_team_id` / `context_enterprise_id`. */
function fromEnvelope(body: Json): string | undefined {
  const authorizations = Array.isArray(body.authorizations) ? body.authorizations.map(object) : [];
  const first = authorizations[0];
  if (first) {
    if (truthy(first.is_enterprise_install)) return id(first.enterprise_id);
    const team = id(first.team_id);
    if (team) return team;
  }
  if (truthy(body.is_enterprise_install)) return id(body.context_enterprise_id) ?? id(body.enterprise_id);
  return id(body.context_team_id);
}

/** A slash command's form: `is_enterprise_install` "true" → `enterprise_id`, else `team_id`. */
function fromCommand(body: Json): string | undefined {
  if (truthy(body.is_enterprise_install)) return id(body.enterprise_id);
  return id(body.team_id);
}

/** Interactivity (block_actions, view_submission): `enterprise.id` for org installs, else `team.id`. */
function fromInteraction(body: Json): string | undefined {
  if (truthy(body.is_enterprise_install)) return id(object(body.enterprise)?.id);
  return id(object(body.team)?.id) ?? id(object(body.user)?.team_id);
}

/** The installation id (a team or an enterprise id) a Slack payload belongs to, if it names one. */
export function installationOf(body: Json): string | undefined {
  if (body.type === "event_callback") return fromEnvelope(body);
  if (typeof body.command === "string") return fromCommand(body);
  return fromInteraction(body);
}
