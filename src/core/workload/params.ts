import type { Catalog } from "../catalog/index.ts";
import { type CurrencyCode, parseAmount } from "../money.ts";
import { didYouMean, nearest } from "../names.ts";
import type { ParamSpec, ParamSpecs } from "../params.ts";
import { FUNCTIONS } from "./expression.ts";
import type { Problems } from "./problems.ts";
import {
  type MODEL_NEEDS,
  PARAM_SCHEMAS,
  type ParamModel,
  paramKindOf,
  type WorkloadDocument,
  type WorkloadModel,
} from "./schema.ts";
import { describeIssue } from "./wording.ts";

/** Names a parameter or let may not take: they would read as something else. */
export const NOT_NAMES = new Set<string>([...FUNCTIONS, "true", "false"]);

/** The preset value that applies no preset: the parameters' own defaults (docs/workload-models.md, "Presets"). */
export const NO_PRESET = "none";

/** Checks each parameter against its kind; returns the valid ones. */
export function checkParams(
  doc: WorkloadDocument,
  problems: Problems,
  catalog?: Catalog,
): Record<string, ParamModel> {
  const out: Record<string, ParamModel> = {};
  const entries = Object.entries(doc.params);
  if (entries.length < 1 || entries.length > 40)
    problems.add(["params"], `a workload has 1 to 40 parameters, not ${entries.length}`);
  for (const [key, raw] of entries) {
    const path = ["params", key];
    if (!/^[a-z][a-z0-9_]*$/.test(key) || key.length > 40) {
      problems.add(path, `\`${key}\`: a name is a-z, 0-9 and _ (at most 40), starting with a letter`);
      continue;
    }
    if (NOT_NAMES.has(key) || (key === "preset" && doc.presets)) {
      problems.add(path, `\`${key}\` is reserved; choose another name`);
      continue;
    }
    const kind = paramKindOf(raw);
    const parsed = PARAM_SCHEMAS[kind].safeParse(raw);
    if (!parsed.success) {
      for (const i of parsed.error.issues) {
        const at = [...path, ...(i.path as (string | number)[])];
        const keys = Object.keys(PARAM_SCHEMAS[kind].shape);
        const said = describeIssue(i, at, raw, `a ${kind} parameter`, keys);
        problems.add(said.path, said.message, said.hint, said.atKey);
      }
      continue;
    }
    const p = parsed.data as ParamModel;
    const bad = (field: string, message: string) => problems.add([...path, field], message);
    if ("choice" in p && p.default !== undefined && !p.choice.includes(p.default))
      bad(
        "default",
        `default \`${p.default}\` is not one of ${p.choice.join(", ")}${didYouMean(p.default, p.choice)}`,
      );
    if ("model" in p && catalog) {
      const reason = modelProblem(p.model, catalog);
      if (reason) bad("model", reason);
    }
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

/**
 * Why a model name in a file names no one model, or undefined: a default resolves as `model=`
 * does at run time (any catalog model, by id or alias).
 */
export function modelProblem(name: string, catalog: Catalog): string | undefined {
  const found = catalog.modelMatches(name);
  if (found.length === 1) return undefined;
  // Not in the eager list, which is all a cold start has: it is checked where it is priced,
  // against the full list (`workload add` and `check` load it first).
  if (found.length === 0 && !catalog.complete()) return undefined;
  if (found.length > 1)
    return `\`${name}\` could mean ${found.map((m) => `\`${m.id}\``).join(", ")}; name one`;
  return `unknown model \`${name}\`${nearest(
    name,
    catalog.models().flatMap((m) => [m.id, ...m.aliases]),
  )}`;
}

export const numberDefault = (d: number | string) =>
  typeof d === "number" ? d : Number(d.slice(0, -1)) / 100;

/** The parameter specs `help`, validation and `resolveParams` use, built from the model. */
export function paramSpecs(model: WorkloadModel): ParamSpecs {
  const specs: Record<string, ParamSpec> = {};
  const presetNames = Object.keys(model.presets ?? {});
  if (presetNames.length) {
    const options = model.default_preset === undefined ? [...presetNames, NO_PRESET] : presetNames;
    specs.preset = {
      kind: "choice",
      default: model.default_preset ?? NO_PRESET,
      options,
      description: `named set of values (${presetNames.join(", ")}); any key overrides it`,
    };
  }
  for (const [key, p] of Object.entries(model.params)) specs[key] = specOf(p);
  return specs;
}

/** The needs that hold whatever the values (`needs: [images]`); conditional ones are checked per estimate. */
export function alwaysNeeds(p: { needs?: ParamModelNeeds }): readonly (typeof MODEL_NEEDS)[number][] {
  if (!p.needs) return [];
  return Array.isArray(p.needs) ? p.needs : [];
}
type ParamModelNeeds = Extract<ParamModel, { model: string }>["needs"];

function specOf(p: ParamModel): ParamSpec {
  if ("model" in p) {
    const needs = alwaysNeeds(p);
    const needsWhen =
      p.needs && !Array.isArray(p.needs)
        ? Object.entries(p.needs).map(([need, when]) => ({
            need: need as (typeof MODEL_NEEDS)[number],
            when,
          }))
        : [];
    return {
      kind: "model",
      default: p.model,
      description: p.description,
      ...(needs.length ? { needs } : {}),
      ...(needsWhen.length ? { needsWhen } : {}),
    };
  }
  if ("choice" in p)
    return {
      kind: "choice",
      default: p.default ?? p.choice[0]!,
      options: p.choice,
      description: p.description,
    };
  if ("amount" in p) {
    const money = parseAmount(p.amount);
    if ("reason" in money) throw new Error(`amount ${p.amount} passed the schema: ${money.reason}`);
    return {
      kind: "amount",
      default: { value: money.amount.toString(), currency: money.currency as CurrencyCode },
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
