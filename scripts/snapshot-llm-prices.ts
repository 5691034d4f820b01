/**
 * Writes src/core/catalog/llm-prices.json from the pinned @pydantic/genai-prices.
 * The core reads the snapshot, not the library: 800 KB of price data for ~25 models
 * is a cold-start cost the Lambdas should not pay, and a snapshot makes every estimate
 * reproducible. test/core/catalog/llm-snapshot.test.ts fails when the library and the
 * snapshot disagree, so upgrading the library means re-running this script.
 *   npm run catalog:snapshot
 */
import { execSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { LLM_SNAPSHOT_MODELS, readLibraryPrice } from "./llm-models.ts";

const pkg = JSON.parse(readFileSync("node_modules/@pydantic/genai-prices/package.json", "utf8")) as {
  version: string;
};
const published = execSync(`npm view @pydantic/genai-prices@${pkg.version} time --json`, {
  encoding: "utf8",
});
const date = (JSON.parse(published) as Record<string, string>)[pkg.version]?.slice(0, 10) ?? "unknown";

const models = LLM_SNAPSHOT_MODELS.map((m) => ({ ...m, ...readLibraryPrice(m) }));
const snapshot = { library: "@pydantic/genai-prices", version: pkg.version, published: date, models };
writeFileSync("src/core/catalog/llm-prices.json", `${JSON.stringify(snapshot, null, 2)}\n`);
console.log(`wrote ${models.length} models from @pydantic/genai-prices ${pkg.version} (${date})`);
