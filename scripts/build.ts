/**
 * One esbuild bundle per entry point: dist/<name>/index.mjs. The CLI keeps its npm
 * dependencies external (they are installed next to it; dynalite loads a native module).
 */
import { build } from "esbuild";

const entries: { name: string; entry: string; bundleDeps: boolean }[] = [
  { name: "cli", entry: "src/cli.ts", bundleDeps: false },
];

const only = process.argv.slice(2);
for (const e of entries.filter((x) => only.length === 0 || only.includes(x.name))) {
  await build({
    entryPoints: [e.entry],
    outfile: `dist/${e.name}/index.mjs`,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: true,
    ...(e.bundleDeps ? {} : { packages: "external" as const }),
    logLevel: "warning",
  });
}
