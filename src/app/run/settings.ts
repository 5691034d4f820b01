import type { Command } from "../commands.ts";
import { DEFAULT_DRIFT_PERCENT } from "../drift.ts";
import type { Context, Deps } from "../ports.ts";
import { type Reply, textReply } from "../reply.ts";

/**
 * `settings [drift=10%]`: the tenant's own settings. Today one: how far a price refresh must move
 * a saved scenario's total before its thread gets a drift notice (default 5 %).
 */
export async function runSettings(
  command: Extract<Command, { kind: "settings" }>,
  ctx: Context,
  deps: Deps,
): Promise<Reply> {
  const current = await deps.store.getSettings(ctx.tenant);
  if (command.driftPercent === undefined) {
    const drift = current?.driftPercent ?? DEFAULT_DRIFT_PERCENT;
    const set = current?.driftPercent
      ? `set by ${current.updatedBy} on ${current.updatedAt.slice(0, 10)}`
      : "the default";
    return {
      ...textReply(
        "info",
        `Drift notices: a saved scenario's thread hears when a price refresh moves its total by more than ${drift} % (${set}). Change it with \`settings drift=10%\`.`,
        "private",
      ),
      data: { driftPercent: drift },
    };
  }
  await deps.store.putSettings({
    ...(current ?? {}),
    tenant: ctx.tenant,
    driftPercent: command.driftPercent,
    updatedBy: ctx.user,
    updatedAt: deps.clock.now().toISOString(),
  });
  return {
    ...textReply(
      "info",
      `Drift notices now need a move of more than ${command.driftPercent} %: after each price refresh, a saved scenario whose total moved further gets one message in its thread.`,
    ),
    data: { driftPercent: command.driftPercent },
  };
}
