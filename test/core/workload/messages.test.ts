import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { builtInCatalog } from "../../../src/core/catalog/index.ts";
import { estimate, resolveParams } from "../../../src/core/estimate.ts";
import { formatProblem, parseWorkload } from "../../../src/core/workload/parse.ts";

const catalog = builtInCatalog();
const RAG = readFileSync("examples/rag-support.yml", "utf8");

function problems(text: string): string[] {
  const r = parseWorkload(text, { catalog });
  if (r.ok) throw new Error("expected the model to be refused");
  return r.problems.map(formatProblem);
}

const lineOf = (text: string, line: string) => text.split("\n").indexOf(line) + 1;

describe("a model's problems read in plain words, each at its line:column", () => {
  it("a tab gives one problem with its place (before: 11 copies, no place)", () => {
    const text = RAG.replace("\n  agents:", "\n\tagents:");
    const found = problems(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /^\(document\) \(\d+:\d+\): not valid YAML: .*\(indent with spaces; YAML does not allow tabs\)$/,
    );
  });

  it("a parameter without a description: `needs a description (a short text)`", () => {
    const text = RAG.replace(/(\n {2}agents: +\{[^\n]*), description: [^}]*\}/, "$1 }");
    const line = text.split("\n").findIndex((l) => l.startsWith("  agents:")) + 1;
    expect(problems(text)).toEqual([`params.agents (${line}:14): needs a description (a short text)`]);
  });

  it("`lets:` is an unknown key at its own line, with the near one", () => {
    const text = RAG.replace(/^let:$/m, "lets:");
    expect(problems(text)).toEqual([
      `lets (${lineOf(text, "lets:")}:1): unknown key \`lets\`, did you mean \`let\`?`,
    ]);
  });

  it("a title that is a list: `must be a text`", () => {
    const text = RAG.replace(/^title: .*$/m, "title: [a, b]");
    expect(problems(text)).toEqual([
      `title (${lineOf(text, "title: [a, b]")}:8): must be a text, not a list`,
    ]);
  });
});

describe("{name} in a label formats a parameter like a let", () => {
  it("agents=12000 shows as 12,000 in the label", () => {
    const text = RAG.replace(/label: "?LLM \(\{model\}\)"?/, 'label: "LLM ({model}, {agents} agents)"');
    const r = parseWorkload(text, { catalog });
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join("\n"));
    const e = estimate(
      r.template,
      resolveParams(r.template, { agents: { kind: "number", value: "12000", text: "12000" } }, catalog),
      catalog,
    );
    expect(e.lines.map((l) => l.label)).toContain("LLM (nova-pro, 12,000 agents)");
  });
});
