import { appendFileSync, mkdirSync } from "node:fs";

/** Percentile of `values` (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * Prints a suite's figures (never asserted: they depend on the machine) and appends them to
 * `reliability-figures.jsonl` under $RELIABILITY_FIGURES_DIR when set, for docs/reliability.md.
 */
export function report(suite: string, figures: Readonly<Record<string, unknown>>): void {
  const line = JSON.stringify({ suite, at: new Date().toISOString(), ...figures });
  console.log(`[reliability] ${line}`);
  const dir = process.env.RELIABILITY_FIGURES_DIR;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    appendFileSync(`${dir}/reliability-figures.jsonl`, `${line}\n`);
  }
}

/** Runs `work` with `console.log`/`console.error` silenced, returning what they were given. */
export async function captureConsole<T>(work: () => Promise<T>): Promise<{ result: T; lines: string[] }> {
  const lines: string[] = [];
  const { log, error, warn, info, debug } = console;
  const keep = (...args: unknown[]) => {
    lines.push(args.map((a) => (typeof a === "string" ? a : String(a))).join(" "));
  };
  Object.assign(console, { log: keep, error: keep, warn: keep, info: keep, debug: keep });
  try {
    return { result: await work(), lines };
  } finally {
    Object.assign(console, { log, error, warn, info, debug });
  }
}
