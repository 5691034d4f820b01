/**
 * npm run bench: speed figures, each next to a baseline measured in the same run, so the
 * ratios stay meaningful on a shared, noisy machine. Prints figures; asserts nothing.
 *   - estimates per second per template (in-process, pricing core only)
 *   - a 50-point sweep's time, as a multiple of one estimate of the same template
 *   - the CLI end to end (`costbot bedrock-api`, embedded store included), as a ratio to `node -e 0`,
 *     with the issue 14 targets marked MET/MISSED (`npm run bench -- --cli` stops after these)
 *   - each Lambda function (scripts/bench-lambda.ts): bundle size, cold time-to-ack, warm p50/p99
 */
import { execFileSync, spawn } from "node:child_process";
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

/** Time from spawning until the first byte on stdout: when the user sees the answer. */
async function firstOutput(args: string[], env: NodeJS.ProcessEnv, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await new Promise<void>((done, fail) => {
      const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "ignore"] });
      let seen = false;
      child.stdout.on("data", () => {
        if (!seen) times.push(performance.now() - start);
        seen = true;
      });
      child.on("error", fail);
      child.on("close", () => done());
    });
  }
  return median(times);
}

const env = { ...process.env, COSTBOT_HOME: mkdtempSync(join(tmpdir(), "costbot-bench-")) };
const runs = 9;
const baseline = wall(process.execPath, ["-e", "0"], env, runs);
const help = wall(process.execPath, ["bin/costbot.mjs", "help"], env, runs);
const templates = wall(process.execPath, ["bin/costbot.mjs", "templates"], env, runs);
const audit = wall(process.execPath, ["bin/costbot.mjs", "audit", "voice-agent"], env, runs);
const estimateRun = wall(process.execPath, ["bin/costbot.mjs", "bedrock-api"], env, runs);
const printed = await firstOutput(["bin/costbot.mjs", "bedrock-api"], env, runs);
const row = (name: string, ms: number, note: string, target?: number) => {
  const ratio = ms / baseline;
  const verdict = target === undefined ? "" : `  target ≤ ${target}×: ${ratio <= target ? "MET" : "MISSED"}`;
  console.log(
    `  ${name.padEnd(34)} ${ms.toFixed(0).padStart(5)} ms  ${ratio.toFixed(1).padStart(4)}×  (${note})${verdict}`,
  );
};
console.log(`\nCLI end to end (median of ${runs}; dist/cli bundle; store under a fresh COSTBOT_HOME):`);
row("node -e 0", baseline, "baseline");
row("costbot help", help, "no store, no AWS SDK", 1.5);
row("costbot templates", templates, "no store, no AWS SDK");
row("costbot audit voice-agent", audit, "no store, no AWS SDK");
row("costbot bedrock-api, printed", printed, "first byte on stdout", 3);
row("costbot bedrock-api, whole process", estimateRun, "estimate + embedded DynamoDB write", 4);

if (process.argv.includes("--cli")) process.exit(0);

await (await import("./bench-workload.ts")).benchWorkload();

// The Lambda functions: bundle sizes, cold starts and warm latency against their baselines.
// Imported here, after the core figures, so the AWS SDK's Node 20 notice stays quiet.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const { benchLambda } = await import("./bench-lambda.ts");
await benchLambda();
