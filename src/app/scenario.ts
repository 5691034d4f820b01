import type { Catalog } from "../core/catalog/index.ts";
import { type Estimate, estimate, resolveParams } from "../core/estimate.ts";
import { dec } from "../core/money.ts";
import type { Value } from "../core/params.ts";
import type { Assignments, Options } from "./commands.ts";
import { money, signed } from "./format.ts";
import type { ScenarioInput } from "./ports.ts";
import type { Block } from "./reply.ts";
import { canonicalText, parseValue } from "./values.ts";
import { requireWorkload } from "./workloads.ts";

export function inputOf(template: string, assignments: Assignments, options: Options): ScenarioInput {
  return {
    template,
    written: Object.fromEntries(Object.entries(assignments).map(([k, v]) => [k, v.text])),
    currency: options.currency ?? "USD",
    ...(options.region && options.region !== "us-east-1" ? { region: options.region } : {}),
  };
}

const regionOf = (region: string | undefined) => (region && region !== "us-east-1" ? { region } : {});

/** Re-reads a scenario's own words (stored as text) and prices them against this catalog. */
export function runInput(input: ScenarioInput, catalog: Catalog): Estimate {
  const template = requireWorkload(input.template);
  const values: Record<string, Value> = {};
  for (const [key, text] of Object.entries(input.written)) values[key] = parseValue(key, text);
  return estimate(template, resolveParams(template, values, catalog), catalog, input.currency);
}

/**
 * The scenario with some keys changed (a what-if); later keys win. The changed values are kept
 * in their canonical form (`5000`, not `5k` or `0005000`): a thread keeps them for months.
 */
export function withChanges(input: ScenarioInput, assignments: Assignments, options: Options): ScenarioInput {
  const changed = Object.fromEntries(Object.entries(assignments).map(([k, v]) => [k, canonicalText(v)]));
  return {
    template: input.template,
    written: { ...input.written, ...changed },
    currency: options.currency ?? input.currency,
    ...regionOf(options.region ?? input.region),
  };
}

/** Before and after, line by line: what a what-if or a diff changed. */
export function deltaTable(
  before: Estimate,
  after: Estimate,
  headers: [string, string] = ["Before", "After"],
): Block {
  const ids = [...new Set([...before.lines.map((l) => l.id), ...after.lines.map((l) => l.id)])];
  const rows = ids.map((id) => {
    const a = before.lines.find((l) => l.id === id);
    const b = after.lines.find((l) => l.id === id);
    const change = dec(b?.amount ?? 0).minus(a?.amount ?? 0);
    return [(b ?? a)!.label, a ? money(a.amount) : "–", b ? money(b.amount) : "–", signed(change)];
  });
  const totalChange = dec(after.total).minus(before.total);
  return {
    type: "table",
    columns: [
      { header: "Line", align: "left" },
      { header: `${headers[0]} (${after.currency})`, align: "right" },
      { header: `${headers[1]} (${after.currency})`, align: "right" },
      { header: "Change", align: "right" },
    ],
    rows: [...rows, ["Total", money(before.total), money(after.total), signed(totalChange)]],
  };
}

/** Before, after and the change of every line and the total, as decimal strings (--json). */
export function deltaData(before: Estimate, after: Estimate) {
  const ids = [...new Set([...before.lines.map((l) => l.id), ...after.lines.map((l) => l.id)])];
  return {
    currency: after.currency,
    before: before.total,
    after: after.total,
    change: dec(after.total).minus(before.total).toFixed(2),
    lines: ids.map((id) => {
      const a = before.lines.find((l) => l.id === id);
      const b = after.lines.find((l) => l.id === id);
      return {
        id,
        label: (b ?? a)!.label,
        before: a?.amount ?? null,
        after: b?.amount ?? null,
        change: dec(b?.amount ?? 0)
          .minus(a?.amount ?? 0)
          .toFixed(2),
      };
    }),
  };
}

/** `users 1000 → 5000` for every parameter that differs. */
export function paramChanges(before: Estimate, after: Estimate): string[] {
  const text = (v: unknown) => (typeof v === "object" && v ? (v as { text: string }).text : String(v));
  return Object.keys(after.params)
    .filter((k) => text(before.params[k]) !== text(after.params[k]))
    .map((k) => `${k} ${text(before.params[k])} → ${text(after.params[k])}`);
}
