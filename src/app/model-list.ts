import type { Catalog } from "../core/catalog/index.ts";
import type { Value } from "../core/params.ts";
import type { Template } from "../core/template.ts";

/**
 * Loads the price library's full model list (a lazily imported chunk) when one of `names` is
 * a model the eager catalog does not know; a no-op otherwise, so most commands never load it.
 * Called before a command's values are resolved: core refuses a model name it cannot look up.
 */
export async function loadModelsNamed(catalog: Catalog, names: Iterable<string>): Promise<void> {
  if (catalog.complete()) return;
  for (const name of names) if (catalog.modelMatches(name).length === 0) return catalog.loadAllModels();
}

/** The names written for `template`'s model parameters among `values` (key, value pairs). */
export function modelNames(template: Template, values: Iterable<readonly [string, Value]>): string[] {
  // A team's model may default to any catalog model, outside the eager list too.
  const names: string[] = Object.values(template.params).flatMap((p) =>
    p.kind === "model" ? [p.default] : [],
  );
  for (const [key, value] of values)
    if (template.params[key.toLowerCase()]?.kind === "model") names.push(String(value.value));
  return names;
}

/** Ready to resolve `values` for `template`: the full model list loaded if one of them needs it. */
export function loadModelsFor(
  catalog: Catalog,
  template: Template,
  values: Iterable<readonly [string, Value]>,
): Promise<void> {
  return loadModelsNamed(catalog, modelNames(template, values));
}
