import type { Catalog } from "../catalog/index.ts";
import { UserError } from "../errors.ts";
import type { Decimal } from "../money.ts";
import type { ParamValue, ResolvedParams } from "../params.ts";
import type { PlanShape } from "../plan.ts";
import type { Template } from "../template.ts";
import { type CompiledWorkload, compileWorkload } from "./compile.ts";
import { evaluateAmount, evaluateLines, scopeOf, type ValuesText } from "./evaluate.ts";
import { NO_PRESET, paramSpecs } from "./params.ts";
import { presetValues } from "./presets.ts";
import { Problems } from "./problems.ts";
import type { WorkloadModel } from "./schema.ts";

/**
 * A Template over a validated model; expressions compile on first use (not on a cold start).
 * Presets apply only when named or when the model names a `default_preset`
 * (docs/workload-models.md, "Presets").
 */
export function templateOf(
  model: WorkloadModel,
  fallbackCatalog: () => Catalog,
  checked?: CompiledWorkload,
): Template {
  let compiled: CompiledWorkload | undefined = checked;
  const get = () => {
    if (!compiled) {
      const problems = new Problems();
      compiled = compileWorkload(model, problems);
      if (problems.size)
        throw new UserError(`workload ${model.workload} is invalid: ${problems.list[0]!.message}`);
    }
    return compiled;
  };
  const specs = paramSpecs(model);
  // The values a refusal names: those that differ from the parameters' defaults.
  const valuesOf =
    (params: ResolvedParams): ValuesText =>
    () =>
      Object.entries(params)
        .filter(([key, v]) => {
          const spec = specs[key];
          if (!spec) return false;
          const d = spec.default;
          return typeof v === "object"
            ? typeof d !== "object" || v.text !== `${d.value}${d.currency}`
            : v !== d;
        })
        .map(([key, v]) => `${key}=${typeof v === "object" ? v.text : String(v)}`)
        .join(", ");
  const presetNames = Object.keys(model.presets ?? {});
  let presets: Record<string, Record<string, ParamValue>> | undefined;
  const plan: PlanShape | undefined = model.plan && {
    usageKey: model.plan.usage,
    usersKey: model.plan.users ?? "users",
    variableLines: model.plan.variable_lines,
    minutesPerUnit: (params) =>
      evaluateAmount(
        get().minutesPerUnit!,
        scopeOf(get(), params, fallbackCatalog(), valuesOf(params)),
        "plan",
        "plan.minutes_per_unit",
        valuesOf(params),
      ),
  };
  const template: Template = {
    name: model.workload,
    title: model.title,
    seed: model.seed ?? `workload model ${model.workload}`,
    description: model.description ?? model.title,
    params: specs,
    ...(presetNames.length ? { defaultPreset: model.default_preset ?? NO_PRESET } : {}),
    ...(model.revenue !== undefined
      ? {
          revenueUsd: (params: ResolvedParams): Decimal =>
            evaluateAmount(
              get().revenue!,
              scopeOf(get(), params, fallbackCatalog(), valuesOf(params)),
              "revenue",
              "revenue",
              valuesOf(params),
            ),
        }
      : {}),
    ...(plan ? { plan } : {}),
    lines: (params, pricer, notes) => evaluateLines(get(), params, pricer, notes, valuesOf(params)),
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
