import { UserError } from "../../core/errors.ts";
import { Decimal } from "../../core/money.ts";
import type { Command } from "../commands.ts";
import { DEFAULT_DRIFT_PERCENT } from "../drift.ts";
import { requireMember } from "../members.ts";
import type { Context, Deps } from "../ports.ts";
import { forgetPriceBook } from "../price-overlay.ts";
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
  if (command.discount) return runDiscount(command.discount, command.driftPercent !== undefined, ctx, deps);
  const current = await deps.store.getSettings(ctx.tenant);
  if (command.driftPercent === undefined && command.variancePercent === undefined) {
    const drift = current?.driftPercent ?? DEFAULT_DRIFT_PERCENT;
    const variance = current?.variancePercent ?? DEFAULT_VARIANCE_PERCENT;
    const set = current?.driftPercent
      ? `set by ${current.updatedBy} on ${current.updatedAt.slice(0, 10)}`
      : "the default";
    const discount = (await deps.priceBook?.getPriceBook(ctx.tenant))?.discount;
    const discountText = discount
      ? ` AWS discount: ${discount.percent} % off every AWS-billed price (set by ${discount.setBy} on ${discount.setAt.slice(0, 10)}).`
      : " No AWS discount (`settings discount=aws:6%` sets one).";
    return {
      ...textReply(
        "info",
        `Drift notices: a saved scenario's thread hears when a price refresh moves its total by more than ${drift} % (${set}). Change it with \`settings drift=10%\`.\nActual spend: the weekly post names first any line more than ${variance} % over its estimate (\`settings variance=20%\`).${deps.priceBook ? discountText : ""}`,
        "private",
      ),
      data: {
        driftPercent: drift,
        variancePercent: variance,
        ...(discount ? { discountPercent: discount.percent } : {}),
      },
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

/**
 * `settings discount=aws:6%`: a blanket discount on every AWS-billed price (aws.* keys and the
 * models Amazon Bedrock sells), kept in the tenant's price book; `aws:0%` removes it. Members only.
 */
async function runDiscount(
  discount: NonNullable<Extract<Command, { kind: "settings" }>["discount"]>,
  withDrift: boolean,
  ctx: Context,
  deps: Deps,
): Promise<Reply> {
  requireMember(ctx, "change the price book; nothing stored");
  if (withDrift) throw new UserError("set `discount=` and `drift=` one at a time; nothing stored");
  if (!deps.priceBook) throw new UserError("this costbot has no price book store configured");
  const off = new Decimal(discount.percent);
  if (off.isZero()) {
    await deps.priceBook.setDiscount(ctx.tenant, undefined);
    forgetPriceBook(deps.priceBook, ctx.tenant);
    return {
      ...textReply(
        "info",
        "AWS discount removed: estimates use AWS list prices (and your price book's own rates).",
      ),
      data: { discountPercent: "0" },
    };
  }
  await deps.priceBook.setDiscount(ctx.tenant, {
    scope: "aws",
    percent: discount.percent,
    setBy: ctx.user,
    setAt: deps.clock.now().toISOString(),
  });
  forgetPriceBook(deps.priceBook, ctx.tenant);
  return {
    ...textReply(
      "info",
      `AWS discount set: ${discount.percent} % off every AWS-billed price (aws.* keys and Bedrock models) for this workspace, except keys your price book sets. Estimates say so in their sources; \`settings discount=aws:0%\` removes it.`,
    ),
    data: { discountPercent: discount.percent },
  };
}
