import type { Command } from "../commands.ts";
import { DEFAULT_DRIFT_PERCENT } from "../drift.ts";
import type { Context, Deps } from "../ports.ts";
import { type Reply, textReply } from "../reply.ts";

/** A tracked line more than this percent over its estimate is named first in the weekly actual (README "Actual spend"). */
export const DEFAULT_VARIANCE_PERCENT = "20";

/**
 * `settings [drift=10%] [variance=20%]`: the tenant's own settings. How far a price refresh must
 * move a saved scenario's total before its thread gets a drift notice (default 5 %), and how far
 * over its estimate a tracked line must be before the weekly actual names it first (default 20 %).
 */
export async function runSettings(
  command: Extract<Command, { kind: "settings" }>,
  ctx: Context,
  deps: Deps,
): Promise<Reply> {
  const current = await deps.store.getSettings(ctx.tenant);
  if (command.driftPercent === undefined && command.variancePercent === undefined) {
    const drift = current?.driftPercent ?? DEFAULT_DRIFT_PERCENT;
    const variance = current?.variancePercent ?? DEFAULT_VARIANCE_PERCENT;
    const set = current?.driftPercent
      ? `set by ${current.updatedBy} on ${current.updatedAt.slice(0, 10)}`
      : "the default";
    return {
      ...textReply(
        "info",
        `Drift notices: a saved scenario's thread hears when a price refresh moves its total by more than ${drift} % (${set}). Change it with \`settings drift=10%\`.\nActual spend: the weekly post names first any line more than ${variance} % over its estimate (\`settings variance=20%\`).`,
        "private",
      ),
      data: { driftPercent: drift, variancePercent: variance },
    };
  }
  await deps.store.putSettings({
    ...(current ?? {}),
    tenant: ctx.tenant,
    ...(command.driftPercent !== undefined ? { driftPercent: command.driftPercent } : {}),
    ...(command.variancePercent !== undefined ? { variancePercent: command.variancePercent } : {}),
    updatedBy: ctx.user,
    updatedAt: deps.clock.now().toISOString(),
  });
  const said = [
    ...(command.driftPercent !== undefined
      ? [
          `Drift notices now need a move of more than ${command.driftPercent} %: after each price refresh, a saved scenario whose total moved further gets one message in its thread.`,
        ]
      : []),
    ...(command.variancePercent !== undefined
      ? [
          `The weekly actual spend now names first any line more than ${command.variancePercent} % over its estimate.`,
        ]
      : []),
  ];
  return {
    ...textReply("info", said.join("\n")),
    data: {
      ...(command.driftPercent !== undefined ? { driftPercent: command.driftPercent } : {}),
      ...(command.variancePercent !== undefined ? { variancePercent: command.variancePercent } : {}),
    },
  };
}
