import type { Catalog } from "../catalog/index.ts";
import { UserError } from "../errors.ts";
import { Decimal } from "../money.ts";
import type { ParamValue, ResolvedParams } from "../params.ts";
import type { Component, LineDraft, Pricer } from "../template.ts";
import type { CompiledWorkload } from "./compile.ts";
import { allowanceSlot, type Compiled, ExpressionError, type ExprValue, type Scope } from "./expression.ts";
import { keyOf } from "./keys.ts";
import { fillSlots, type TextPart } from "./slots.ts";

/**
 * Evaluates a compiled model for one set of values. Every let, quantity and amount is checked
 * as it is computed (docs/workload-models.md, "Sizes"): finite, a quantity below 1e21 and an
 * amount below 1e15 USD in magnitude, no negative quantity or `usd:` amount. Past that the
 * estimate is refused as a user error naming the place and the values.
 */

export const MAX_QUANTITY = new Decimal("1e21");
export const MAX_USD = new Decimal("1e15");

/** A user error found while evaluating a model (division by zero, a size beyond bounds), with its place. */
export class EvaluationError extends UserError {
  constructor(
    message: string,
    /** `lines[0].cost[1].quantity`, `let.calls` */
    readonly place: string,
    hint?: string,
  ) {
    super(message, hint);
  }
}

/** The values an estimate was asked for, as the refusal names them: `users=2, hours=3`. */
export type ValuesText = () => string;

const compact = (d: Decimal) => d.toSignificantDigits(3).toExponential().replace("e+", "e");

function size(v: Decimal): string {
  return v.abs().lt(1e9) ? v.toSignificantDigits(10).toString() : compact(v);
}

/** Runs an expression; a division by zero and the like becomes a UserError naming its place. */
function run(e: Compiled, scope: Scope, where: string, place: string): ExprValue {
  try {
    return e.evaluate(scope);
  } catch (err) {
    if (err instanceof ExpressionError)
      throw new EvaluationError(`${where} (${place}): ${err.message}`, place);
    throw err;
  }
}

function bounded(
  v: Decimal,
  limit: Decimal,
  unit: string,
  where: string,
  place: string,
  values: ValuesText,
): Decimal {
  if (!v.isFinite() || v.abs().gte(limit)) {
    const shown = v.isFinite() ? `${compact(v)}${unit}` : "a figure without bound";
    const given = values();
    throw new EvaluationError(
      `${where} (${place}): ${shown} is beyond what costbot prices (at most ${compact(limit)}${unit})${given ? `; ${given}` : ""}`,
      place,
      "lower the values, or check the model's arithmetic",
    );
  }
  return v;
}

const formatter = new Intl.NumberFormat("en-US", { maximumFractionDigits: 6 });

/** A parameter or let in a label: numbers grouped by thousands, an amount as written. */
function show(value: ParamValue | ExprValue | undefined): string {
  if (value instanceof Decimal) return formatter.format(value.toDecimalPlaces(6).toNumber());
  if (typeof value === "number") return formatter.format(value);
  if (typeof value === "object" && value) return value.text;
  return String(value);
}

/** A rendered label, unit or note is at most this long: slots cannot make an estimate grow without bound. */
export const MAX_RENDERED_CHARS = 300;

function render(parts: readonly TextPart[], scope: Scope, params: ResolvedParams): string {
  const text = fillSlots(parts, (name) => {
    const param = params[name];
    return typeof param === "object" ? param.text : show(param ?? scope[name]);
  });
  return text.length > MAX_RENDERED_CHARS ? `${text.slice(0, MAX_RENDERED_CHARS - 1)}…` : text;
}

export function scopeOf(
  w: CompiledWorkload,
  params: ResolvedParams,
  catalog: Catalog,
  values: ValuesText = () => "",
): Scope {
  const scope: Scope = Object.create(null);
  for (const [key, v] of Object.entries(params)) {
    scope[key] =
      typeof v === "number"
        ? new Decimal(v)
        : typeof v === "object"
          ? new Decimal(v.usd)
          : (v as string | boolean);
  }
  for (const key of w.allowances)
    scope[allowanceSlot(key)] = new Decimal(catalog.allowance(key)?.quantity ?? 0);
  for (const l of w.lets) {
    const where = `let \`${l.name}\``;
    const place = `let.${l.name}`;
    const v = run(l.expr, scope, where, place);
    scope[l.name] = v instanceof Decimal ? bounded(v, MAX_QUANTITY, "", where, place, values) : v;
  }
  return scope;
}

/** A number an expression outside the lines gives (revenue, plan), checked like an amount. */
export function evaluateAmount(
  e: Compiled,
  scope: Scope,
  where: string,
  place: string,
  values: ValuesText,
): Decimal {
  return bounded(run(e, scope, where, place) as Decimal, MAX_USD, " USD", where, place, values);
}

/** Conditional `needs`: a capability the model must have for these values. */
export function checkNeeds(w: CompiledWorkload, scope: Scope, catalog: Catalog): void {
  for (const n of w.needs) {
    if (run(n.when, scope, `\`${n.param}\` needs ${n.need}`, n.place) !== true) continue;
    const model = String(scope[n.param]);
    const misfit = catalog.fit(model, [n.need]);
    if (misfit) throw new UserError(`\`${n.param}=${model}\`: ${misfit}`);
  }
}

export function evaluateLines(
  w: CompiledWorkload,
  params: ResolvedParams,
  pricer: Pricer,
  notes: string[],
  values: ValuesText = () => "",
): LineDraft[] {
  const scope = scopeOf(w, params, pricer.catalog, values);
  checkNeeds(w, scope, pricer.catalog);
  const drafts: LineDraft[] = [];
  let total = new Decimal(0);
  for (const line of w.lines) {
    const where = `line \`${line.id}\``;
    if (line.when && run(line.when, scope, where, `${line.place}.when`) !== true) continue;
    const components: Component[] = [];
    for (const c of line.components) {
      const label = render(c.label, scope, params);
      const unit = c.unit ? render(c.unit, scope, params) : undefined;
      if (c.usd) {
        const place = `${c.place}.usd`;
        const usd = bounded(
          run(c.usd, scope, where, place) as Decimal,
          MAX_USD,
          " USD",
          where,
          place,
          values,
        );
        if (usd.isNegative())
          throw new EvaluationError(`${where} (${place}): the amount is negative (${size(usd)} USD)`, place);
        components.push(pricer.given(label, usd, unit ?? "USD per month"));
        continue;
      }
      const place = `${c.place}.quantity`;
      const q = bounded(
        run(c.quantity!, scope, where, place) as Decimal,
        MAX_QUANTITY,
        "",
        where,
        place,
        values,
      );
      if (q.isNegative())
        throw new EvaluationError(`${where} (${place}): the quantity is negative (${size(q)})`, place);
      const priced = c.price
        ? [pricer.charge(label, q, keyOf(c.price, scope, pricer.catalog), unit)]
        : pricer.tiered(
            label,
            q,
            c.tiers!.map((t) => ({
              ...(t.size !== undefined ? { size: t.size } : {}),
              key: keyOf(t.price, scope, pricer.catalog),
            })),
          );
      for (const p of priced) bounded(p.usd, MAX_USD, " USD", where, c.place, values);
      components.push(...priced);
    }
    const amount = components.reduce((sum, c) => sum.plus(c.usd), new Decimal(0));
    bounded(amount, MAX_USD, " USD", where, line.place, values);
    total = bounded(total.plus(amount), MAX_USD, " USD", "the total", line.place, values);
    drafts.push({ id: line.id, label: render(line.label, scope, params), components });
  }
  for (const n of w.notes) {
    if (n.when && run(n.when, scope, "note", `${n.place}.when`) !== true) continue;
    notes.push(render(n.text, scope, params));
  }
  return drafts;
}
