import type { Catalog } from "./catalog/index.ts";
import { UserError } from "./errors.ts";
import { type CurrencyCode, convert, Decimal, dec, sum } from "./money.ts";
import type { AmountValue, ResolvedParams } from "./params.ts";
import { Pricer, type Template } from "./template.ts";

/** Where a template says how its usage turns into per-user minutes; kept here for importers of plan. */
export type { PlanShape } from "./template.ts";

export interface CreditPlan {
  readonly price: AmountValue;
  /** Minutes (1 credit = 1 minute) that keep the margin, rounded down. */
  readonly credits: number;
  readonly costAtCap: Decimal;
  readonly marginAtCap: Decimal;
  /** Per-minute overage price (price currency) that keeps the margin on extra minutes. */
  readonly overagePerMinute: Decimal;
}

export interface PlanResult {
  readonly template: string;
  readonly priceCurrency: CurrencyCode;
  readonly price: AmountValue;
  readonly margin: Decimal;
  readonly costPerMinuteUsd: Decimal;
  readonly breakEvenMinutes: Decimal;
  readonly capMinutes: Decimal;
  readonly credits: readonly CreditPlan[];
  readonly excludedLines: readonly string[];
  /** The size the per-minute cost was priced at (users and usage as given): tiers and free tiers depend on it. */
  readonly pricedAt: Readonly<Record<string, number>>;
}

/** Exact (unrounded) USD per line: plans divide small per-minute costs, so cents would distort them. */
export function exactLines(
  template: Template,
  params: ResolvedParams,
  catalog: Catalog,
): Map<string, Decimal> {
  const drafts = template.lines(params, new Pricer(catalog), []);
  return new Map(drafts.map((d) => [d.id, sum(d.components.map((c) => c.usd))]));
}

export function plan(
  template: Template,
  params: ResolvedParams,
  margin: Decimal,
  prices: readonly AmountValue[],
  priceCurrency: CurrencyCode,
  catalog: Catalog,
): PlanResult {
  const shape = template.plan;
  if (!shape) throw new UserError(`plan works for templates priced per user minute; ${template.name} is not`);
  if (margin.lt(0) || margin.gte(1)) throw new UserError("margin must be at least 0 % and below 100 %");
  // Priced at the size given, not at one user: a tiered price (Transcribe) or a free tier
  // is cheaper or dearer per minute at 100,000 users than at one.
  const usersKey = shape.usersKey ?? "users";
  const users = typeof params[usersKey] === "number" ? (params[usersKey] as number) : 1;
  const usage = params[shape.usageKey];
  if (typeof usage !== "number") throw new UserError(`plan needs \`${shape.usageKey}\` as a number`);
  const minutes = dec(users).times(usage).times(shape.minutesPerUnit(params));
  if (minutes.lte(0)) throw new UserError(`plan needs some use to price: ${shape.usageKey} is ${usage}`);
  const lines = exactLines(template, params, catalog);
  const variable = sum(shape.variableLines.map((id) => lines.get(id) ?? new Decimal(0)));
  const costPerMinuteUsd = variable.div(minutes);
  if (costPerMinuteUsd.isZero())
    throw new UserError("with these parameters a minute costs nothing; nothing to plan");
  const keep = new Decimal(1).minus(margin);
  const [price] = prices;
  const priceUsd = dec(price!.usd);
  const credits = prices.map((p): CreditPlan => {
    const usd = dec(p.usd);
    const minutes = usd.times(keep).div(costPerMinuteUsd).floor();
    const costAtCap = minutes.times(costPerMinuteUsd);
    return {
      price: p,
      credits: minutes.toNumber(),
      costAtCap,
      marginAtCap: new Decimal(1).minus(costAtCap.div(usd)),
      overagePerMinute: convert(costPerMinuteUsd.div(keep), "USD", priceCurrency, catalog.rates),
    };
  });
  return {
    template: template.name,
    priceCurrency,
    price: price!,
    margin,
    costPerMinuteUsd,
    breakEvenMinutes: priceUsd.div(costPerMinuteUsd),
    capMinutes: priceUsd.times(keep).div(costPerMinuteUsd),
    credits,
    excludedLines: [...lines.keys()].filter((id) => !shape.variableLines.includes(id)),
    pricedAt: { [usersKey]: users, [shape.usageKey]: usage },
  };
}
