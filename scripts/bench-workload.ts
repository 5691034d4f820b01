/**
 * The worst workload model found for CPU and memory (README "Your own workload", "Sizes"):
 * 64 KB of lets whose every operation is a 40-digit decimal division, priced by `workload
 * check`, one estimate and a 50-point sweep in a child process (its own CPU time and peak
 * memory), next to the same work for the built-in voice-agent measured in the same run.
 * Target: at most 1 s of CPU and 200 MB.
 *   node --import tsx scripts/bench-workload.ts
 */
import { execFileSync } from "node:child_process";
import { MAX_OPERATIONS, MAX_PRICED_PARTS } from "../src/core/workload/compile.ts";
import { MAX_FILE_BYTES } from "../src/core/workload/schema.ts";

/**
 * The most work 64 KB can ask for within the format's limits: 40 parameters just above 1 (so
 * every quotient keeps all 40 digits and stays in bounds), lets that spend the operation budget
 * on divisions, tiered components (ten tiers each, labels with slots) up to the priced-parts
 * limit, then notes that insert figures, and comments to fill the 64 KB.
 */
export function worstCaseModel(bytes = MAX_FILE_BYTES): string {
  const params = Array.from(
    { length: 40 },
    (_, i) =>
      `  p${i}: { default: 1.0000${String(i + 1).padStart(3, "0")}7, min: 1, max: 2, description: p${i} }`,
  );
  const lets: string[] = [];
  let operations = 0;
  for (let n = 0; operations < MAX_OPERATIONS - 40; n++) {
    let expr = n === 0 ? "p0" : `l${n - 1}`;
    for (let i = 1; expr.length < 490 && operations < MAX_OPERATIONS - 40; i++, operations++)
      expr += ` / p${(n + i) % 40}`;
    lets.push(`  l${n}: ${expr}`);
  }
  const last = `l${lets.length - 1}`;
  const tiers = Array.from(
    { length: 9 },
    (_, i) => `{ upto: 0.${i + 1}, price: aws.transcribe.tier${(i % 4) + 1} }`,
  );
  const component = `      - label: "{${last}} {p1} {p2} {p3}"\n        quantity: ${last}\n        tiers: [${tiers.join(", ")}, { price: aws.transcribe.tier4 }]\n`;
  let text = `workload: worst-case\ntitle: Worst case\nparams:\n${params.join("\n")}\nlet:\n${lets.join("\n")}\nlines:\n`;
  let parts = 0;
  for (let line = 0; line < 30 && parts + 10 <= MAX_PRICED_PARTS; line++) {
    const head = `  - id: l${line}\n    label: "Line {${last}}"\n    cost:\n`;
    if (Buffer.byteLength(text + head + component) > bytes) break;
    text += head;
    for (
      let c = 0;
      c < 10 && parts + 10 <= MAX_PRICED_PARTS && Buffer.byteLength(text + component) <= bytes;
      c++
    ) {
      text += component;
      parts += 10;
    }
  }
  // The rest of the 64 KB: notes whose labels insert every let (rendered at each estimate).
  const note = `  - { when: "${last} > 0", text: "${Array.from({ length: 20 }, (_, i) => `{l${i % lets.length}}`).join(" ")}" }\n`;
  text += "notes:\n";
  for (let n = 0; n < 30 && Buffer.byteLength(text + note) <= bytes; n++) text += note;
  const filler = `# ${"x".repeat(76)}\n`;
  while (Buffer.byteLength(text + filler) <= bytes) text += filler;
  return text;
}

/** What one child process measures: CPU (user + system) of each job, and its peak memory. */
const CHILD = `
import { builtInCatalog } from "./src/core/catalog/index.ts";
import { estimate, resolveParams } from "./src/core/estimate.ts";
import { sweep } from "./src/core/sweep.ts";
import { findTemplate } from "./src/core/templates/index.ts";
import { parseWorkload } from "./src/core/workload/parse.ts";
const which = process.argv[1];
const catalog = builtInCatalog();
const cpu = (job) => { const before = process.cpuUsage(); const out = job(); const used = process.cpuUsage(before); return [out, (used.user + used.system) / 1000]; };
const [parsed, check] = cpu(() => parseWorkload(which === "model" ? process.env.MODEL : process.env.BASELINE, { catalog, reserved: [] }));
if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
const t = parsed.template;
const key = which === "model" ? "p1" : "hours";
const [, one] = cpu(() => estimate(t, resolveParams(t, {}, catalog), catalog));
const values = Array.from({ length: 50 }, (_, i) => { const v = String(1 + (i + 1) / 100); return { kind: "number", value: v, text: v }; });
const [, fifty] = cpu(() => sweep(t, key, values, {}, catalog, "USD"));
console.log(JSON.stringify({ check, one, fifty, rssMb: process.resourceUsage().maxRSS / 1024 }));
`;

interface Figures {
  readonly check: number;
  readonly one: number;
  readonly fifty: number;
  readonly rssMb: number;
}

function measure(which: "model" | "baseline", model: string, baseline: string): Figures {
  const out = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", CHILD, which], {
    env: { ...process.env, MODEL: model, BASELINE: baseline },
    encoding: "utf8",
  });
  return JSON.parse(out.trim().split("\n").at(-1)!);
}

export async function benchWorkload(): Promise<void> {
  const model = worstCaseModel();
  const { BUILT_IN_SOURCES } = await import("../src/core/workloads/sources.generated.ts");
  const baseline = BUILT_IN_SOURCES["voice-agent"]!;
  const runs = 3;
  const median = (xs: Figures[], f: (x: Figures) => number) =>
    xs.map(f).sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const worst = Array.from({ length: runs }, () => measure("model", model, baseline));
  const base = Array.from({ length: runs }, () => measure("baseline", model, baseline));
  console.log(
    `\nWorst-case workload model (${Buffer.byteLength(model).toLocaleString("en-US")} bytes; CPU of each job in a child process, median of ${runs}; baseline: voice-agent's model in the same run):`,
  );
  const rows: [string, (f: Figures) => number][] = [
    ["workload check", (f) => f.check],
    ["one estimate", (f) => f.one],
    ["50-point sweep", (f) => f.fifty],
  ];
  let met = true;
  for (const [name, f] of rows) {
    const ms = median(worst, f);
    const ratio = ms / Math.max(median(base, f), 0.1);
    met &&= ms <= 1000;
    console.log(
      `  ${name.padEnd(16)} ${ms.toFixed(0).padStart(5)} ms CPU  ${ratio.toFixed(1).padStart(6)}× voice-agent  target ≤ 1 s: ${ms <= 1000 ? "MET" : "MISSED"}`,
    );
  }
  const rss = median(worst, (f) => f.rssMb);
  const baseRss = median(base, (f) => f.rssMb);
  console.log(
    `  peak memory      ${rss.toFixed(0).padStart(5)} MB      ${(rss / baseRss).toFixed(1).padStart(6)}× voice-agent  target ≤ 200 MB: ${rss <= 200 ? "MET" : "MISSED"}`,
  );
  console.log(`  ≤ 1 s CPU and ≤ 200 MB: ${met && rss <= 200 ? "MET" : "MISSED"}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchWorkload();
