import type { Catalog } from "./catalog/index.ts";
import type { ModelEntry } from "./catalog/types.ts";
import { Decimal, dec, roundCents, sum } from "./money.ts";
import type { ResolvedParams } from "./params.ts";
import { Pricer, type Template } from "./template.ts";

/**
 * Actual spend beside the estimate (README "Actual spend"): pure arithmetic over what Cost
 * Explorer answered. Amounts stay exact until the report is made, then round once to the cent.
 */

/** One month as Cost Explorer is asked about it: [start, end) and how much of it is over. */
export interface BillMonth {
  /** YYYY-MM */
  readonly month: string;
  readonly daysInMonth: number;
  /** Whole days of the month already over (the month is complete when this is daysInMonth). */
  readonly daysElapsed: number;
}

/** What Cost Explorer reported under a scenario's filter, in USD, by SERVICE. */
export interface BilledSpend {
  readonly services: readonly { readonly service: string; readonly usd: string }[];
  /** GetCostForecast for the rest of the month (current month only). */
  readonly forecastRestUsd?: string;
}

export interface ActualLine {
  readonly id: string;
  readonly label: string;
  /** The services it is billed under; empty when the line is not in the AWS bill. */
  readonly services: readonly string[];
  readonly estimate: string;
  readonly actual: string | null;
  readonly projected: string | null;
  readonly difference: string | null;
  /** Percent of the estimate, one decimal ("12.5"); null without an estimate or an actual. */
  readonly differencePct: string | null;
}

export interface Calibration {
  readonly line: string;
  readonly label: string;
  readonly key: string;
  readonly value: string;
}

export interface ActualReport {
  readonly month: string;
  readonly complete: boolean;
  readonly daysElapsed: number;
  readonly daysInMonth: number;
  readonly lines: readonly ActualLine[];
  readonly unmatched: readonly { readonly service: string; readonly actual: string }[];
  readonly total: {
    /** The estimate of the lines in the AWS bill (what the actual can be set against). */
    readonly estimate: string;
    readonly actual: string;
    readonly projected: string;
    readonly forecast: string | null;
  };
  readonly calibration?: Calibration;
}

/** Bedrock models whose makers sell them through AWS Marketplace: each is its own "… (Amazon Bedrock Edition)" service. */
const MARKETPLACE_VENDORS = new Set(["anthropic", "ai21", "cohere", "stability", "openai"]);

/**
 * The Cost Explorer service a model bills under, or undefined when it is not in the AWS bill:
 * Bedrock models of Amazon and of the first-party providers bill as "Amazon Bedrock"; marketplace
 * models under "<product> (Amazon Bedrock Edition)"; other providers are not AWS at all.
 */
export function modelService(model: ModelEntry): string | undefined {
  if (model.provider !== "aws") return undefined;
  if (!model.vendor || !MARKETPLACE_VENDORS.has(model.vendor)) return "Amazon Bedrock";
  return `${model.name.replace(/\s*\([^)]*\)\s*$/, "")} (Amazon Bedrock Edition)`;
}

const MODEL_REF = /^\{([a-z][a-z0-9_]*)\}$/;

/** A line's `bill:` resolved against the scenario's parameters: literal names, and each `{model}` followed. */
export function billedServices(
  template: Template,
  lineId: string,
  params: ResolvedParams,
  catalog: Catalog,
): string[] {
  const services: string[] = [];
  for (const entry of template.bill?.[lineId] ?? []) {
    const ref = MODEL_REF.exec(entry);
    if (!ref) services.push(entry);
    else {
      const model = catalog.model(String(params[ref[1]!] ?? ""));
      const service = model && modelService(model);
      if (service) services.push(service);
    }
  }
  return [...new Set(services)];
}

export interface EstimatedLine {
  readonly id: string;
  readonly label: string;
  /** Exact, in the reply's currency. */
  readonly amount: Decimal;
  readonly services: readonly string[];
}

const cents = (d: Decimal) => roundCents(d).toFixed(2);
const percentOf = (part: Decimal, whole: Decimal) =>
  whole.isZero() ? null : part.div(whole).times(100).toDecimalPlaces(1, Decimal.ROUND_HALF_UP).toFixed(1);

/**
 * Sets each line's estimate beside its actual. Lines billed under a shared service are one row
 * (Cost Explorer cannot split a service between them); `perUsd` converts the USD actuals into the
 * estimate's currency. A current month projects the actual to month-end pro rata by whole days.
 */
export function compareActual(
  estimated: readonly EstimatedLine[],
  spend: BilledSpend,
  month: BillMonth,
  perUsd: Decimal,
): Omit<ActualReport, "calibration"> {
  const actualOf = new Map<string, Decimal>();
  for (const s of spend.services)
    actualOf.set(s.service, (actualOf.get(s.service) ?? new Decimal(0)).plus(dec(s.usd).times(perUsd)));
  const complete = month.daysElapsed >= month.daysInMonth;
  const project = (d: Decimal) =>
    complete || month.daysElapsed === 0 ? d : d.div(month.daysElapsed).times(month.daysInMonth);

  const rows: { ids: string[]; labels: string[]; services: Set<string>; amount: Decimal }[] = [];
  for (const line of estimated) {
    const shared = line.services.length
      ? rows.find((r) => line.services.some((s) => r.services.has(s)))
      : undefined;
    if (shared) {
      shared.ids.push(line.id);
      shared.labels.push(line.label);
      for (const s of line.services) shared.services.add(s);
      shared.amount = shared.amount.plus(line.amount);
    } else
      rows.push({
        ids: [line.id],
        labels: [line.label],
        services: new Set(line.services),
        amount: line.amount,
      });
  }
  const claimed = new Set(rows.flatMap((r) => [...r.services]));
  const lines: ActualLine[] = rows.map((r) => {
    const services = [...r.services];
    const base = { id: r.ids.join("+"), label: r.labels.join(" + "), services, estimate: cents(r.amount) };
    if (!services.length)
      return { ...base, actual: null, projected: null, difference: null, differencePct: null };
    const actual = sum(services.map((s) => actualOf.get(s) ?? new Decimal(0)));
    const projected = project(actual);
    const difference = projected.minus(r.amount);
    return {
      ...base,
      actual: cents(actual),
      projected: cents(projected),
      difference: cents(difference),
      differencePct: percentOf(difference, r.amount),
    };
  });
  const unmatched = [...actualOf]
    .filter(([service, amount]) => !claimed.has(service) && !roundCents(amount).isZero())
    .sort((a, b) => b[1].comparedTo(a[1]))
    .map(([service, amount]) => ({ service, actual: cents(amount) }));
  const totalActual = sum([...actualOf.values()]);
  const billedEstimate = sum(rows.filter((r) => r.services.size).map((r) => r.amount));
  const forecast =
    !complete && spend.forecastRestUsd !== undefined
      ? cents(totalActual.plus(dec(spend.forecastRestUsd).times(perUsd)))
      : null;
  return {
    month: month.month,
    complete,
    daysElapsed: month.daysElapsed,
    daysInMonth: month.daysInMonth,
    lines,
    unmatched,
    total: {
      estimate: cents(billedEstimate),
      actual: cents(totalActual),
      projected: cents(project(totalActual)),
      forecast,
    },
  };
}

/** A line's exact USD cost under `params`. */
function lineUsd(template: Template, lineId: string, params: ResolvedParams, catalog: Catalog): Decimal {
  const draft = template.lines(params, new Pricer(catalog), []).find((l) => l.id === lineId);
  return sum((draft?.components ?? []).map((c) => c.usd));
}

/**
 * Which value of one parameter would explain a line's projected spend, where the line grows in
 * proportion to that parameter (doubling it doubles the line, exactly): the first such number
 * parameter in the template's order. Undefined when no parameter is proportional, or the value
 * falls outside the parameter's range.
 */
export function calibrate(
  template: Template,
  params: ResolvedParams,
  catalog: Catalog,
  line: {
    readonly id: string;
    readonly label: string;
    readonly estimate: Decimal;
    readonly projected: Decimal;
  },
): Calibration | undefined {
  if (line.estimate.lte(0) || line.projected.lte(0)) return undefined;
  const base = lineUsd(template, line.id, params, catalog);
  if (base.lte(0)) return undefined;
  for (const [key, spec] of Object.entries(template.params)) {
    if (spec.kind !== "number" || spec.fraction) continue;
    const value = params[key];
    if (typeof value !== "number" || value <= 0) continue;
    const doubled = lineUsd(template, line.id, { ...params, [key]: value * 2 }, catalog);
    if (!doubled.eq(base.times(2))) continue;
    const exact = dec(value).times(line.projected).div(line.estimate);
    const target = spec.integer ? exact.toDecimalPlaces(0) : exact.toSignificantDigits(3);
    if (target.lt(spec.min) || target.gt(spec.max) || (spec.exclusiveMin && target.lte(spec.min)))
      return undefined;
    if (target.eq(value)) return undefined;
    return { line: line.id, label: line.label, key, value: target.toString() };
  }
  return undefined;
}
