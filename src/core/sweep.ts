import type { Catalog } from "./catalog/index.ts";
import { UserError } from "./errors.ts";
import { type Estimate, estimate, resolveParams } from "./estimate.ts";
import { type CurrencyCode, Decimal, dec } from "./money.ts";
import type { Value } from "./params.ts";
import type { Template } from "./template.ts";

export interface SweepPoint {
  readonly value: Value;
  readonly estimate: Estimate;
}

/**
 * One estimate per value of `key`, everything else held fixed (sweep and compare). A point that
 * cannot be priced is refused naming the point (`users=7: … division by zero`).
 */
export function sweep(
  template: Template,
  key: string,
  values: readonly Value[],
  fixed: Readonly<Record<string, Value>>,
  catalog: Catalog,
  currency: CurrencyCode,
): SweepPoint[] {
  return wholeWhereNeeded(template, key, values).map((value) => {
    try {
      const params = resolveParams(template, { ...fixed, [key]: value }, catalog);
      return { value, estimate: estimate(template, params, catalog, currency) };
    } catch (error) {
      if (!(error instanceof UserError) || values.length < 2) throw error;
      throw new UserError(`${key}=${value.text}: ${error.message}`, error.hint);
    }
  });
}

/**
 * A whole-number key steps in whole numbers: `users=1..50` (ten evenly spaced points) becomes
 * 1, 6, 12, … 50, each rounded half-up, the repeats left out.
 */
function wholeWhereNeeded(template: Template, key: string, values: readonly Value[]): readonly Value[] {
  const spec = template.params[key.toLowerCase()];
  if (spec?.kind !== "number" || !spec.integer) return values;
  if (values.every((v) => v.kind !== "number" || dec(v.value).isInteger())) return values;
  const seen = new Set<string>();
  const out: Value[] = [];
  for (const v of values) {
    if (v.kind !== "number") {
      out.push(v);
      continue;
    }
    const whole = dec(v.value).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toString();
    if (seen.has(whole)) continue;
    seen.add(whole);
    out.push({ kind: "number", value: whole, text: whole });
  }
  return out;
}

/**
 * A line's label that holds at every point: where labels name a point's value ("Human support
 * (4 seats)"), the part they share ("Human support").
 */
export function sweepLabel(points: readonly SweepPoint[], id: string): string {
  const labels = [
    ...new Set(points.flatMap((p) => p.estimate.lines.filter((l) => l.id === id).map((l) => l.label))),
  ];
  if (labels.length <= 1) return labels[0] ?? id;
  let shared = labels[0]!;
  for (const l of labels) while (!l.startsWith(shared)) shared = shared.slice(0, -1);
  const cut = shared.replace(/[\s([{:,-]*$/, "").replace(/\s*\([^)]*$/, "");
  return cut.trim() || id;
}

/**
 * Lines that cost nothing at the first point (or are not there yet, a `when:` line) and
 * something later: a free tier used up, a tier crossed, a line that starts part way.
 */
export function crossings(points: readonly SweepPoint[]): { id: string; label: string; from: Value }[] {
  const first = points[0]?.estimate.lines ?? [];
  const found: { id: string; label: string; from: Value }[] = [];
  const ids = [...new Set(points.flatMap((p) => p.estimate.lines.map((l) => l.id)))];
  for (const id of ids) {
    const at = first.find((l) => l.id === id);
    if (at && !dec(at.amount).isZero()) continue;
    const point = points.find((p) => dec(p.estimate.lines.find((l) => l.id === id)?.amount ?? 0).gt(0));
    if (point) found.push({ id, label: sweepLabel(points, id), from: point.value });
  }
  return found;
}
