#!/usr/bin/env node
// Runs the bundled CLI (built by `npm run build`, which `npm ci` runs through `prepare`);
// falls back to the TypeScript sources through tsx when there is no bundle yet. A bare
// `costbot help` loads only the small help entry, not the command pipeline.
import { existsSync } from "node:fs";

const bundle = new URL("../dist/cli/index.mjs", import.meta.url);
const helpBundle = new URL("../dist/cli/help.mjs", import.meta.url);
if (existsSync(bundle) && existsSync(helpBundle)) {
  const help = await import(helpBundle.href);
  const { main } = help.isBareHelp(process.argv.slice(2)) ? help : await import(bundle.href);
  await main();
} else {
  const { register } = await import("tsx/esm/api");
  register();
  const { main } = await import(new URL("../src/cli.ts", import.meta.url).href);
  await main();
}
