import type { Catalog } from "../catalog/index.ts";
import { didYouMean, nearest } from "../names.ts";
import type { Scope } from "./expression.ts";
import type { Path, Problems } from "./problems.ts";
import type { WorkloadModel } from "./schema.ts";
import { fillSlots, parseSlots, slotNames, type TextPart } from "./slots.ts";

/**
 * A `price:` key with its slots (docs/workload-models.md, "Price keys"): a fixed catalog key,
 * one that varies with a choice (`aws.apigw.{api}`), or a model parameter's token price
 * (`{model}.input`). The model-key family lives here alone.
 */
export type KeyTemplate =
  | { readonly model: string; readonly side: ModelPriceSide }
  | { readonly parts: readonly TextPart[] };

export const MODEL_PRICE_SIDES = ["input", "output"] as const;
export type ModelPriceSide = (typeof MODEL_PRICE_SIDES)[number];

const MODEL_KEY = new RegExp(`^\\{(\\w+)\\}\\.(${MODEL_PRICE_SIDES.join("|")})$`);

/** The catalog key a model's price of one side is found at. */
function modelKey(catalog: Catalog, id: string, side: ModelPriceSide): string {
  const m = catalog.model(id);
  if (!m) return `model.${id}.${side}`;
  return side === "input" ? m.inputKey : m.outputKey;
}

export function compileKey(
  price: string,
  path: Path,
  model: WorkloadModel,
  problems: Problems,
  catalog?: Catalog,
  priceKeys?: readonly string[],
): KeyTemplate {
  const m = MODEL_KEY.exec(price);
  if (m && model.params[m[1]!] && "model" in model.params[m[1]!]!)
    return { model: m[1]!, side: m[2] as ModelPriceSide };
  const parts = parseSlots(price);
  const names = [...Object.keys(model.params), ...Object.keys(model.let ?? {})];
  for (const name of slotNames(parts))
    if (!names.includes(name))
      problems.add(path, `\`{${name}}\` in a price key: unknown name${didYouMean(name, names)}`);
  if (!catalog) return { parts };
  // A fixed key, or one that varies with one choice: every key it can become must exist.
  const slots = slotNames(parts);
  const keys: string[] = [];
  if (slots.length === 0) keys.push(price);
  else if (slots.length === 1) {
    const p = model.params[slots[0]!];
    if (p && "choice" in p) for (const option of p.choice) keys.push(fillSlots(parts, () => option));
  }
  for (const key of keys)
    if (!catalog.price(key))
      problems.add(
        path,
        `no price \`${key}\` in the catalog${nearest(key, priceKeys ?? []) || "; `prices` lists them"}`,
      );
  return { parts };
}

export function keyOf(t: KeyTemplate, scope: Scope, catalog: Catalog): string {
  if ("model" in t) return modelKey(catalog, scope[t.model] as string, t.side);
  return fillSlots(t.parts, (name) => String(scope[name]));
}
