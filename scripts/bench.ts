/**
 * npm run bench: speed figures, each next to a baseline measured in the same run, so the
 * ratios stay meaningful on a shared, noisy machine. Prints figures; asserts nothing.
 *   - estimates per second per template (in-process, pricing core only)
 *   - a 50-point sweep's time, as a multiple of one estimate of the same template
 *   - the CLI end to end (`costbot bedrock-api`, embedded store included), as a ratio to `node -e 0`
 *   - each Lambda function (scripts/bench-lambda.ts): bundle size, cold time-to-ack, warm p50/p99
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { builtInCatalog } from "../src/core/catalog/index.ts";
import { estimate, resolveParams } from "../src/core/estimate.ts";
import type { Value } from "../src/core/params.ts";
import { sweep } from "../src/core/sweep.ts";
import { TEMPLATES } from "../src/core/templates/index.ts";

const catalog = builtInCatalog();

function timeIt(fn: () => void, minMs = 300): { perOp: number; ops: number } {
  for (let i = 0; i < 50; i++) fn();
  let ops = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    fn();
    ops++;
  }
  return { perOp: (performance.now() - start) / ops, ops };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

console.log("Estimates per second (pricing core, defaults, one process):");
const single: Record<string, number> = {};
for (const t of TEMPLATES) {
  const params = resolveParams(t, {}, catalog);
  const { perOp } = timeIt(() => estimate(t, params, catalog));
  single[t.name] = perOp;
  console.log(
    `  ${t.name.padEnd(14)} ${Math.round(1000 / perOp)
      .toLocaleString("en-US")
      .padStart(9)} /s  (${(perOp * 1000).toFixed(1)} µs each)`,
  );
}

const bedrock = TEMPLATES.find((t) => t.name === "bedrock-api")!;
const values: Value[] = Array.from({ length: 50 }, (_, i) => ({
  kind: "number",
  value: String((i + 1) * 100),
  text: "",
}));
const fiftyPoints = timeIt(() => sweep(bedrock, "calls", values, {}, catalog, "USD"));
console.log(
  `\n50-point sweep (bedrock-api calls=100..5000:100): ${fiftyPoints.perOp.toFixed(2)} ms, ` +
    `${(fiftyPoints.perOp / single["bedrock-api"]!).toFixed(1)}× one estimate`,
);

function wall(cmd: string, args: string[], env: NodeJS.ProcessEnv, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    execFileSync(cmd, args, { env, stdio: "ignore" });
    times.push(performance.now() - start);
  }
  return median(times);
}

const env = { ...process.env, COSTBOT_HOME: mkdtempSync(join(tmpdir(), "costbot-bench-")) };
const runs = 9;
const baseline = wall(process.execPath, ["-e", "0"], env, runs);
const help = wall(process.execPath, ["bin/costbot.mjs", "help"], env, runs);
const estimateRun = wall(process.execPath, ["bin/costbot.mjs", "bedrock-api"], env, runs);
console.log(`\nCLI end to end (median of ${runs}; dist/cli bundle; store under a fresh COSTBOT_HOME):`);
console.log(`  node -e 0                 ${baseline.toFixed(0).padStart(5)} ms  1.0×  (baseline)`);
console.log(
  `  costbot help              ${help.toFixed(0).padStart(5)} ms  ${(help / baseline).toFixed(1)}×  (no store)`,
);
console.log(
  `  costbot bedrock-api       ${estimateRun.toFixed(0).padStart(5)} ms  ${(estimateRun / baseline).toFixed(1)}×  (estimate + embedded DynamoDB write)`,
);

// The Lambda functions: bundle sizes, cold starts and warm latency against their baselines.
// Imported here, after the core figures, so the AWS SDK's Node 20 notice stays quiet.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const { benchLambda } = await import("./bench-lambda.ts");
await benchLambda();
