import { beforeAll, describe, expect, it } from "vitest";
import { parseCommand } from "../../../src/app/parse.ts";
import { builtInCatalog } from "../../../src/core/catalog/index.ts";
import { UserError } from "../../../src/core/errors.ts";
import { estimate, resolveParams } from "../../../src/core/estimate.ts";
import type { Value } from "../../../src/core/params.ts";
import { TEMPLATES } from "../../../src/core/templates/index.ts";
import { formatProblem, type Problem, parseWorkload } from "../../../src/core/workload/parse.ts";
import { BUILT_IN_NAMES, COMMAND_WORDS } from "../../../src/core/workload/reserved.ts";

const catalog = builtInCatalog();
// As `workload add` and `check` do: every model name in a file is judged against the full list.
beforeAll(() => catalog.loadAllModels());

// Line numbers matter: the table below names them.
const BASE = `workload: team-bot
title: Team bot
params:
  users: { default: 10, min: 1, max: 1000, integer: true, unit: users, description: people }
  model: { model: nova-pro, description: the model }
  tier: { choice: [small, large], default: small, description: size }
let:
  calls: users * 100
lines:
  - id: llm
    label: LLM ({model})
    cost:
      - { label: input, quantity: calls * 1000, price: "{model}.input" }
  - id: api
    label: API
    cost:
      - { label: requests, quantity: calls, price: aws.apigw.http }
`;

function problems(text: string): readonly Problem[] {
  const r = parseWorkload(text, { catalog });
  if (r.ok) throw new Error("expected problems, the model was accepted");
  return r.problems;
}
const edit = (from: string, to: string) => {
  if (!BASE.includes(from)) throw new Error(`BASE has no ${from}`);
  return BASE.replace(from, to);
};

describe("parseWorkload accepts a valid model", () => {
  it("the base model prices: 10 users × 100 calls × 1,000 tokens at Nova Pro's $0.80/M", () => {
    const r = parseWorkload(BASE, { catalog });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const e = estimate(r.template, resolveParams(r.template, {}, catalog), catalog);
    // llm: 1,000 calls × 1,000 tokens = 1,000,000 × 0.80/M = 0.80; api: 1,000 × 1.00/M = 0.001 → 0.00
    expect(e.lines.map((l) => [l.id, l.label, Number(l.amount)])).toEqual([
      ["llm", "LLM (nova-pro)", 0.8],
      ["api", "API", 0],
    ]);
    expect(Number(e.total)).toBe(0.8);
  });

  it("JSON is a workload model too", () => {
    const json = JSON.stringify({
      workload: "json-bot",
      title: "JSON",
      params: { n: { default: 2, description: "n" } },
      lines: [{ id: "x", label: "X", cost: [{ label: "spend", usd: "n * 3" }] }],
    });
    const r = parseWorkload(json, { catalog });
    expect(r.ok).toBe(true);
    if (r.ok)
      expect(estimate(r.template, resolveParams(r.template, {}, catalog), catalog).total).toBe("6.00");
  });
});

// Each row: the broken model, the place, its line, and what the message must say.
const cases: [string, string, string, number | undefined, RegExp][] = [
  [
    "unknown name, with did-you-mean",
    edit("calls * 1000", "cals * 1000"),
    "lines[0].cost[0].quantity",
    13,
    /unknown name `cals`, did you mean `calls`\?/,
  ],
  [
    "unknown function",
    edit("calls * 1000", '"mn(calls, 5)"'),
    "lines[0].cost[0].quantity",
    13,
    /unknown function `mn`, did you mean `min`\?/,
  ],
  [
    "unknown price key",
    edit("aws.apigw.http", "aws.apigw.htp"),
    "lines[1].cost[0].price",
    17,
    /no price `aws.apigw.htp` in the catalog, did you mean `aws.apigw.http`\?/,
  ],
  [
    "unknown name in a let",
    edit("users * 100", "user * 100"),
    "let.calls",
    8,
    /unknown name `user`, did you mean `users`\?/,
  ],
  [
    "let cycle",
    edit("  calls: users * 100", "  calls: users * 100 + a\n  a: b + 1\n  b: a + 1"),
    "let.a",
    9,
    /let cycle: a → b → a/,
  ],
  [
    "division by zero",
    edit("calls * 1000", "calls / (users - users)"),
    "lines[0].cost[0].quantity",
    13,
    /at the defaults: line `llm` \(lines\[0\]\.cost\[0\]\.quantity\): division by zero/,
  ],
  [
    "negative quantity",
    edit("quantity: calls,", "quantity: calls - 2000,"),
    "lines[1].cost[0].quantity",
    17,
    /line `api` .*the quantity is negative \(-1000\)/,
  ],
  [
    "non-boolean when",
    edit("    label: API\n", "    label: API\n    when: users * 2\n"),
    "lines[1].when",
    16,
    /gives a number; true or false is needed/,
  ],
  [
    "expression over 500 characters",
    edit("calls * 1000", `1${" + 1".repeat(150)}`),
    "lines[0].cost[0].quantity",
    13,
    /601 characters; at most 500/,
  ],
  [
    "nesting deeper than 32",
    edit("calls * 1000", `${"(".repeat(33)}1${")".repeat(33)}`),
    "lines[0].cost[0].quantity",
    13,
    /nested more than 32 levels/,
  ],
  [
    "an operator outside the language",
    edit("calls * 1000", "calls % 7"),
    "lines[0].cost[0].quantity",
    13,
    /operator `%` is not part of the language/,
  ],
  [
    "member access",
    edit("calls * 1000", "calls.length"),
    "lines[0].cost[0].quantity",
    13,
    /`\.` and `\[ \]` are not part of the language/,
  ],
  [
    "a double-quoted string",
    edit("users * 100", `'"x" == "x" ? 1 : 2'`),
    "let.calls",
    8,
    /strings are single-quoted/,
  ],
  [
    "type mismatch",
    edit("calls * 1000", "calls + tier"),
    "lines[0].cost[0].quantity",
    13,
    /`\+` needs numbers on both sides, not number and string/,
  ],
  [
    "compares a choice with a number",
    edit("users * 100", `"tier == 1 ? 1 : 2"`),
    "let.calls",
    8,
    /`==` compares two strings or two numbers/,
  ],
  [
    "unknown allowance",
    edit("calls * 1000", `"beyond(calls, 'aws.lambda.free.request')"`),
    "lines[0].cost[0].quantity",
    13,
    /unknown free allowance `aws.lambda.free.request`, did you mean `aws.lambda.free.requests`\?/,
  ],
  [
    "unknown name in a label",
    edit("LLM ({model})", "LLM ({modle})"),
    "lines[0].label",
    11,
    /`\{modle\}`: unknown name, did you mean `model`\?/,
  ],
  [
    "unknown name in a price key",
    edit('"{model}.input"', '"aws.{tiers}"'),
    "lines[0].cost[0].price",
    13,
    /unknown name, did you mean `tier`\?/,
  ],
  [
    "a command word as the name",
    edit("workload: team-bot", "workload: budget"),
    "workload",
    1,
    /`budget` is a command word or a built-in's name/,
  ],
  [
    "a built-in's name",
    edit("workload: team-bot", "workload: voice-agent"),
    "workload",
    1,
    /`voice-agent` is a command word or a built-in's name/,
  ],
  ["a bad workload name", edit("workload: team-bot", "workload: Team Bot"), "workload", 1, /2-40 characters/],
  ["a missing title", edit("title: Team bot\n", ""), "(document)", 1, /^needs a title \(a short text\)$/],
  [
    "an unknown field",
    edit("title: Team bot\n", "title: Team bot\ncolour: red\n"),
    "colour",
    3,
    /^unknown key `colour`$/,
  ],
  [
    "price and usd in one component",
    edit("price: aws.apigw.http }", "price: aws.apigw.http, usd: 1 }"),
    "lines[1].cost[0]",
    17,
    /exactly one of price, tiers, usd/,
  ],
  [
    "a priced component without quantity",
    edit("quantity: calls, ", ""),
    "lines[1].cost[0].quantity",
    17,
    /needs a quantity/,
  ],
  ["a line id used twice", edit("id: api", "id: llm"), "lines[1].id", 14, /line id `llm` is used twice/],
  [
    "a choice default not offered",
    edit("default: small", "default: smal"),
    "params.tier.default",
    6,
    /`smal` is not one of small, large, did you mean `small`\?/,
  ],
  [
    "an unknown model",
    edit("model: nova-pro", "model: nova-prp"),
    "params.model.model",
    5,
    /unknown model `nova-prp`, did you mean `nova-pro`\?/,
  ],
  [
    "a default outside its range",
    edit("default: 10, min: 1", "default: 5000, min: 1"),
    "params.users.default",
    4,
    /default 5000 is outside 1 to 1000/,
  ],
  [
    "an unknown parameter field",
    edit("integer: true,", "integer: true, step: 2,"),
    "params.users.step",
    4,
    /^unknown key `step` in a number parameter$/,
  ],
  ["a parameter named like a function", edit("  tier:", "  min:"), "params.min", 6, /`min` is reserved/],
  [
    "an unknown let name in revenue",
    `${BASE}revenue: users * prise\n`,
    "revenue",
    18,
    /unknown name `prise`/,
  ],
  [
    "revenue that is not a number",
    `${BASE}revenue: tier\n`,
    "revenue",
    18,
    /gives a string; a number is needed/,
  ],
  [
    "a plan over a line that does not exist",
    `${BASE}plan: { usage: users, users: users, minutes_per_unit: 60, variable_lines: [lm] }\n`,
    "plan.variable_lines[0]",
    18,
    /no line `lm`, did you mean `llm`\?/,
  ],
  [
    "a preset naming an unknown parameter",
    `${BASE}presets:\n  big: { user: 100 }\n`,
    "presets.big.user",
    19,
    /unknown parameter `user`, did you mean `users`\?/,
  ],
  [
    "a default preset that does not exist",
    `${BASE}presets:\n  big: { users: 100 }\ndefault_preset: bog\n`,
    "default_preset",
    20,
    /no preset `bog`, did you mean `big`\?/,
  ],
  [
    "a preset value out of range",
    `${BASE}presets:\n  big: { users: 100000 }\n`,
    "presets.big.users",
    19,
    /100000 is outside 1 to 1000/,
  ],
  [
    "the last tier with an upto",
    edit("price: aws.apigw.http }", "tiers: [{ upto: 10, price: aws.apigw.http }] }"),
    "lines[1].cost[0].tiers[0].upto",
    17,
    /the last tier has no `upto`/,
  ],
  [
    "tiers not increasing",
    edit(
      "price: aws.apigw.http }",
      "tiers: [{ upto: 10, price: aws.apigw.http }, { upto: 5, price: aws.apigw.http }, { price: aws.apigw.rest }] }",
    ),
    "lines[1].cost[0].tiers[1].upto",
    17,
    /upto 5 must be above the tier before \(10\)/,
  ],
  [
    "a note whose when is a number",
    `${BASE}notes:\n  - { when: calls, text: hi }\n`,
    "notes[0].when",
    19,
    /true or false is needed/,
  ],
  [
    "a model need that does not exist",
    edit("model: nova-pro,", "model: nova-pro, needs: [video],"),
    "params.model.needs[0]",
    5,
    /`video` is not one of text, images, audio, chat, embedding/,
  ],
  [
    "YAML that does not parse",
    edit("title: Team bot", "title: [Team bot"),
    "(document)",
    3,
    /^not valid YAML: /,
  ],
  [
    "a division by zero in a let, found at a preset",
    `${edit("users * 100", "100 / (users - 20)")}presets:\n  small: { users: 10 }\n  twenty: { users: 20 }\n`,
    "let.calls",
    8,
    /preset twenty: let `calls` \(let\.calls\): division by zero/,
  ],
];

describe("parseWorkload refuses a bad model, naming the place, line and reason", () => {
  it.each(cases)("%s", (_name, text, place, line, message) => {
    const found = problems(text);
    const p = found.find((x) => x.place === place);
    expect(p, `problems: ${found.map(formatProblem).join(" | ")}`).toBeDefined();
    expect(p!.message, formatProblem(p!)).toMatch(message);
    if (line !== undefined) expect(p!.line, formatProblem(p!)).toBe(line);
  });

  it("refuses a file over 64 KB before parsing it", () => {
    const [p] = problems(`${BASE}#${"x".repeat(64 * 1024)}\n`);
    expect(p!.message).toMatch(/at most 64 KB/);
  });

  it("lists every problem of a model, at most 20", () => {
    const many = BASE.replace(
      "  calls: users * 100",
      Array.from({ length: 30 }, (_, i) => `  l${i}: nope${i}`).join("\n"),
    );
    const found = problems(many);
    expect(found).toHaveLength(20);
    expect(found[19]!.message).toMatch(/and \d+ more problems/);
  });

  it("lists several problems together, each at its own place", () => {
    const text = edit("calls * 1000", "cals * 1000").replace("aws.apigw.http", "aws.apigw.htp");
    expect(problems(text).map((p) => p.place)).toEqual([
      "lines[0].cost[0].quantity",
      "lines[1].cost[0].price",
    ]);
  });
});

describe("one refused let is reported once, not again at each use", () => {
  it("a cycle, used by a let that the lines use: only the cycle is reported", () => {
    const text = edit("  calls: users * 100", "  calls: users * 100 + a\n  a: b + 1\n  b: a + 1");
    expect(problems(text).map(formatProblem)).toEqual(["let.a (9:6): let cycle: a → b → a"]);
  });
});

describe("evaluation errors at run time are UserErrors naming the line", () => {
  it("a division by zero at a value the user gives", () => {
    const r = parseWorkload(edit("calls * 1000", "calls / (users - 5)"), { catalog });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const five: Value = { kind: "number", value: "5", text: "5" };
    expect(() => estimate(r.template, resolveParams(r.template, { users: five }, catalog), catalog)).toThrow(
      /line `llm` \(lines\[0\]\.cost\[0\]\.quantity\): division by zero/,
    );
  });
});

describe("reserved names", () => {
  it("every reserved command word starts a command, never an estimate of a workload by that name", () => {
    for (const word of COMMAND_WORDS) {
      let kind: string | undefined;
      try {
        kind = parseCommand(word).kind;
      } catch (error) {
        // A command that needs more words (`save`, `plan`…) refuses with a UserError: still a command.
        expect(error, word).toBeInstanceOf(UserError);
      }
      expect(kind, word).not.toBe("estimate");
    }
  });
  it("core's built-in names are the built-ins", () => {
    expect([...BUILT_IN_NAMES]).toEqual(TEMPLATES.map((t) => t.name));
  });
});
