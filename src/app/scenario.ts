import type { Catalog } from "../core/catalog/index.ts";
import { type Estimate, estimate, resolveParams } from "../core/estimate.ts";
import { type Decimal, dec, moneyOf, subtractMoney } from "../core/money.ts";
import type { Value } from "../core/params.ts";
import type { Template } from "../core/template.ts";
import type { Assignments, Options } from "./commands.ts";
import { money, signed } from "./format.ts";
import { loadModelsFor } from "./model-list.ts";
import type { ResolvedTemplate, ScenarioInput, TemplateLookup } from "./ports.ts";
import type { Block } from "./reply.ts";
import { canonicalText, parseValue } from "./values.ts";
import { requireWorkload } from "./workloads.ts";

export function inputOf(template: string, assignments: Assignments, options: Options): ScenarioInput {
  return {
    template,
    written: Object.fromEntries(Object.entries(assignments).map(([k, v]) => [k, v.text])),
    currency: options.currency ?? "USD",
  };
}

/** A scenario's own words (stored as text) read again as values. */
export function valuesOf(input: ScenarioInput): Record<string, Value> {
  const values: Record<string, Value> = {};
  for (const [key, text] of Object.entries(input.written)) values[key] = parseValue(key, text);
  return values;
}

/**
 * Prices a scenario's own words with `template` (the one its input names, already looked up)
 * against this catalog, loading the full model list first when its values name a model
 * outside the eager set.
 */
export async function priceScenario(
  input: ScenarioInput,
  template: Template,
  catalog: Catalog,
): Promise<Estimate> {
  const values = valuesOf(input);
  await loadModelsFor(catalog, template, Object.entries(values));
  return estimate(template, resolveParams(template, values, catalog), catalog, input.currency);
}

/** A scenario priced as it stands in the store: its template looked up first (a user error when gone). */
export interface Priced extends ResolvedTemplate {
  readonly estimate: Estimate;
}

/** A stored scenario (a thread's, a saved one) re-priced: its template resolved, then priced. */
export async function priceSaved(
  input: ScenarioInput,
  templates: TemplateLookup,
  catalog: Catalog,
): Promise<Priced> {
  const resolved = await requireWorkload(templates, input.template);
  return { ...resolved, estimate: await priceScenario(input, resolved.template, catalog) };
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
  };
}

/** After's total less before's: both in one currency (CurrencyMismatch otherwise, never a wrong delta). */
export function totalDelta(before: Estimate, after: Estimate): Decimal {
  return subtractMoney(moneyOf(after.total, after.currency), moneyOf(before.total, before.currency)).amount;
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
  const totalChange = totalDelta(before, after);
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
    change: totalDelta(before, after).toFixed(2),
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
