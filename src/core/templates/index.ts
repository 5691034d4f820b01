import { builtInCatalog } from "../catalog/index.ts";
import type { Template } from "../template.ts";
import { templateOf } from "../workload/template.ts";
import { BUILT_IN_MODELS } from "../workloads/models.generated.ts";

/**
 * The built-in workloads: workload models (src/core/workloads/*.yml) compiled at build time
 * (scripts/compile-workloads.ts), evaluated by the same engine as a team's own models.
 */
export const TEMPLATES: readonly Template[] = BUILT_IN_MODELS.map((m) => templateOf(m, builtInCatalog));

const byName = new Map(TEMPLATES.map((t) => [t.name, t]));

export function findTemplate(name: string): Template | undefined {
  return byName.get(name.toLowerCase());
}

/** A built-in's YAML as shipped (`workload show <name>`); loaded only when asked for. */
export async function builtInSource(name: string): Promise<string | undefined> {
  const { BUILT_IN_SOURCES } = await import("../workloads/sources.generated.ts");
  return BUILT_IN_SOURCES[name.toLowerCase()];
}
