import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

// The layer picture of README.md (Architecture): handlers → adapters → app → core, and the ports
// in app/ports/ import only other ports and core. `npm run cycles` finds cycles; this finds an
// arrow that runs the wrong way even where it closes no cycle.

const SRC = resolve(import.meta.dirname, "../src");

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** Every relative import of a file (static, type-only and dynamic), as a path under src/. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)].map((m) => m[1]!);
  return specs.map((s) => relative(SRC, resolve(dirname(file), s)));
}

const all = files(SRC).map((f) => ({ file: relative(SRC, f), imports: importsOf(f) }));
const layer = (path: string) => path.split("/")[0]!;
const wrongWay = (from: string, allowed: (to: string) => boolean) =>
  all
    .filter((f) => f.file.startsWith(from))
    .flatMap((f) => f.imports.filter((i) => !allowed(i)).map((i) => `${f.file} → ${i}`));

describe("dependencies point one way", () => {
  it("the scan reads imports (a scan that saw none would pass everything)", () => {
    expect(all.find((f) => f.file === "app/pipeline.ts")?.imports).toContain("app/parse.ts");
    expect(all.find((f) => f.file === "core/catalog/index.ts")?.imports).toContain(
      "core/catalog/library-models.ts",
    );
  });

  it("core imports only core", () => {
    expect(wrongWay("core/", (to) => layer(to) === "core")).toEqual([]);
  });

  it("app imports only app and core", () => {
    expect(wrongWay("app/", (to) => ["app", "core"].includes(layer(to)))).toEqual([]);
  });

  it("a port imports only ports and core, never the rest of app", () => {
    expect(wrongWay("app/ports", (to) => to.startsWith("app/ports") || layer(to) === "core")).toEqual([]);
  });

  it("adapters import no handler", () => {
    expect(wrongWay("adapters/", (to) => layer(to) !== "handlers")).toEqual([]);
  });

  it("no ambient scope (AsyncLocalStorage) in app or core: a command gets what it needs as arguments", () => {
    const scoped = all
      .filter((f) => ["app", "core"].includes(layer(f.file)))
      .filter((f) => readFileSync(join(SRC, f.file), "utf8").includes("AsyncLocalStorage"))
      .map((f) => f.file);
    expect(scoped).toEqual([]);
  });
});
