import { z } from "zod";
import { type Catalog, ModelListNotLoaded } from "./catalog/index.ts";
import { UserError } from "./errors.ts";
import { type CurrencyCode, convert, dec } from "./money.ts";
import { closest, didYouMean } from "./names.ts";

/** A value as the command language wrote it, before a template gives it a meaning. */
export type Value =
  | { readonly kind: "number"; readonly value: string; readonly text: string }
  | { readonly kind: "percent"; readonly value: string; readonly text: string }
  | {
      readonly kind: "amount";
      readonly value: string;
      readonly currency: CurrencyCode;
      readonly text: string;
    }
  | { readonly kind: "boolean"; readonly value: boolean; readonly text: string }
  | { readonly kind: "name"; readonly value: string; readonly text: string };

export interface NumberParam {
  readonly kind: "number";
  readonly default: number;
  readonly min: number;
  readonly max: number;
  readonly unit: string;
  readonly description: string;
  readonly integer?: boolean;
  /** A share (0..1): accepts `40%` as well as `0.4`. */
  readonly fraction?: boolean;
  /** The lower bound itself is refused (sizes, durations). */
  readonly exclusiveMin?: boolean;
}
export interface ChoiceParam {
  readonly kind: "choice";
  readonly default: string;
  readonly options: readonly string[];
  readonly description: string;
}
/** What a model must be able to do for a workload (the catalog checks it). */
export type { ModelNeed } from "./catalog/types.ts";

import type { ModelNeed } from "./catalog/types.ts";
export interface ModelParam {
  readonly kind: "model";
  readonly default: string;
  readonly description: string;
  readonly needs?: readonly ModelNeed[];
  /** Needs that hold only under a condition on the values (a workload model's `needs: { images: "images > 0" }`). */
  readonly needsWhen?: readonly { readonly need: ModelNeed; readonly when: string }[];
}
export interface BooleanParam {
  readonly kind: "boolean";
  readonly default: boolean;
  readonly description: string;
}
export interface AmountParam {
  readonly kind: "amount";
  readonly default: { readonly value: string; readonly currency: CurrencyCode };
  readonly description: string;
}
export type ParamSpec = NumberParam | ChoiceParam | ModelParam | BooleanParam | AmountParam;
export type ParamSpecs = Readonly<Record<string, ParamSpec>>;

/** An amount param resolves to USD; the text it was given in is kept for display. */
export interface AmountValue {
  readonly usd: string;
  readonly text: string;
}
export type ParamValue = number | string | boolean | AmountValue;
export type ResolvedParams = Readonly<Record<string, ParamValue>>;

export const num = (spec: Omit<NumberParam, "kind">): NumberParam => ({ kind: "number", ...spec });
export const choice = (spec: Omit<ChoiceParam, "kind">): ChoiceParam => ({ kind: "choice", ...spec });
export const model = (spec: Omit<ModelParam, "kind">): ModelParam => ({ kind: "model", ...spec });
export const bool = (spec: Omit<BooleanParam, "kind">): BooleanParam => ({ kind: "boolean", ...spec });
export const amount = (spec: Omit<AmountParam, "kind">): AmountParam => ({ kind: "amount", ...spec });

const formatNumber = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 6 });

function rangeText(spec: NumberParam): string {
  const low = spec.exclusiveMin ? `more than ${formatNumber(spec.min)}` : formatNumber(spec.min);
  return spec.exclusiveMin
    ? `${low} and at most ${formatNumber(spec.max)}`
    : `${low} to ${formatNumber(spec.max)}`;
}

/**
 * The zod schema for one parameter: type, range, default, unit and description. It checks
 * values, and `help <template>` is generated from it (z.toJSONSchema), so the two agree.
 */
export function paramSchema(spec: ParamSpec): z.ZodType {
  switch (spec.kind) {
    case "number": {
      let s = spec.integer ? z.number().int() : z.number();
      s = spec.exclusiveMin ? s.gt(spec.min) : s.min(spec.min);
      return s.max(spec.max).default(spec.default).describe(spec.description).meta({ unit: spec.unit });
    }
    case "choice":
      return z
        .enum(spec.options as [string, ...string[]])
        .default(spec.default)
        .describe(spec.description);
    case "model":
      return z
        .string()
        .min(1)
        .default(spec.default)
        .describe(spec.description)
        .meta({ unit: "model id (`models`)" });
    case "boolean":
      return z.boolean().default(spec.default).describe(spec.description);
    case "amount":
      return z
        .object({ usd: z.string(), text: z.string() })
        .describe(spec.description)
        .meta({ unit: "amount with a currency", default: `${spec.default.value}${spec.default.currency}` });
  }
}

const schemas = new WeakMap<ParamSpec, z.ZodType>();
function schemaOf(spec: ParamSpec): z.ZodType {
  let schema = schemas.get(spec);
  if (!schema) {
    schema = paramSchema(spec);
    schemas.set(spec, schema);
  }
  return schema;
}

export function templateSchema(specs: ParamSpecs): z.ZodObject {
  return z.object(Object.fromEntries(Object.entries(specs).map(([k, s]) => [k, paramSchema(s)])));
}

export function defaultValue(spec: ParamSpec, catalog: Catalog): ParamValue {
  if (spec.kind === "model") return fittingModel("default", spec, spec.default, spec.default, catalog);
  if (spec.kind !== "amount") return spec.default;
  const { value, currency } = spec.default;
  return { usd: convert(dec(value), currency, "USD", catalog.rates).toString(), text: `${value}${currency}` };
}

/** Turns one written value into the parameter's value, or says exactly what is wrong with it. */
export function coerceValue(key: string, spec: ParamSpec, value: Value, catalog: Catalog): ParamValue {
  const wrong = (what: string) => new UserError(`\`${key}=${value.text}\`: ${what}`);
  switch (spec.kind) {
    case "number": {
      let n: number;
      if (value.kind === "number") n = Number(value.value);
      else if (value.kind === "percent" && spec.fraction) n = Number(value.value);
      else if (value.kind === "percent")
        throw wrong(`${key} takes a number in ${spec.unit}, not a percentage`);
      else throw wrong(`${key} takes a number (${spec.unit}), e.g. \`${key}=${formatNumber(spec.default)}\``);
      if (spec.integer && Number.isFinite(n) && !Number.isInteger(n))
        throw wrong(`${key} must be a whole number`);
      if (!schemaOf(spec).safeParse(n).success) throw wrong(`${key} must be ${rangeText(spec)} ${spec.unit}`);
      return n;
    }
    case "choice": {
      const name = String(value.value).toLowerCase();
      const option = spec.options.find((o) => o.toLowerCase() === name);
      if (value.kind === "name" && option) return option;
      throw wrong(
        `${key} is one of ${spec.options.join(", ")}${didYouMean(String(value.value), spec.options)}`,
      );
    }
    case "model":
      return fittingModel(key, spec, String(value.value), value.text, catalog);
    case "boolean":
      if (value.kind === "boolean") return value.value;
      throw wrong(`${key} is true or false`);
    case "amount": {
      if (value.kind === "amount") {
        const usd = convert(dec(value.value), value.currency, "USD", catalog.rates);
        if (usd.lte(0)) throw wrong(`${key} must be more than zero`);
        return { usd: usd.toString(), text: value.text };
      }
      if (value.kind === "number" && Number(value.value) > 0)
        return { usd: value.value, text: `${value.value}USD` };
      throw wrong(`${key} is an amount with a currency, e.g. \`${key}=100TWD\``);
    }
  }
}

/**
 * The model a name means, if it can do what the parameter needs (chat unless `embedding`; images,
 * audio): unknown, ambiguous and unfit names are refused with the candidates or a suggestion.
 */
function fittingModel(key: string, spec: ModelParam, name: string, text: string, catalog: Catalog): string {
  const found = catalog.modelMatches(name);
  if (found.length === 0 && !catalog.complete()) throw new ModelListNotLoaded(name);
  if (found.length > 1)
    throw new UserError(
      `\`${key}=${text}\` could mean ${found.map((m) => `\`${m.id}\``).join(", ")}; name one of them`,
    );
  const entry = found[0];
  if (!entry) {
    const close = closest(
      name,
      catalog.models().map((m) => m.id),
    );
    const suffix = close.length ? `; close: ${close.join(", ")}` : "; `models` lists them";
    throw new UserError(`unknown model \`${text}\`${suffix}`);
  }
  const misfit = catalog.fit(entry.id, spec.needs ?? []);
  if (misfit) throw new UserError(`\`${key}=${text}\`: ${misfit}`);
  return entry.id;
}

/** Where a key is not one of the template's, say so and name the closest. */
export function unknownKey(key: string, template: string, specs: ParamSpecs): UserError {
  return new UserError(
    `unknown key \`${key}\` for ${template}${didYouMean(key, Object.keys(specs))}`,
    `\`help ${template}\` lists its keys`,
  );
}
