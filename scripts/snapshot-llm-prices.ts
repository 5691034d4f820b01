/**
 * Writes the catalog's two LLM snapshots from the pinned @pydantic/genai-prices:
 *   src/core/catalog/llm-prices.json   the models costbot names (eager: the templates' defaults)
 *   src/core/catalog/llm-models-all.json  every other token-priced model of the library's
 *     Bedrock, OpenAI, Anthropic, Google and Mistral providers (a lazily loaded chunk: the chat
 *     functions load it only when a model outside the eager set is named).
 * The core reads the snapshots, not the library: 800 KB of price data is a cold-start cost the
 * Lambdas should not pay, and a snapshot makes every estimate reproducible.
 * test/core/catalog/library.test.ts fails when the library and the snapshots disagree, so
 * upgrading the library means re-running this script.
 *   npm run catalog:snapshot
 */
import { execSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { findProvider } from "@pydantic/genai-prices";
import { LLM_SNAPSHOT_MODELS, libraryModels, readLibraryPrice } from "./llm-models.ts";

const pkg = JSON.parse(readFileSync("node_modules/@pydantic/genai-prices/package.json", "utf8")) as {
  version: string;
};
const published = execSync(`npm view @pydantic/genai-prices@${pkg.version} time --json`, {
  encoding: "utf8",
});
const date = (JSON.parse(published) as Record<string, string>)[pkg.version]?.slice(0, 10) ?? "unknown";

const all = libraryModels(date);
const eager = LLM_SNAPSHOT_MODELS.map((m) => {
  const price = readLibraryPrice(m);
  const lib = all.models.find(
    (x) =>
      x.provider === findProvider({ providerId: m.provider })?.id && x.libraryModel === price.libraryModel,
  );
  if (!lib) throw new Error(`${m.id}: ${price.libraryModel} is not in the library list`);
  const { id: _id, name: _name, aliases, rank: _rank, ...facts } = lib;
  return { ...m, ...facts, ...price, aliases: [...new Set([lib.id, ...aliases])] };
});
const eagerLibraryIds = new Set(eager.map((m) => `${m.provider} ${m.libraryModel}`));
const rest = all.models.filter((m) => !eagerLibraryIds.has(`${m.provider} ${m.libraryModel}`));

const head = { library: "@pydantic/genai-prices", version: pkg.version, published: date };
writeFileSync("src/core/catalog/llm-prices.json", `${JSON.stringify({ ...head, models: eager }, null, 2)}\n`);
writeFileSync(
  "src/core/catalog/llm-models-all.json",
  `${JSON.stringify({ ...head, models: rest, skipped: all.skipped })}\n`,
);
console.log(
  `wrote ${eager.length} eager and ${rest.length} more models (${all.skipped.length} not priced per token) from @pydantic/genai-prices ${pkg.version} (${date})`,
);
