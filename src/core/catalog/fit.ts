import type { ModelEntry, ModelNeed } from "./types.ts";

const kindOf = (m: ModelEntry) => m.kind ?? "chat";
const takesOf = (m: ModelEntry) => m.takes ?? ["text"];

/** Why `m` cannot do what a parameter needs, or undefined when it can. Chat is implied unless `embedding` is needed. */
export function misfit(m: ModelEntry, needs: readonly ModelNeed[]): string | undefined {
  const embedding = needs.includes("embedding");
  if (embedding && kindOf(m) !== "embedding")
    return `${m.id} is a chat model, and this parameter prices an embedding model`;
  if (!embedding && kindOf(m) === "embedding")
    return `${m.id} is an embedding model: it returns vectors, not answers, so it cannot price chat turns`;
  for (const input of ["images", "audio"] as const) {
    if (needs.includes(input) && !takesOf(m).includes(input)) {
      return `${m.id} takes ${takesOf(m).join(" and ")} only (${m.takesFrom ?? "per the catalog"}), and this workload sends it ${input}`;
    }
  }
  return undefined;
}

/** The cheapest model of `candidates` (by input price) that fits, to suggest instead. */
export function suggestion(
  candidates: readonly ModelEntry[],
  needs: readonly ModelNeed[],
  inputPrice: (m: ModelEntry) => number,
): ModelEntry | undefined {
  return candidates
    .filter((m) => !misfit(m, needs) && !m.deprecated)
    .sort((a, b) => inputPrice(a) - inputPrice(b) || a.id.localeCompare(b.id))[0];
}
