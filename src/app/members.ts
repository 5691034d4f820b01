import { UserError } from "../core/errors.ts";
import { findTemplate } from "../core/templates/index.ts";
import type { Command } from "./commands.ts";
import type { Context, Scenario } from "./ports.ts";

/**
 * What someone outside the tenant may do (README, "Slack: tenancy and Slack Connect partners").
 * The surface's adapter decides who that is (`ctx.member === false`, a Slack Connect partner in
 * a shared channel); the rules are here, so every surface and command gets the same ones.
 * A partner may estimate (and explore), ask what-ifs, save in the channel they are in, and show
 * or diff what was saved in that channel; every other command is refused, a new one included.
 */
const PARTNER_MAY: ReadonlySet<Command["kind"]> = new Set([
  "estimate",
  "what-if",
  "sweep",
  "compare",
  "plan",
  "audit",
  "save",
  "show",
  "diff",
  // Deleting is refused inside, unless it is their own scenario (runDelete).
  "delete",
  "help",
  "templates",
  "models",
  "prices",
  "workload",
]);

/** The refusal's words per command kind: "only members of Acme can <what>". */
const REFUSED: Partial<Record<Command["kind"], string>> = {
  list: "list saved scenarios",
  budget: "use budgets",
  settings: "see or change settings",
  track: "link scenarios to an AWS bill",
  untrack: "unlink scenarios from an AWS bill",
  actual: "see actual spend",
};

/** The tenant as the refusal names it. */
function whose(ctx: Context): string {
  return ctx.tenantName ?? "the workspace that installed costbot";
}

/** Refuses, privately and saying why, anything but a member doing `what` ("delete scenarios"). */
export function requireMember(ctx: Context, what: string): void {
  if (ctx.member !== false) return;
  throw new UserError(`only members of ${whose(ctx)} can ${what}`);
}

/** The whole-command rule, before a command runs: a partner's command outside PARTNER_MAY is refused. */
export function requireRights(command: Command, ctx: Context): void {
  if (ctx.member !== false) return;
  if (!PARTNER_MAY.has(command.kind)) {
    requireMember(ctx, REFUSED[command.kind] ?? `use \`${command.kind}\``);
    return;
  }
  if (command.kind === "prices" && command.refresh) requireMember(ctx, "refresh prices");
  if (command.kind === "workload") {
    // Reading a built-in (or checking a model) tells nothing of the tenant's own.
    const builtIn =
      command.action === "check" || (command.action === "show" && command.name && findTemplate(command.name));
    if (!builtIn) requireMember(ctx, "add, list, show or delete this workspace's workloads");
  }
}

/** Where the person is asking from: a partner sees only what was saved in this same channel. */
export function visibleTo(scenario: Scenario, ctx: Context): boolean {
  if (ctx.member !== false) return true;
  return Boolean(ctx.channel && scenario.savedIn?.channel === ctx.channel.channel);
}

/** The one answer a partner gets for a name that is not here, saved elsewhere or not at all. */
export function notInThisChannel(name: string, ctx: Context): UserError {
  return new UserError(
    `no scenario named \`${name}\` was saved in this channel; only members of ${whose(ctx)} can see scenarios saved elsewhere`,
  );
}
