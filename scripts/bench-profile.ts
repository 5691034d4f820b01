/**
 * Summarises a V8 CPU profile (`node --cpu-prof`): self time by package (or src/ file, or Node internal), so a
 * cold start's cost can be named. `node --import tsx scripts/bench-profile.ts <file.cpuprofile>`
 */
import { existsSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * An unminified esbuild bundle marks each input with a `// node_modules/<pkg>/…` or
 * `// src/…` comment line: a line number names the module it belongs to.
 */
const moduleLines = new Map<string, { line: number; name: string }[]>();
function moduleAt(url: string, line: number): string | undefined {
  if (!url.startsWith("file://") || !/\.m?js$/.test(url)) return undefined;
  let marks = moduleLines.get(url);
  if (!marks) {
    marks = [];
    const lines = readFileSync(new URL(url), "utf8").split("\n");
    lines.forEach((text, i) => {
      const m = /^\/\/ (?:.*?node_modules\/((?:@[^/]+\/)?[^/]+)|(src\/\S+))/.exec(text);
      if (m) marks!.push({ line: i, name: m[1] ?? m[2]! });
    });
    moduleLines.set(url, marks);
  }
  let found: string | undefined;
  for (const mark of marks) {
    if (mark.line > line) break;
    found = mark.name;
  }
  return found;
}

/**
 * A minified bundle has no module markers: its source map names the module instead
 * (`../../node_modules/<pkg>/…` or `../../src/…`).
 */
const maps = new Map<string, SourceMap | undefined>();
function mappedModule(url: string, line: number, column: number): string | undefined {
  if (!url.startsWith("file://") || !/\.m?js$/.test(url)) return undefined;
  if (!maps.has(url)) {
    const file = new URL(`${url}.map`);
    maps.set(url, existsSync(file) ? new SourceMap(JSON.parse(readFileSync(file, "utf8"))) : undefined);
  }
  const source = maps.get(url)?.findEntry(line, column);
  const original = source && "originalSource" in source ? source.originalSource : undefined;
  if (!original) return undefined;
  return /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(original)?.[1] ?? /(src\/\S+)/.exec(original)?.[1];
}

export function summarise(file: string, top = 15): string[] {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const bucket = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const { url, functionName, lineNumber, columnNumber } = byId.get(id)!.callFrame;
    const pkg =
      /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ??
      mappedModule(url, lineNumber, columnNumber) ??
      moduleAt(url, lineNumber);
    const key = pkg
      ? pkg
      : url
        ? url.replace(/^.*\/dist\//, "dist/").replace(/^node:/, "node:")
        : `(${functionName || "native"})`;
    bucket.set(key, (bucket.get(key) ?? 0) + us);
    total += us;
  }
  return [
    `${(total / 1000).toFixed(0)} ms sampled`,
    ...[...bucket]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(
        ([k, us]) =>
          `${(us / 1000).toFixed(1).padStart(7)} ms  ${((100 * us) / total).toFixed(0).padStart(3)} %  ${k}`,
      ),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const file of process.argv.slice(2)) console.log([file, ...summarise(file)].join("\n  "));
}
