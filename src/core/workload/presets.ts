import type { Catalog } from "../catalog/index.ts";
import { convert, parseAmount } from "../money.ts";
import { didYouMean } from "../names.ts";
import type { ParamSpec, ParamValue } from "../params.ts";
import { modelProblem, NO_PRESET, paramSpecs } from "./params.ts";
import type { Problems } from "./problems.ts";
import type { WorkloadModel } from "./schema.ts";

export const MAX_PRESETS = 20;

/** Preset values as resolved parameters (a percent is a fraction, an amount is held in USD). */
export function presetValues(
  model: WorkloadModel,
  catalog: Catalog,
  problems?: Problems,
): Record<string, Record<string, ParamValue>> {
  const out: Record<string, Record<string, ParamValue>> = {};
  const specs = paramSpecs(model);
  const count = Object.keys(model.presets ?? {}).length;
  // Each preset is priced when the model is checked: their number is bounded like the lines'.
  if (count > MAX_PRESETS)
    problems?.add(["presets"], `a model has at most ${MAX_PRESETS} presets, not ${count}`);
  for (const [preset, values] of Object.entries(model.presets ?? {})) {
    if (preset === NO_PRESET)
      problems?.add(
        ["presets", preset],
        `\`${NO_PRESET}\` means no preset; name this preset otherwise`,
        undefined,
        true,
      );
    out[preset] = {};
    for (const [key, raw] of Object.entries(values)) {
      const path = ["presets", preset, key];
      const spec = specs[key];
      if (!spec || key === "preset") {
        problems?.add(path, `unknown parameter \`${key}\`${didYouMean(key, Object.keys(model.params))}`);
        continue;
      }
      const value = presetValue(spec, raw, catalog);
      if (value instanceof Error) {
        problems?.add(path, value.message);
        continue;
      }
      out[preset]![key] = value;
    }
  }
  if (model.default_preset !== undefined && !(model.default_preset in (model.presets ?? {})))
    problems?.add(
      ["default_preset"],
      `no preset \`${model.default_preset}\`${didYouMean(model.default_preset, Object.keys(model.presets ?? {}))}`,
    );
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
      const reason = modelProblem(String(raw), catalog);
      return reason ? new Error(reason) : catalog.model(String(raw))!.id;
    }
    case "boolean":
      return typeof raw === "boolean" ? raw : new Error("true or false is needed");
    case "amount": {
      const money = typeof raw === "string" ? parseAmount(raw) : undefined;
      if (!money || "reason" in money)
        return new Error(money?.reason ?? "an amount with a currency is needed, e.g. 100TWD");
      const usd = convert(money.amount, money.currency, "USD", catalog.rates);
      return { usd: usd.toString(), text: raw as string };
    }
  }
}
