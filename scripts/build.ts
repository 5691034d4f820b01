/**
 * One esbuild bundle per entry point: dist/<name>/index.mjs. Lambda bundles carry their
 * dependencies (a function's bundle holds only what it imports); the CLI keeps its npm
 * dependencies external (they are installed next to it, and dynalite loads a native module).
 *   npm run build            all entries
 *   npm run build -- slack   only the named ones
 */
import { existsSync, rmSync } from "node:fs";
import { build } from "esbuild";

interface Entry {
  readonly name: string;
  readonly entry: string;
  readonly lambda: boolean;
}

export const ENTRIES: readonly Entry[] = [
  { name: "cli", entry: "src/cli.ts", lambda: false },
  { name: "slack", entry: "src/handlers/slack.ts", lambda: true },
  { name: "teams", entry: "src/handlers/teams.ts", lambda: true },
  { name: "budget-alerts", entry: "src/handlers/budget-alerts.ts", lambda: true },
];

export async function buildAll(only: readonly string[] = []): Promise<string[]> {
  const built: string[] = [];
  for (const e of ENTRIES.filter((x) => only.length === 0 || only.includes(x.name))) {
    if (!existsSync(e.entry)) continue;
    // Chunk names carry content hashes: without a clean folder, stale chunks pile up.
    rmSync(`dist/${e.name}`, { recursive: true, force: true });
    await build({
      entryPoints: { index: e.entry },
      outdir: `dist/${e.name}`,
      outExtension: { ".js": ".mjs" },
      // Split chunks so a dynamic import stays lazy (the CLI loads the store only when needed).
      splitting: true,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      sourcemap: true,
      metafile: true,
      // CommonJS dependencies inside an ESM bundle still call require() for Node built-ins.
      ...(e.lambda
        ? {
            banner: {
              js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
            },
          }
        : { packages: "external" as const }),
      logLevel: "warning",
    });
    built.push(e.name);
  }
  return built;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const names = await buildAll(process.argv.slice(2));
  console.log(`built ${names.map((n) => `dist/${n}/index.mjs`).join(", ")}`);
}
