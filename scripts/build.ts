/**
 * One esbuild bundle per entry point: dist/<name>/index.mjs. Every bundle carries its
 * dependencies (a function's bundle holds only what it imports): one file per chunk loads far
 * faster than Node resolving and compiling the AWS SDK's hundreds of small CommonJS files
 * (docs/performance.md, "CLI"). The CLI bundles its embedded engine too (dynalite and LevelDB's
 * binding, see `cliEngine`); only node-gyp-build stays outside, to find LevelDB's prebuilt binary
 * in classic-level's installed folder.
 * Each build's metafile is written next to its folder (dist/<name>.meta.json), outside what
 * the function's artifact packages; tests read it to prove what a bundle holds.
 *   npm run build            all entries
 *   npm run build -- slack   only the named ones
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { build, type Metafile, type Plugin } from "esbuild";

interface Entry {
  readonly name: string;
  readonly entry: string;
  readonly lambda: boolean;
  /** More entry points in the same folder, sharing its chunks: `<file name>: <source>`. */
  readonly more?: Readonly<Record<string, string>>;
}

export const ENTRIES: readonly Entry[] = [
  // help.mjs: `costbot help` without the pipeline (bin/costbot.mjs picks it).
  { name: "cli", entry: "src/cli.ts", lambda: false, more: { help: "src/cli-help.ts" } },
  { name: "slack", entry: "src/handlers/slack.ts", lambda: true },
  { name: "teams", entry: "src/handlers/teams.ts", lambda: true },
  { name: "budget-alerts", entry: "src/handlers/budget-alerts.ts", lambda: true },
  { name: "prices", entry: "src/handlers/prices.ts", lambda: true },
  { name: "actual-weekly", entry: "src/handlers/actual-weekly.ts", lambda: true },
];

/** Bolt modules a Lambda never runs: the other receivers and their HTTP plumbing. */
const BOLT_UNUSED =
  /^\.\/(receivers\/)?(HTTPReceiver|ExpressReceiver|SocketModeReceiver|HTTPModuleFunctions|HTTPResponseAck|SocketModeFunctions|custom-routes)$/;

/**
 * Bolt's CommonJS entry requires every receiver eagerly: Express, body parsers, raw-body
 * (and iconv-lite), Socket Mode (and undici, ws) and the OAuth installer (jsonwebtoken).
 * Behind AwsLambdaReceiver with a fixed `authorize`, none of it runs, so each is replaced by
 * a stub that throws if it ever is. Zod's 40 locales are replaced by English, the one it
 * registers by default. A library requiring zod gets zod's ES module, not a second (CommonJS) copy.
 */
const AGENTS_ZOD_FROM = join(process.cwd(), "node_modules/@microsoft/agents-activity");

export const leanLambda: Plugin = {
  name: "costbot-lean-lambda",
  setup(b) {
    b.onResolve({ filter: BOLT_UNUSED }, (args) =>
      args.importer.includes("/node_modules/@slack/bolt/dist/")
        ? { path: args.path.replace(/^\.\/(receivers\/)?/, ""), namespace: "bolt-unused" }
        : undefined,
    );
    b.onResolve({ filter: /^@slack\/oauth$/ }, (args) => ({ path: args.path, namespace: "bolt-unused" }));
    b.onLoad({ filter: /.*/, namespace: "bolt-unused" }, (args) => ({
      loader: "js",
      contents: `
        function unbundled() { throw new Error(${JSON.stringify(`${args.path} is not bundled: costbot's Lambda runs Bolt behind AwsLambdaReceiver (see scripts/build.ts)`)}); }
        class Unbundled { constructor() { unbundled(); } }
        module.exports = { __esModule: true, default: Unbundled, InstallProvider: Unbundled,
          FileInstallationStore: Unbundled, MemoryInstallationStore: Unbundled };`,
    }));
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes("/node_modules/zod/")
        ? { path: join(dirname(args.importer), "../locales/index.js"), namespace: "zod-english" }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "zod-english" }, (args) => ({
      loader: "js",
      contents: 'export { default as en } from "./en.js";',
      resolveDir: dirname(args.path),
    }));
    b.onResolve({ filter: /^zod(\/.*)?$/ }, async (args) => {
      if (args.pluginData === "zod-resolved") return undefined;
      const agents = args.importer.includes("/node_modules/@microsoft/agents-");
      if (args.kind !== "require-call" && !agents) return undefined;
      return b.resolve(args.path, {
        kind: "import-statement",
        importer: args.importer,
        // The Agents SDK packages each pin their own copy of the same zod 3: bundle one.
        resolveDir: agents ? AGENTS_ZOD_FROM : args.resolveDir,
        pluginData: "zod-resolved",
      });
    });
  },
};

/**
 * The CLI's embedded engine, bundled into its store chunk: one file instead of Node resolving
 * and compiling dynalite's ~60 CommonJS files one by one (docs/performance.md, "Issue 23").
 * dynalite requires its actions and their validations by computed names; with the extension
 * added, esbuild bundles every file those names can match. memory-level is dynalite's
 * in-memory store, which the CLI never opens (its store is always a folder).
 */
const DYNALITE_COMPUTED = /require\('\.\/(actions|validations)\/' \+ action\)/g;

export const cliEngine: Plugin = {
  name: "costbot-cli-engine",
  setup(b) {
    b.onLoad({ filter: /\/node_modules\/dynalite\/index\.js$/ }, (args) => {
      const source = readFileSync(args.path, "utf8");
      const found = source.match(DYNALITE_COMPUTED)?.length ?? 0;
      if (found !== 2)
        throw new Error(`dynalite's index.js changed: expected 2 computed requires, found ${found}`);
      return {
        loader: "js",
        contents: source.replace(DYNALITE_COMPUTED, "require('./$1/' + action + '.js')"),
      };
    });
    b.onLoad({ filter: /\/node_modules\/classic-level\/binding\.js$/ }, () => ({
      loader: "js",
      contents: `module.exports = require("node-gyp-build")(require("node:path").dirname(require.resolve("classic-level/package.json")));`,
    }));
    b.onResolve({ filter: /^memory-level$/ }, (args) =>
      args.importer.includes("/node_modules/dynalite/")
        ? { path: args.path, namespace: "cli-unused" }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "cli-unused" }, () => ({
      loader: "js",
      contents: `class MemoryLevel { constructor() { throw new Error("memory-level is not bundled: the CLI's store is a folder (see scripts/build.ts)"); } }
        module.exports = { MemoryLevel };`,
    }));
  },
};

export const metafilePath = (name: string, outRoot = "dist") => `${outRoot}/${name}.meta.json`;

/** Builds into `outRoot` (dist/; the bench builds its own copy elsewhere, so a concurrent build cannot pull it away). */
export async function buildAll(only: readonly string[] = [], outRoot = "dist"): Promise<string[]> {
  const built: string[] = [];
  for (const e of ENTRIES.filter((x) => only.length === 0 || only.includes(x.name))) {
    if (!existsSync(e.entry)) continue;
    // Chunk names carry content hashes: without a clean folder, stale chunks pile up.
    rmSync(`${outRoot}/${e.name}`, { recursive: true, force: true });
    const result = await build({
      entryPoints: { index: e.entry, ...e.more },
      outdir: `${outRoot}/${e.name}`,
      outExtension: { ".js": ".mjs" },
      // Split chunks so a dynamic import stays lazy (the CLI loads the store only when needed).
      splitting: true,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      sourcemap: true,
      metafile: true,
      // Lambda bundles are minified (names kept, source maps beside them): half the bytes to
      // read and compile at a cold start (docs/performance.md, "Bundles"). The CLI is not.
      ...(e.lambda ? { minify: true, keepNames: true } : {}),
      // ES module builds first: the AWS SDK's `module` entries tree-shake, its `main` ones do not.
      mainFields: ["module", "main"],
      plugins: e.lambda ? [leanLambda] : [leanLambda, cliEngine],
      // CommonJS dependencies inside an ESM bundle still call require() for Node built-ins.
      banner: {
        js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
      },
      // node-gyp-build loads LevelDB's prebuilt binary from classic-level's installed folder (cliEngine).
      ...(e.lambda ? {} : { external: ["node-gyp-build", "classic-level/package.json"] }),
      logLevel: "warning",
    });
    writeFileSync(metafilePath(e.name, outRoot), JSON.stringify(result.metafile satisfies Metafile));
    built.push(e.name);
  }
  return built;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const names = await buildAll(process.argv.slice(2));
  console.log(`built ${names.map((n) => `dist/${n}/index.mjs`).join(", ")}`);
}
