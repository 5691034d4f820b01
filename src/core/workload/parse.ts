import { type Document, isNode, LineCounter, parseDocument } from "yaml";
import { type Catalog, ModelListNotLoaded } from "../catalog/index.ts";
import { UserError } from "../errors.ts";
import { estimate, resolveParams } from "../estimate.ts";
import type { Value } from "../params.ts";
import type { Template } from "../template.ts";
import { type CatalogCheck, compileWorkload } from "./compile.ts";
import { EvaluationError } from "./evaluate.ts";
import { checkParams } from "./params.ts";
import { presetValues } from "./presets.ts";
import { type Issue, type Path, Problems, pathOf, placeOf } from "./problems.ts";
import { RESERVED_NAMES } from "./reserved.ts";
import { MAX_FILE_BYTES, MAX_PROBLEMS, type WorkloadModel, workloadSchema } from "./schema.ts";
import { templateOf } from "./template.ts";
import { describeIssue } from "./wording.ts";

export { placeOf };

/** One thing wrong with a workload model: where (path and line:column), why, and what to do. */
export interface Problem {
  /** `lines[1].cost[0].quantity` */
  readonly place: string;
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
  readonly hint?: string;
}

export type ParseResult =
  | { readonly ok: true; readonly model: WorkloadModel; readonly template: Template }
  | { readonly ok: false; readonly problems: readonly Problem[] };

export interface ParseOptions {
  readonly catalog: Catalog;
  /** Names a workload may not take; default: the command words and the built-ins' names. */
  readonly reserved?: Iterable<string>;
}

/** Parses, validates and compiles a workload model; never throws for anything in `text`. */
export function parseWorkload(text: string, options: ParseOptions): ParseResult {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_FILE_BYTES)
    return fail([
      { place: "(document)", message: `the file is ${bytes} bytes; at most 64 KB (${MAX_FILE_BYTES} bytes)` },
    ]);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) return fail(syntaxProblems(doc, lineCounter));
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 50 });
  } catch (e) {
    return fail([{ place: "(document)", message: `cannot read the document: ${(e as Error).message}` }]);
  }
  const locate = (issues: readonly Issue[]) => issues.map((i) => problemAt(doc, lineCounter, i));
  const parsed = workloadSchema.safeParse(raw);
  if (!parsed.success)
    return fail(locate(parsed.error.issues.map((i) => describeIssue(i, i.path as Path, raw))));
  const problems = new Problems();
  const reserved = new Set([...(options.reserved ?? RESERVED_NAMES)].map((r) => r.toLowerCase()));
  if (reserved.has(parsed.data.workload))
    problems.add(
      ["workload"],
      `\`${parsed.data.workload}\` is a command word or a built-in's name; choose another`,
    );
  const check: CatalogCheck = {
    catalog: options.catalog,
    priceKeys: options.catalog.keys("price"),
    allowanceKeys: options.catalog.keys("allowance"),
  };
  const params = checkParams(parsed.data, problems, options.catalog);
  const model: WorkloadModel = { ...parsed.data, params };
  if (problems.size) return fail(locate(problems.list));
  presetValues(model, options.catalog, problems);
  const compiled = compileWorkload(model, problems, check);
  if (problems.size) return fail(locate(problems.list));
  const template = templateOf(model, () => options.catalog, compiled);
  // A model that cannot price its own defaults (or a preset) is refused: a division by zero
  // or a size beyond bounds there is a problem of the file, found before anyone relies on it.
  for (const preset of [undefined, ...Object.keys(model.presets ?? {})]) {
    try {
      const written: Record<string, Value> = preset
        ? { preset: { kind: "name", value: preset, text: preset } }
        : {};
      const params = resolveParams(template, written, options.catalog);
      estimate(template, params, options.catalog);
      template.revenueUsd?.(params);
    } catch (err) {
      // A default outside the eager model list, read back after a cold start: it was checked
      // against the full list when the model was added (`workload add` loads it first).
      if (err instanceof ModelListNotLoaded) continue;
      if (!(err instanceof UserError)) throw err;
      const at = preset ? `preset ${preset}` : "at the defaults";
      const path =
        err instanceof EvaluationError ? pathOf(err.place) : preset ? ["presets", preset] : ["params"];
      problems.add(path, `${at}: ${err.message}`, err.hint);
    }
  }
  if (problems.size) return fail(locate(problems.list));
  return { ok: true, model, template };
}

/**
 * A YAML syntax error, at its line:column. Only the first: what the parser says after it mostly
 * follows from it (one tab made eleven "must start at the same column").
 */
function syntaxProblems(doc: Document, counter: LineCounter): Problem[] {
  const e = doc.errors[0]!;
  const pos = e.linePos?.[0] ?? counter.linePos(e.pos[0]);
  const message = `not valid YAML: ${e.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "")}`;
  return [
    {
      place: "(document)",
      line: pos.line,
      column: pos.col,
      message,
      ...(/tab/i.test(e.message) ? { hint: "indent with spaces; YAML does not allow tabs" } : {}),
    },
  ];
}

function fail(problems: Problem[]): ParseResult {
  const shown = problems.slice(0, MAX_PROBLEMS);
  if (problems.length > MAX_PROBLEMS)
    shown[MAX_PROBLEMS - 1] = {
      place: "(document)",
      message: `and ${problems.length - MAX_PROBLEMS + 1} more problems`,
    };
  return { ok: false, problems: shown };
}

/** The problem at the deepest node of `path` that exists in the document (a missing key: its parent). */
function problemAt(doc: Document, counter: LineCounter, issue: Issue): Problem {
  let node: unknown;
  if (issue.atKey) node = keyNode(doc, issue.path);
  for (let n = issue.path.length; n >= 0 && !node; n--) {
    const found = n === 0 ? doc.contents : doc.getIn(issue.path.slice(0, n), true);
    if (isNode(found)) node = found;
    else if (n > 0) {
      // A key whose value is null, or a key that should not be there: point at the key itself.
      const parent = n > 1 ? doc.getIn(issue.path.slice(0, n - 1), true) : doc.contents;
      const key = (parent as { items?: { key: { value?: unknown; range?: number[] } }[] })?.items?.find(
        (p) => p.key?.value === issue.path[n - 1],
      )?.key;
      if (key?.range) node = key;
    }
  }
  const range = (node as { range?: [number, number, number] } | undefined)?.range;
  const pos = range ? counter.linePos(range[0]) : undefined;
  return {
    place: placeOf(issue.path),
    ...(pos ? { line: pos.line, column: pos.col } : {}),
    message: issue.message,
    ...(issue.hint ? { hint: issue.hint } : {}),
  };
}

function keyNode(doc: Document, path: Path): unknown {
  const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
  return (parent as { items?: { key: { value?: unknown; range?: number[] } }[] })?.items?.find(
    (p) => p.key?.value === path[path.length - 1],
  )?.key;
}

/** A problem as one line of text: `lines[1].cost[0].quantity (3:15): division by zero`. */
export function formatProblem(p: Problem): string {
  return `${p.place}${p.line ? ` (${p.line}:${p.column})` : ""}: ${p.message}${p.hint ? ` (${p.hint})` : ""}`;
}

/** Problems as `--json` gives them: `{ path, line, column, message, hint }`. */
export function problemsJson(problems: readonly Problem[]) {
  return problems.map((p) => ({
    path: p.place,
    line: p.line ?? null,
    column: p.column ?? null,
    message: p.message,
    hint: p.hint ?? null,
  }));
}
