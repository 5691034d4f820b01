import { describe, expect, it } from "vitest";
import { grouped, money } from "../../../src/app/format.ts";
import { builtInCatalog } from "../../../src/core/catalog/index.ts";
import { UserError } from "../../../src/core/errors.ts";
import { estimate, resolveParams } from "../../../src/core/estimate.ts";
import type { Value } from "../../../src/core/params.ts";
import { formatProblem, parseWorkload } from "../../../src/core/workload/parse.ts";

const catalog = builtInCatalog();
const num = (text: string): Value => ({ kind: "number", value: text, text });

/** A model with one `usd:` line and optional lets (docs/workload-models.md, "Sizes"). */
function model(usd: string, lets = "", max = "1e9") {
  return `workload: sizes
title: Sizes
params:
  users: { default: 1, min: 0, max: ${max}, description: users }
${lets ? `let:\n${lets}` : ""}lines:
  - id: gpu
    label: GPU
    cost:
      - { label: spend, usd: "${usd}" }
`;
}

function problems(text: string): string[] {
  const r = parseWorkload(text, { catalog });
  if (r.ok) throw new Error("expected the model to be refused");
  return r.problems.map(formatProblem);
}

function template(text: string) {
  const r = parseWorkload(text, { catalog });
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join("\n"));
  return r.template;
}

describe("every let, quantity and amount is bounded while it is evaluated", () => {
  it("usd: 1e9999999 (before: 60 s and 1.8 GB) is refused at its place", () => {
    expect(problems(model("1e9999999"))).toEqual([
      "lines[0].cost[0].usd (9:30): `1e9999999` is too large a number: at most 1e100",
    ]);
  });

  it("usd: 1e9999999999999999999 (before: a valid model printing Infinity USD and NaN %) is refused", () => {
    expect(problems(model("1e9999999999999999999"))[0]).toMatch(/is too large a number: at most 1e100$/);
  });

  it("usd: 0 - 1000000 (before: a negative total) is refused naming the line", () => {
    expect(problems(model("0 - 1000000"))).toEqual([
      "lines[0].cost[0].usd (9:30): at the defaults: line `gpu` (lines[0].cost[0].usd): the amount is negative (-1000000 USD)",
    ]);
  });

  it("an amount past 1e15 USD at run time is a user error naming the line and the values", () => {
    const t = template(model("users * 1e6"));
    // users=3.2e9 is above max; users=1e9 × 1e6 = 1e15: at the bound, refused.
    const at = (users: string) => () =>
      estimate(t, resolveParams(t, { users: num(users) }, catalog), catalog);
    expect(at("999999999")().total).toBe("999999999000000.00");
    expect(at("1000000000")).toThrow(
      "line `gpu` (lines[0].cost[0].usd): 1e15 USD is beyond what costbot prices (at most 1e15 USD); users=1000000000",
    );
    expect(at("1000000000")).toThrow(UserError);
  });

  it("twenty lets that square the one before check fine at defaults and refuse users=2 at once", () => {
    const lets = [
      "  a1: users * users",
      ...Array.from({ length: 19 }, (_, i) => `  a${i + 2}: a${i + 1} * a${i + 1}`),
    ];
    const t = template(model("a20", `${lets.join("\n")}\n`));
    // users=2: a1 = 4, a2 = 16, a3 = 256, a4 = 65,536, a5 = 4.29e9, a6 = 1.84e19, a7 = 3.4e38 > 1e21.
    expect(() => estimate(t, resolveParams(t, { users: num("2") }, catalog), catalog)).toThrow(
      /^let `a7` \(let\.a7\): 3\.4e38 is beyond what costbot prices \(at most 1e21\); users=2$/,
    );
    // At defaults (users=1) every let is 1: one dollar.
    expect(estimate(t, resolveParams(t, {}, catalog), catalog).total).toBe("1.00");
  });

  it("a figure inside one expression is bounded too (1e100), so nothing grows past 40 digits of work", () => {
    // At the default users=1 the figure is 0; at users=2 it is 1e90 × 1e90 = 1e180 on the way.
    const t = template(model("(users - 1) * 1e90 * 1e90 / 1e90 / 1e90"));
    expect(() => estimate(t, resolveParams(t, { users: num("2") }, catalog), catalog)).toThrow(
      /lines\[0\]\.cost\[0\]\.usd\): a figure of about 1e180 is beyond what costbot computes/,
    );
  });

  it("a quantity past 1e21 is refused, though its price is small", () => {
    const text = model("1").replace(
      '- { label: spend, usd: "1" }',
      "- { label: requests, quantity: users * 1e13, price: aws.lambda.requests }",
    );
    const t = template(text);
    // users=1e9 × 1e13 = 1e22 requests: beyond 1e21 (× 0.20/1M would be 2e15 USD).
    expect(() => estimate(t, resolveParams(t, { users: num("1000000000") }, catalog), catalog)).toThrow(
      /quantity\): 1e22 is beyond what costbot prices \(at most 1e21\); users=1000000000/,
    );
  });

  it("shares stay within 0..1: no negative amount exists to make one 10000 %", () => {
    const t = template(model("users"));
    const e = estimate(t, resolveParams(t, { users: num("5") }, catalog), catalog);
    expect(e.lines.map((l) => l.share)).toEqual(["1"]);
  });
});

describe("digit grouping is exact at any length", () => {
  it("groups by three from the left", () => {
    expect(["1", "12", "123", "1234", "1234567", "1000000.5"].map(grouped)).toEqual([
      "1",
      "12",
      "123",
      "1,234",
      "1,234,567",
      "1,000,000.5",
    ]);
    expect(money("-1234567.891")).toBe("-1,234,567.89");
  });

  it("100,000 digits come out as 33,334 groups (the quadratic regex took 20 s here)", () => {
    const out = grouped("9".repeat(100_000));
    expect(out.split(",")).toHaveLength(33_334);
    expect(out.startsWith("9,999,")).toBe(true);
  });
});
