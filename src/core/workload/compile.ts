import type { Catalog } from "../catalog/index.ts";
import { UserError } from "../errors.ts";
import { type CurrencyCode, Decimal, dec } from "../money.ts";
import { didYouMean, nearest } from "../names.ts";
import type { ParamSpec, ParamSpecs, ParamValue, ResolvedParams } from "../params.ts";
import type { PlanShape } from "../plan.ts";
import type { Component, LineDraft, Pricer, Template } from "../template.ts";
import {
  allowanceSlot,
  type CheckContext,
  type Compiled,
  compileExpression,
  ExpressionError,
  type ExpressionNode,
  FUNCTIONS,
  type NameInfo,
  namesIn,
  parseExpression,
  RefusedNameError,
  type Scope,
  type ValueType,
} from "./expression.ts";
import {
  PARAM_SCHEMAS,
  type ParamModel,
  paramKindOf,
  type WorkloadDocument,
  type WorkloadModel,
} from "./schema.ts";

export type Path = readonly (string | number)[];
export interface Issue {
  readonly path: Path;
  readonly message: string;
}

/** Names a parameter or let may not take: they would read as something else. */
const NOT_NAMES = new Set<string>([...FUNCTIONS, "true", "false"]);

/** A piece of text with `{name}` slots, compiled once. */
type TextPart = string | { readonly name: string };

interface CompiledComponent {
  readonly label: readonly TextPart[];
  readonly unit?: readonly TextPart[];
  readonly quantity?: Compiled;
  readonly usd?: Compiled;
  readonly price?: KeyTemplate;
  readonly tiers?: readonly { readonly size?: number; readonly price: KeyTemplate }[];
  readonly place: string;
}

type KeyTemplate = { readonly model: string; readonly side: "input" | "output" } | readonly TextPart[];

interface CompiledLine {
  readonly id: string;
  readonly place: string;
  readonly label: readonly TextPart[];
  readonly when?: Compiled;
  readonly components: readonly CompiledComponent[];
}

export interface CompiledWorkload {
  readonly lets: readonly { readonly name: string; readonly expr: Compiled }[];
  readonly lines: readonly CompiledLine[];
  readonly notes: readonly {
    readonly when?: Compiled;
    readonly text: readonly TextPart[];
    readonly place: string;
  }[];
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

const typeOfParam = (p: ParamModel): ValueType => {
  const kind = paramKindOf(p);
  return kind === "number" || kind === "amount" ? "number" : kind === "boolean" ? "boolean" : "string";
};

/** Checks each parameter against its kind; returns the valid ones. */
export function checkParams(
  doc: WorkloadDocument,
  issues: Issue[],
  check?: CatalogCheck,
): Record<string, ParamModel> {
  const out: Record<string, ParamModel> = {};
  const entries = Object.entries(doc.params);
  if (entries.length < 1 || entries.length > 40)
    issues.push({ path: ["params"], message: `a workload has 1 to 40 parameters, not ${entries.length}` });
  for (const [key, raw] of entries) {
    const path = ["params", key];
    if (!/^[a-z][a-z0-9_]*$/.test(key) || key.length > 40) {
      issues.push({
        path,
        message: `\`${key}\`: a name is a-z, 0-9 and _ (at most 40), starting with a letter`,
      });
      continue;
    }
    if (NOT_NAMES.has(key) || (key === "preset" && doc.presets)) {
      issues.push({ path, message: `\`${key}\` is reserved; choose another name` });
      continue;
    }
    const kind = paramKindOf(raw);
    const parsed = PARAM_SCHEMAS[kind].safeParse(raw);
    if (!parsed.success) {
      for (const i of parsed.error.issues)
        issues.push({
          path: [...path, ...(i.path as (string | number)[])],
          message: `${kind} parameter: ${i.message}`,
        });
      continue;
    }
    const p = parsed.data as ParamModel;
    const bad = (field: string, message: string) => issues.push({ path: [...path, field], message });
    if ("choice" in p && p.default !== undefined && !p.choice.includes(p.default))
      bad(
        "default",
        `default \`${p.default}\` is not one of ${p.choice.join(", ")}${didYouMean(p.default, p.choice)}`,
      );
    if ("model" in p && check && !check.catalog.model(p.model))
      bad(
        "model",
        `unknown model \`${p.model}\`${nearest(
          p.model,
          check.catalog.models().map((m) => m.id),
        )}`,
      );
    if (kind === "number") {
      const n = p as { default: number | string; min?: number; max?: number; integer?: boolean };
      const value = numberDefault(n.default);
      const min = n.min ?? 0;
      const max = n.max ?? 1e15;
      if (min > max) bad("min", `min ${min} is above max ${max}`);
      else if (value < min || value > max) bad("default", `default ${value} is outside ${min} to ${max}`);
      if (n.integer && !Number.isInteger(value))
        bad("default", "default must be a whole number (integer: true)");
    }
    out[key] = p;
  }
  return out;
}

const numberDefault = (d: number | string) => (typeof d === "number" ? d : Number(d.slice(0, -1)) / 100);

/** The parameter specs `help`, validation and `resolveParams` use, built from the model. */
export function paramSpecs(model: WorkloadModel): ParamSpecs {
  const specs: Record<string, ParamSpec> = {};
  const presetNames = Object.keys(model.presets ?? {});
  if (presetNames.length) {
    specs.preset = {
      kind: "choice",
      default: model.default_preset ?? presetNames[0]!,
      options: presetNames,
      description: `named set of values (${presetNames.join(", ")}); any key overrides it`,
    };
  }
  for (const [key, p] of Object.entries(model.params)) specs[key] = specOf(p);
  return specs;
}

function specOf(p: ParamModel): ParamSpec {
  if ("model" in p)
    return {
      kind: "model",
      default: p.model,
      description: p.description,
      ...(p.needs ? { needs: p.needs } : {}),
    };
  if ("choice" in p)
    return {
      kind: "choice",
      default: p.default ?? p.choice[0]!,
      options: p.choice,
      description: p.description,
    };
  if ("amount" in p) {
    const m = /^(\d+(?:\.\d+)?)\s*(USD|TWD|CNY|EUR)$/.exec(p.amount)!;
    return {
      kind: "amount",
      default: { value: m[1]!, currency: m[2] as CurrencyCode },
      description: p.description,
    };
  }
  if (typeof p.default === "boolean")
    return { kind: "boolean", default: p.default, description: p.description };
  const n = p as Extract<ParamModel, { min?: number }>;
  const percent = typeof n.default === "string";
  return {
    kind: "number",
    default: numberDefault(n.default),
    min: n.min ?? 0,
    max: n.max ?? 1e15,
    unit: n.unit ?? (percent || n.percent ? "share" : ""),
    description: n.description,
    ...(n.integer ? { integer: true } : {}),
    ...(percent || n.percent ? { fraction: true } : {}),
    ...(n.exclusive_min ? { exclusiveMin: true } : {}),
  };
}

/** Compiles every expression and text of a model; problems go to `issues` (none when it is valid). */
export function compileWorkload(
  model: WorkloadModel,
  issues: Issue[],
  check?: CatalogCheck,
): CompiledWorkload {
  const names = new Map<string, NameInfo | undefined>();
  for (const [key, p] of Object.entries(model.params)) names.set(key, { type: typeOfParam(p) });
  if (model.presets && Object.keys(model.presets).length) names.set("preset", { type: "string" });
  const allowances = new Set<string>();
  const ctx: CheckContext = {
    names,
    allowances,
    allowanceKnown: (key) => !check || check.catalog.allowance(key) !== undefined,
    allowanceKeys: () => check?.allowanceKeys ?? [],
  };
  const expr = (
    text: string,
    path: Path,
    expect: ValueType | undefined,
    ast?: ExpressionNode,
  ): Compiled | undefined => {
    try {
      return compileExpression(ast ?? parseExpression(text), text, ctx, expect);
    } catch (e) {
      if (!(e instanceof ExpressionError)) throw e;
      if (!(e instanceof RefusedNameError)) issues.push({ path, message: e.message });
      return undefined;
    }
  };
  const textParts = (text: string, path: Path): TextPart[] => {
    const parts: TextPart[] = [];
    let last = 0;
    for (const m of text.matchAll(/\{([^{}]*)\}/g)) {
      if (m.index > last) parts.push(text.slice(last, m.index));
      const name = m[1]!.trim();
      if (!names.has(name))
        issues.push({ path, message: `\`{${name}}\`: unknown name${didYouMean(name, names.keys())}` });
      parts.push({ name });
      last = m.index + m[0].length;
    }
    if (last < text.length) parts.push(text.slice(last));
    return parts;
  };

  const lets = compileLets(model, names, issues, expr);

  const lineIds = new Set<string>();
  const lines: CompiledLine[] = model.lines.map((l, i) => {
    if (lineIds.has(l.id))
      issues.push({ path: ["lines", i, "id"], message: `line id \`${l.id}\` is used twice` });
    lineIds.add(l.id);
    const when = l.when === undefined ? undefined : expr(l.when, ["lines", i, "when"], "boolean");
    const components = l.cost.map((c, j): CompiledComponent => {
      const at = (field: string): Path => ["lines", i, "cost", j, field];
      const place = `lines[${i}].cost[${j}]`;
      return {
        place,
        label: textParts(c.label, at("label")),
        ...(c.unit !== undefined ? { unit: textParts(c.unit, at("unit")) } : {}),
        ...(c.quantity !== undefined ? { quantity: expr(c.quantity, at("quantity"), "number")! } : {}),
        ...(c.usd !== undefined ? { usd: expr(c.usd, at("usd"), "number")! } : {}),
        ...(c.price !== undefined ? { price: keyTemplate(c.price, at("price"), model, issues, check) } : {}),
        ...(c.tiers ? { tiers: tiers(c.tiers, at("tiers"), model, issues, check) } : {}),
      };
    });
    return {
      id: l.id,
      place: `lines[${i}]`,
      label: textParts(l.label, ["lines", i, "label"]),
      ...(when ? { when } : {}),
      components,
    };
  });

  const notes = (model.notes ?? []).map((n, i) => {
    const when = n.when === undefined ? undefined : expr(n.when, ["notes", i, "when"], "boolean");
    return { text: textParts(n.text, ["notes", i, "text"]), place: `notes[${i}]`, ...(when ? { when } : {}) };
  });
  const revenue = model.revenue === undefined ? undefined : expr(model.revenue, ["revenue"], "number");
  let minutesPerUnit: Compiled | undefined;
  if (model.plan) {
    const plan = model.plan;
    const numberParam = (key: string, field: string) => {
      const p = model.params[key];
      if (!p || paramKindOf(p) !== "number")
        issues.push({
          path: ["plan", field],
          message: `\`${key}\` must be a number parameter${didYouMean(key, Object.keys(model.params))}`,
        });
    };
    numberParam(plan.usage, "usage");
    numberParam(plan.users ?? "users", "users");
    plan.variable_lines.forEach((id, i) => {
      if (!lineIds.has(id))
        issues.push({
          path: ["plan", "variable_lines", i],
          message: `no line \`${id}\`${didYouMean(id, lineIds)}`,
        });
    });
    minutesPerUnit = expr(plan.minutes_per_unit, ["plan", "minutes_per_unit"], "number");
  }
  return {
    lets,
    lines,
    notes,
    ...(revenue ? { revenue } : {}),
    ...(minutesPerUnit ? { minutesPerUnit } : {}),
    allowances: [...allowances],
  };
}

/** Lets may refer to each other in any order; they are evaluated after what they use. */
function compileLets(
  model: WorkloadModel,
  names: Map<string, NameInfo | undefined>,
  issues: Issue[],
  expr: (
    text: string,
    path: Path,
    expect: ValueType | undefined,
    ast?: ExpressionNode,
  ) => Compiled | undefined,
): { name: string; expr: Compiled }[] {
  const defs = Object.entries(model.let ?? {});
  const asts = new Map<string, ExpressionNode>();
  const declared = new Set(defs.map(([n]) => n));
  for (const [name, text] of defs) {
    const path = ["let", name];
    if (!/^[a-z][a-z0-9_]*$/.test(name) || name.length > 40 || NOT_NAMES.has(name) || name === "preset") {
      issues.push({
        path,
        message: `\`${name}\` cannot name a let (a-z, 0-9, _; not a function or reserved word)`,
      });
      continue;
    }
    if (names.has(name)) {
      issues.push({ path, message: `\`${name}\` is already a parameter` });
      continue;
    }
    try {
      asts.set(name, parseExpression(text));
    } catch (e) {
      if (!(e instanceof ExpressionError)) throw e;
      issues.push({ path, message: e.message });
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
      issues.push({ path: ["let", name], message: `let cycle: ${cycle.join(" → ")}` });
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
    const ast = asts.get(name)!;
    const text = model.let![name]!;
    const checked = expr(text, ["let", name], undefined, ast);
    if (checked) {
      names.set(name, { type: checked.type });
      compiled.push({ name, expr: checked });
    } else names.set(name, undefined);
  }
  return compiled;
}

function keyTemplate(
  price: string,
  path: Path,
  model: WorkloadModel,
  issues: Issue[],
  check?: CatalogCheck,
): KeyTemplate {
  const m = /^\{(\w+)\}\.(input|output)$/.exec(price);
  if (m && model.params[m[1]!] && "model" in model.params[m[1]!]!)
    return { model: m[1]!, side: m[2] as "input" | "output" };
  const parts: TextPart[] = [];
  let last = 0;
  for (const p of price.matchAll(/\{([^{}]*)\}/g)) {
    if (p.index > last) parts.push(price.slice(last, p.index));
    const name = p[1]!.trim();
    const known = model.params[name] !== undefined || model.let?.[name] !== undefined;
    if (!known) {
      const all = [...Object.keys(model.params), ...Object.keys(model.let ?? {})];
      issues.push({ path, message: `\`{${name}}\` in a price key: unknown name${didYouMean(name, all)}` });
    }
    parts.push({ name });
    last = p.index + p[0].length;
  }
  if (last < price.length) parts.push(price.slice(last));
  if (!check) return parts;
  // A fixed key, or one that varies with one choice: every key it can become must exist.
  const slots = parts.filter((p): p is { name: string } => typeof p !== "string");
  const keys: string[] = [];
  if (slots.length === 0) keys.push(price);
  else if (slots.length === 1) {
    const p = model.params[slots[0]!.name];
    if (p && "choice" in p)
      for (const option of p.choice)
        keys.push(parts.map((x) => (typeof x === "string" ? x : option)).join(""));
  }
  for (const key of keys) {
    if (!check.catalog.price(key)) {
      const near = nearest(key, check.priceKeys);
      issues.push({ path, message: `no price \`${key}\` in the catalog${near || "; `prices` lists them"}` });
    }
  }
  return parts;
}

function tiers(
  list: readonly { upto?: number | undefined; price: string }[],
  path: Path,
  model: WorkloadModel,
  issues: Issue[],
  check?: CatalogCheck,
) {
  let previous = 0;
  return list.map((t, i) => {
    const last = i === list.length - 1;
    if (last && t.upto !== undefined)
      issues.push({ path: [...path, i, "upto"], message: "the last tier has no `upto` (it takes the rest)" });
    if (!last && t.upto === undefined)
      issues.push({ path: [...path, i], message: "every tier but the last has an `upto`" });
    if (t.upto !== undefined && t.upto <= previous)
      issues.push({
        path: [...path, i, "upto"],
        message: `upto ${t.upto} must be above the tier before (${previous})`,
      });
    const size = t.upto === undefined ? undefined : t.upto - previous;
    if (t.upto !== undefined) previous = t.upto;
    return {
      ...(size !== undefined ? { size } : {}),
      price: keyTemplate(t.price, [...path, i, "price"], model, issues, check),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Evaluation

const formatter = new Intl.NumberFormat("en-US", { maximumFractionDigits: 6 });

function show(value: ParamValue | Decimal | undefined): string {
  if (value instanceof Decimal) return formatter.format(value.toDecimalPlaces(6).toNumber());
  // A parameter shows as the user wrote it; a computed figure with thousands separators.
  if (typeof value === "number") return String(value);
  if (typeof value === "object" && value) return value.text;
  return String(value);
}

function render(parts: readonly TextPart[], scope: Scope, params: ResolvedParams): string {
  let out = "";
  for (const p of parts) {
    if (typeof p === "string") out += p;
    else {
      const param = params[p.name];
      out += typeof param === "object" ? param.text : show((param ?? scope[p.name]) as ParamValue);
    }
  }
  return out;
}

function keyOf(t: KeyTemplate, scope: Scope, catalog: Catalog): string {
  if ("model" in t) {
    const id = scope[t.model] as string;
    const m = catalog.model(id);
    return m ? (t.side === "input" ? m.inputKey : m.outputKey) : `model.${id}.${t.side}`;
  }
  let key = "";
  for (const p of t) key += typeof p === "string" ? p : String(scope[p.name]);
  return key;
}

/** A user error found while evaluating a model (division by zero, a negative quantity), with its place. */
export class EvaluationError extends UserError {
  constructor(
    message: string,
    /** `lines[0].cost[1].quantity`, `let.calls` */
    readonly place: string,
  ) {
    super(message);
  }
}

/** Runs an expression; a division by zero and the like becomes a UserError naming its place. */
function run(e: Compiled, scope: Scope, where: string, place: string): Decimal | boolean | string {
  try {
    return e.evaluate(scope);
  } catch (err) {
    if (err instanceof ExpressionError)
      throw new EvaluationError(`${where} (${place}): ${err.message}`, place);
    throw err;
  }
}

export function scopeOf(w: CompiledWorkload, params: ResolvedParams, catalog: Catalog): Scope {
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
  for (const l of w.lets) scope[l.name] = run(l.expr, scope, `let \`${l.name}\``, `let.${l.name}`);
  return scope;
}

export function evaluateLines(
  w: CompiledWorkload,
  params: ResolvedParams,
  pricer: Pricer,
  notes: string[],
): LineDraft[] {
  const scope = scopeOf(w, params, pricer.catalog);
  const drafts: LineDraft[] = [];
  for (const line of w.lines) {
    if (line.when && run(line.when, scope, `line \`${line.id}\``, `${line.place}.when`) !== true) continue;
    const components: Component[] = [];
    for (const c of line.components) {
      const label = render(c.label, scope, params);
      const unit = c.unit ? render(c.unit, scope, params) : undefined;
      if (c.usd) {
        const usd = run(c.usd, scope, `line \`${line.id}\``, `${c.place}.usd`) as Decimal;
        components.push(pricer.given(label, usd, unit ?? "USD per month"));
        continue;
      }
      const q = run(c.quantity!, scope, `line \`${line.id}\``, `${c.place}.quantity`) as Decimal;
      if (q.isNegative())
        throw new EvaluationError(
          `line \`${line.id}\` (${c.place}.quantity): the quantity is negative (${q.toSignificantDigits(10)})`,
          `${c.place}.quantity`,
        );
      if (c.price) components.push(pricer.charge(label, q, keyOf(c.price, scope, pricer.catalog), unit));
      else {
        const tiers = c.tiers!.map((t) => ({
          ...(t.size !== undefined ? { size: t.size } : {}),
          key: keyOf(t.price, scope, pricer.catalog),
        }));
        components.push(...pricer.tiered(label, q, tiers));
      }
    }
    drafts.push({ id: line.id, label: render(line.label, scope, params), components });
  }
  for (const n of w.notes) {
    if (n.when && run(n.when, scope, "note", `${n.place}.when`) !== true) continue;
    notes.push(render(n.text, scope, params));
  }
  return drafts;
}

/** A Template over a validated model; expressions compile on first use (not on a cold start). */
export function templateOf(model: WorkloadModel, fallbackCatalog: () => Catalog): Template {
  let compiled: CompiledWorkload | undefined;
  const get = () => {
    if (!compiled) {
      const issues: Issue[] = [];
      compiled = compileWorkload(model, issues);
      if (issues.length) throw new UserError(`workload ${model.workload} is invalid: ${issues[0]!.message}`);
    }
    return compiled;
  };
  const presetNames = Object.keys(model.presets ?? {});
  let presets: Record<string, Record<string, ParamValue>> | undefined;
  const plan: PlanShape | undefined = model.plan && {
    usageKey: model.plan.usage,
    usersKey: model.plan.users ?? "users",
    variableLines: model.plan.variable_lines,
    minutesPerUnit: (params) =>
      run(
        get().minutesPerUnit!,
        scopeOf(get(), params, fallbackCatalog()),
        "plan",
        "plan.minutes_per_unit",
      ) as Decimal,
  };
  const template: Template = {
    name: model.workload,
    title: model.title,
    seed: model.seed ?? `workload model ${model.workload}`,
    description: model.description ?? model.title,
    params: paramSpecs(model),
    ...(presetNames.length ? { defaultPreset: model.default_preset ?? presetNames[0]! } : {}),
    ...(model.revenue !== undefined
      ? {
          revenueUsd: (params: ResolvedParams) =>
            run(get().revenue!, scopeOf(get(), params, fallbackCatalog()), "revenue", "revenue") as Decimal,
        }
      : {}),
    ...(plan ? { plan } : {}),
    lines: (params, pricer, notes) => evaluateLines(get(), params, pricer, notes),
    bill: Object.fromEntries(model.lines.flatMap((l) => (l.bill ? [[l.id, l.bill]] : []))),
  };
  // Preset values resolve against the catalog (an amount in USD): on first use, not at import.
  if (presetNames.length)
    Object.defineProperty(template, "presets", {
      enumerable: true,
      get: () => {
        presets ??= presetValues(model, fallbackCatalog());
        return presets;
      },
    });
  return template;
}

/** Preset values as resolved parameters (a percent is a fraction, an amount is held in USD). */
export function presetValues(
  model: WorkloadModel,
  catalog: Catalog,
  issues?: Issue[],
): Record<string, Record<string, ParamValue>> {
  const out: Record<string, Record<string, ParamValue>> = {};
  const specs = paramSpecs(model);
  for (const [preset, values] of Object.entries(model.presets ?? {})) {
    out[preset] = {};
    for (const [key, raw] of Object.entries(values)) {
      const path = ["presets", preset, key];
      const spec = specs[key];
      if (!spec || key === "preset") {
        issues?.push({
          path,
          message: `unknown parameter \`${key}\`${didYouMean(key, Object.keys(model.params))}`,
        });
        continue;
      }
      const value = presetValue(spec, raw, catalog);
      if (value instanceof Error) {
        issues?.push({ path, message: value.message });
        continue;
      }
      out[preset]![key] = value;
    }
  }
  if (model.default_preset !== undefined && !(model.default_preset in (model.presets ?? {})))
    issues?.push({
      path: ["default_preset"],
      message: `no preset \`${model.default_preset}\`${didYouMean(model.default_preset, Object.keys(model.presets ?? {}))}`,
    });
  return out;
}

function presetValue(spec: ParamSpec, raw: number | string | boolean, catalog: Catalog): ParamValue | Error {
  switch (spec.kind) {
    case "number": {
      const n =
        typeof raw === "number"
          ? raw
          : typeof raw === "string" && /^-?\d+(\.\d+)?%$/.test(raw) && spec.fraction
            ? Number(raw.slice(0, -1)) / 100
            : Number.NaN;
      if (Number.isNaN(n)) return new Error(`a number is needed, not \`${raw}\``);
      if (n < spec.min || n > spec.max || (spec.exclusiveMin && n === spec.min))
        return new Error(`${n} is outside ${spec.min} to ${spec.max}`);
      if (spec.integer && !Number.isInteger(n)) return new Error(`${n} is not a whole number`);
      return n;
    }
    case "choice":
      return typeof raw === "string" && spec.options.includes(raw)
        ? raw
        : new Error(
            `\`${raw}\` is not one of ${spec.options.join(", ")}${didYouMean(String(raw), spec.options)}`,
          );
    case "model": {
      const m = typeof raw === "string" ? catalog.model(raw) : undefined;
      return m
        ? m.id
        : new Error(
            `unknown model \`${raw}\`${nearest(
              String(raw),
              catalog.models().map((x) => x.id),
            )}`,
          );
    }
    case "boolean":
      return typeof raw === "boolean" ? raw : new Error("true or false is needed");
    case "amount": {
      const m = typeof raw === "string" ? /^(\d+(?:\.\d+)?)\s*(USD|TWD|CNY|EUR)$/.exec(raw) : null;
      if (!m) return new Error("an amount with a currency is needed, e.g. 100TWD");
      const cur = m[2] as CurrencyCode;
      const usd = dec(m[1]!).div(catalog.rates[cur]).times(catalog.rates.USD);
      return { usd: usd.toString(), text: `${m[1]}${cur}` };
    }
  }
}
