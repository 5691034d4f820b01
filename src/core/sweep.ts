import type { Catalog } from "./catalog/index.ts";
import { type Estimate, estimate, resolveParams } from "./estimate.ts";
import { type CurrencyCode, dec } from "./money.ts";
import type { Value } from "./params.ts";
import type { Template } from "./template.ts";

export interface SweepPoint {
  readonly value: Value;
  readonly estimate: Estimate;
}

/** One estimate per value of `key`, everything else held fixed (sweep and compare). */
export function sweep(
  template: Template,
  key: string,
  values: readonly Value[],
  fixed: Readonly<Record<string, Value>>,
  catalog: Catalog,
  currency: CurrencyCode,
): SweepPoint[] {
  return values.map((value) => ({
    value,
    estimate: estimate(
      template,
      resolveParams(template, { ...fixed, [key]: value }, catalog),
      catalog,
      currency,
    ),
  }));
}

/** Lines that cost nothing at the first point and something later: a free tier used up, a tier crossed. */
export function crossings(points: readonly SweepPoint[]): { id: string; label: string; from: Value }[] {
  const first = points[0]?.estimate.lines ?? [];
  const found: { id: string; label: string; from: Value }[] = [];
  for (const line of first.filter((l) => dec(l.amount).isZero())) {
    const point = points.find((p) => dec(p.estimate.lines.find((l) => l.id === line.id)?.amount ?? 0).gt(0));
    if (point) found.push({ id: line.id, label: line.label, from: point.value });
  }
  return found;
}
