import type { Catalog } from "../catalog/index.ts";
import { didYouMean } from "../names.ts";
import {
  type CheckContext,
  type Compiled,
  compileExpression,
  ExpressionError,
  type ExpressionNode,
  type NameInfo,
  namesIn,
  parseExpression,
  RefusedNameError,
  type ValueType,
} from "./expression.ts";
import { compileKey, type KeyTemplate } from "./keys.ts";
import { NOT_NAMES } from "./params.ts";
import type { Path, Problems } from "./problems.ts";
import { type ParamModel, paramKindOf, type WorkloadModel } from "./schema.ts";
import { parseSlots, slotNames, type TextPart } from "./slots.ts";

/**
 * Compiles a checked model's expressions, labels and price keys once (docs/workload-models.md):
 * lets in dependency order, lines, notes, revenue, plan, and the conditions of model `needs`.
 */

export interface CompiledComponent {
  readonly label: readonly TextPart[];
  readonly unit?: readonly TextPart[];
  readonly quantity?: Compiled;
  readonly usd?: Compiled;
  readonly price?: KeyTemplate;
  readonly tiers?: readonly { readonly size?: number; readonly price: KeyTemplate }[];
  readonly place: string;
}

export interface CompiledLine {
  readonly id: string;
  readonly place: string;
  readonly label: readonly TextPart[];
  readonly when?: Compiled;
  readonly components: readonly CompiledComponent[];
}

/** A capability a model parameter needs only when its condition holds (`needs: { images: "images > 0" }`). */
export interface CompiledNeed {
  readonly param: string;
  readonly need: string;
  readonly when: Compiled;
  readonly place: string;
}

export interface CompiledWorkload {
  readonly lets: readonly { readonly name: string; readonly expr: Compiled }[];
  readonly lines: readonly CompiledLine[];
  readonly notes: readonly {
    readonly when?: Compiled;
    readonly text: readonly TextPart[];
    readonly place: string;
  }[];
  readonly needs: readonly CompiledNeed[];
  readonly revenue?: Compiled;
  readonly minutesPerUnit?: Compiled;
  readonly allowances: readonly string[];
}

/** The catalog facts a check needs; absent when compiling an already validated built-in. */
export interface CatalogCheck {
  readonly catalog: Catalog;
  readonly priceKeys: readonly string[];
  readonly allowanceKeys: readonly string[];
}

/**
 * Operations a model may have in all its expressions (docs/workload-models.md, "Sizes"): enough
 * for any model we know (the largest built-in, voice-agent, has 30), few enough that a 50-point sweep stays well under a
 * second of CPU.
 */
export const MAX_OPERATIONS = 500;
/** Prices a model may charge in one estimate: a `price:` is one, `tiers:` one per tier. */
export const MAX_PRICED_PARTS = 300;

const HINT_OPERATIONS = "move repeated arithmetic into a `let` and use its name";
const tooMany = (count: string) =>
  `the model has ${count} operations (+ - * /, comparisons, calls); at most ${MAX_OPERATIONS.toLocaleString("en-US")}`;

/** Operator characters (and commas) in every expression of a model: at least its operations, at most about twice. */
function operatorsIn(model: WorkloadModel): number {
  const texts = [
    ...Object.values(model.let ?? {}),
    ...model.lines.flatMap((l) => [l.when, ...l.cost.flatMap((c) => [c.quantity, c.usd])]),
    ...(model.notes ?? []).map((n) => n.when),
    model.revenue,
    model.plan?.minutes_per_unit,
  ];
  let count = 0;
  for (const t of texts) if (t) count += t.match(/[-+*/<>!?(,]|&&|\|\||==/g)?.length ?? 0;
  return count;
}

const typeOfParam = (p: ParamModel): ValueType => {
  const kind = paramKindOf(p);
  return kind === "number" || kind === "amount" ? "number" : kind === "boolean" ? "boolean" : "string";
};

type CompileExpr = (
  text: string,
  path: Path,
  expect: ValueType | undefined,
  ast?: ExpressionNode,
) => Compiled | undefined;

/** Compiles every expression and text of a model; problems go to `problems` (none when it is valid). */
export function compileWorkload(
  model: WorkloadModel,
  problems: Problems,
  check?: CatalogCheck,
): CompiledWorkload {
  // Far past the limit, say so before parsing 64 KB of expressions (each operator is one char or two).
  const rough = operatorsIn(model);
  if (rough > 2 * MAX_OPERATIONS) {
    problems.add([], tooMany(`about ${rough.toLocaleString("en-US")}`), HINT_OPERATIONS);
    return { lets: [], lines: [], notes: [], needs: [], allowances: [] };
  }
  const names = new Map<string, NameInfo | undefined>();
  for (const [key, p] of Object.entries(model.params)) names.set(key, { type: typeOfParam(p) });
  if (model.presets && Object.keys(model.presets).length) names.set("preset", { type: "string" });
  const allowances = new Set<string>();
  const operations = { count: 0 };
  const ctx: CheckContext = {
    names,
    allowances,
    operations,
    allowanceKnown: (key) => !check || check.catalog.allowance(key) !== undefined,
    allowanceKeys: () => check?.allowanceKeys ?? [],
  };
  const expr: CompileExpr = (text, path, expect, ast) => {
    try {
      return compileExpression(ast ?? parseExpression(text), text, ctx, expect);
    } catch (e) {
      if (!(e instanceof ExpressionError)) throw e;
      if (!(e instanceof RefusedNameError)) problems.add(path, e.message);
      return undefined;
    }
  };
  const text = (value: string, path: Path): TextPart[] => {
    const parts = parseSlots(value);
    for (const name of slotNames(parts))
      if (!names.has(name))
        problems.add(path, `\`{${name}}\`: unknown name${didYouMean(name, names.keys())}`);
    return parts;
  };
  const key = (price: string, path: Path) =>
    compileKey(price, path, model, problems, check?.catalog, check?.priceKeys);

  const lets = compileLets(model, names, problems, expr);

  const lineIds = new Set<string>();
  const lines: CompiledLine[] = model.lines.map((l, i) => {
    if (lineIds.has(l.id)) problems.add(["lines", i, "id"], `line id \`${l.id}\` is used twice`);
    lineIds.add(l.id);
    const when = l.when === undefined ? undefined : expr(l.when, ["lines", i, "when"], "boolean");
    const components = l.cost.map((c, j): CompiledComponent => {
      const at = (field: string): Path => ["lines", i, "cost", j, field];
      return {
        place: `lines[${i}].cost[${j}]`,
        label: text(c.label, at("label")),
        ...(c.unit !== undefined ? { unit: text(c.unit, at("unit")) } : {}),
        ...(c.quantity !== undefined ? { quantity: expr(c.quantity, at("quantity"), "number")! } : {}),
        ...(c.usd !== undefined ? { usd: expr(c.usd, at("usd"), "number")! } : {}),
        ...(c.price !== undefined ? { price: key(c.price, at("price")) } : {}),
        ...(c.tiers ? { tiers: tiers(c.tiers, at("tiers"), problems, key) } : {}),
      };
    });
    return {
      id: l.id,
      place: `lines[${i}]`,
      label: text(l.label, ["lines", i, "label"]),
      ...(when ? { when } : {}),
      components,
    };
  });

  const notes = (model.notes ?? []).map((n, i) => {
    const when = n.when === undefined ? undefined : expr(n.when, ["notes", i, "when"], "boolean");
    return { text: text(n.text, ["notes", i, "text"]), place: `notes[${i}]`, ...(when ? { when } : {}) };
  });
  const needs: CompiledNeed[] = [];
  for (const [param, p] of Object.entries(model.params)) {
    if (!("model" in p) || !p.needs || Array.isArray(p.needs)) continue;
    for (const [need, condition] of Object.entries(p.needs)) {
      const path = ["params", param, "needs", need];
      const when = expr(condition, path, "boolean");
      if (when) needs.push({ param, need, when, place: `params.${param}.needs.${need}` });
    }
  }
  const revenue = model.revenue === undefined ? undefined : expr(model.revenue, ["revenue"], "number");
  const minutesPerUnit = model.plan && compilePlan(model, lineIds, problems, expr);
  const parts = model.lines.reduce((n, l) => n + l.cost.reduce((m, c) => m + (c.tiers?.length ?? 1), 0), 0);
  if (parts > MAX_PRICED_PARTS)
    problems.add(
      ["lines"],
      `the model charges ${parts} prices (a tier counts as one); at most ${MAX_PRICED_PARTS}`,
      "merge components that share a price",
    );
  // The language has no loops: one estimate runs each operation once, so this bounds its CPU.
  if (operations.count > MAX_OPERATIONS)
    problems.add([], tooMany(operations.count.toLocaleString("en-US")), HINT_OPERATIONS);
  return {
    lets,
    lines,
    notes,
    needs,
    ...(revenue ? { revenue } : {}),
    ...(minutesPerUnit ? { minutesPerUnit } : {}),
    allowances: [...allowances],
  };
}

function compilePlan(
  model: WorkloadModel,
  lineIds: ReadonlySet<string>,
  problems: Problems,
  expr: CompileExpr,
): Compiled | undefined {
  const plan = model.plan!;
  const numberParam = (key: string, field: string) => {
    const p = model.params[key];
    if (!p || paramKindOf(p) !== "number")
      problems.add(
        ["plan", field],
        `\`${key}\` must be a number parameter${didYouMean(key, Object.keys(model.params))}`,
      );
  };
  numberParam(plan.usage, "usage");
  numberParam(plan.users ?? "users", "users");
  plan.variable_lines.forEach((id, i) => {
    if (!lineIds.has(id))
      problems.add(["plan", "variable_lines", i], `no line \`${id}\`${didYouMean(id, lineIds)}`);
  });
  return expr(plan.minutes_per_unit, ["plan", "minutes_per_unit"], "number");
}

/** Lets may refer to each other in any order; they are evaluated after what they use. */
function compileLets(
  model: WorkloadModel,
  names: Map<string, NameInfo | undefined>,
  problems: Problems,
  expr: CompileExpr,
): { name: string; expr: Compiled }[] {
  const defs = Object.entries(model.let ?? {});
  const asts = new Map<string, ExpressionNode>();
  const declared = new Set(defs.map(([n]) => n));
  for (const [name, text] of defs) {
    const path = ["let", name];
    if (!/^[a-z][a-z0-9_]*$/.test(name) || name.length > 40 || NOT_NAMES.has(name) || name === "preset") {
      problems.add(path, `\`${name}\` cannot name a let (a-z, 0-9, _; not a function or reserved word)`);
      continue;
    }
    if (names.has(name)) {
      problems.add(path, `\`${name}\` is already a parameter`);
      continue;
    }
    try {
      asts.set(name, parseExpression(text));
    } catch (e) {
      if (!(e instanceof ExpressionError)) throw e;
      problems.add(path, e.message);
    }
  }
  // Topological order; a cycle is reported once, at the let that closes it.
  const order: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const inCycle = new Set<string>();
  const visit = (name: string, trail: string[]) => {
    if (state.get(name) === "done") return;
    if (state.get(name) === "visiting") {
      const cycle = [...trail.slice(trail.indexOf(name)), name];
      problems.add(["let", name], `let cycle: ${cycle.join(" → ")}`);
      for (const member of cycle) inCycle.add(member);
      return;
    }
    state.set(name, "visiting");
    for (const used of namesIn(asts.get(name)!)) if (asts.has(used)) visit(used, [...trail, name]);
    state.set(name, "done");
    order.push(name);
  };
  for (const name of asts.keys()) visit(name, []);
  // A let that is refused (or in a cycle) is still a known name: its users get one pointer to it.
  for (const name of declared) if (!names.has(name)) names.set(name, undefined);
  const compiled: { name: string; expr: Compiled }[] = [];
  for (const name of order.filter((n) => !inCycle.has(n))) {
    const checked = expr(model.let![name]!, ["let", name], undefined, asts.get(name)!);
    if (checked) {
      names.set(name, { type: checked.type });
      compiled.push({ name, expr: checked });
    } else names.set(name, undefined);
  }
  return compiled;
}

function tiers(
  list: readonly { upto?: number | undefined; price: string }[],
  path: Path,
  problems: Problems,
  key: (price: string, path: Path) => KeyTemplate,
) {
  let previous = 0;
  return list.map((t, i) => {
    const last = i === list.length - 1;
    if (last && t.upto !== undefined)
      problems.add([...path, i, "upto"], "the last tier has no `upto` (it takes the rest)");
    if (!last && t.upto === undefined) problems.add([...path, i], "every tier but the last has an `upto`");
    if (t.upto !== undefined && t.upto <= previous)
      problems.add([...path, i, "upto"], `upto ${t.upto} must be above the tier before (${previous})`);
    const size = t.upto === undefined ? undefined : t.upto - previous;
    if (t.upto !== undefined) previous = t.upto;
    return { ...(size !== undefined ? { size } : {}), price: key(t.price, [...path, i, "price"]) };
  });
}
