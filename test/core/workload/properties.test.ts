import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { builtInCatalog } from "../../../src/core/catalog/index.ts";
import { UserError } from "../../../src/core/errors.ts";
import { estimate, resolveParams } from "../../../src/core/estimate.ts";
import { Decimal } from "../../../src/core/money.ts";
import {
  compileExpression,
  ExpressionError,
  type NameInfo,
  parseExpression,
} from "../../../src/core/workload/expression.ts";
import { parseWorkload } from "../../../src/core/workload/parse.ts";

const catalog = builtInCatalog();

const MODEL = (quantity: string) => `workload: prop-bot
title: Property bot
params:
  users: { default: 10, min: 1, max: 1000, integer: true, description: people }
  tier: { choice: [small, large], default: small, description: size }
  on: { default: true, description: a switch }
let:
  calls: users * 100
lines:
  - id: x
    label: X
    cost:
      - { label: q, quantity: '${quantity.replaceAll("'", "''")}', price: aws.apigw.http }
`;

/** Expressions from the language's grammar, with some of what it refuses mixed in. */
const expression = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.integer({ min: 0, max: 10_000 }).map(String),
    fc.constantFrom("0", "0.5", "1e6", "2.5e-3", ".5"),
    fc.constantFrom(
      "users",
      "calls",
      "tier",
      "on",
      "nope",
      "true",
      "false",
      "'small'",
      "'aws.lambda.free.requests'",
    ),
  ),
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    tie("leaf"),
    fc
      .tuple(
        tie("node"),
        fc.constantFrom(
          "+",
          "-",
          "*",
          "/",
          "<",
          "<=",
          ">",
          ">=",
          "==",
          "!=",
          "&&",
          "||",
          "%",
          "**",
          "&",
          "===",
        ),
        tie("node"),
      )
      .map(([a, op, b]) => `${a} ${op} ${b}`),
    fc.tuple(fc.constantFrom("-", "!", "~"), tie("node")).map(([op, a]) => `${op}${a}`),
    tie("node").map((a) => `(${a})`),
    fc.tuple(tie("node"), tie("node"), tie("node")).map(([c, a, b]) => `${c} ? ${a} : ${b}`),
    fc
      .tuple(
        fc.constantFrom("min", "max", "ceil", "floor", "round", "beyond", "allowance", "sqrt", "eval"),
        fc.array(tie("node"), { maxLength: 3 }),
      )
      .map(([f, args]) => `${f}(${args.join(", ")})`),
  ),
})).node as fc.Arbitrary<string>;

/** A run either prices or names a user error; nothing else may escape. */
let accepted = 0;
function pricesOrRefuses(text: string) {
  const r = parseWorkload(text, { catalog });
  if (r.ok) accepted++;
  if (!r.ok) {
    expect(r.problems.length).toBeGreaterThan(0);
    expect(r.problems.length).toBeLessThanOrEqual(20);
    for (const p of r.problems) expect(typeof p.message).toBe("string");
    return;
  }
  for (const users of ["1", "7", "1000"]) {
    try {
      estimate(
        r.template,
        resolveParams(r.template, { users: { kind: "number", value: users, text: users } }, catalog),
        catalog,
      );
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
    }
  }
}

describe("properties: any expression or document yields a result or a typed problem", () => {
  it("generated expressions in a model: an estimate or problems, never an exception", () => {
    accepted = 0;
    fc.assert(
      fc.property(expression, (e) => pricesOrRefuses(MODEL(e))),
      { numRuns: 2000 },
    );
    // The grammar is mostly valid: a good share must price, or the property proves little.
    expect(accepted).toBeGreaterThan(100);
  });

  it("arbitrary strings as an expression", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (e) => pricesOrRefuses(MODEL(e))),
      { numRuns: 1500 },
    );
  });

  it("malformed documents: a valid model with characters cut, inserted or swapped", () => {
    const base = MODEL("calls * 3");
    const mutated = fc
      .array(
        fc.tuple(fc.nat(base.length - 1), fc.nat(20), fc.string({ maxLength: 4, unit: "binary-ascii" })),
        { minLength: 1, maxLength: 4 },
      )
      .map((edits) =>
        edits.reduce((text, [at, cut, insert]) => text.slice(0, at) + insert + text.slice(at + cut), base),
      );
    fc.assert(fc.property(mutated, pricesOrRefuses), { numRuns: 1500 });
  });

  it("any JSON value as a document", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => pricesOrRefuses(JSON.stringify(v))),
      { numRuns: 500 },
    );
  });

  it("deep or long hostile input is refused quickly by the limits, not by the stack", () => {
    for (const text of [
      "(".repeat(100_000),
      `${"-".repeat(499)}1`,
      `${"!".repeat(499)}true`,
      `${"1+".repeat(249)}1`,
    ]) {
      try {
        parseExpression(text);
      } catch (e) {
        expect(e).toBeInstanceOf(ExpressionError);
      }
    }
  });
});

describe("properties: the arithmetic is exact decimal", () => {
  const names = new Map<string, NameInfo>([
    ["a", { type: "number" }],
    ["b", { type: "number" }],
  ]);
  const ctx = { names, allowanceKnown: () => true, allowanceKeys: () => [] };
  const evalWith = (text: string, a: string, b: string) =>
    compileExpression(parseExpression(text), text, ctx, "number").evaluate({
      a: new Decimal(a),
      b: new Decimal(b),
    }) as Decimal;
  const amount = fc
    .tuple(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: 0, max: 6 }))
    .map(([n, scale]) => new Decimal(n).div(10 ** scale).toString());

  it("a + b is b + a, and a + b - b is a, exactly (0.1 + 0.2 is 0.3)", () => {
    expect(evalWith("a + b", "0.1", "0.2").toString()).toBe("0.3");
    fc.assert(
      fc.property(amount, amount, (a, b) => {
        expect(evalWith("a + b", a, b).eq(evalWith("b + a", a, b))).toBe(true);
        expect(evalWith("a + b - b", a, b).eq(new Decimal(a))).toBe(true);
        expect(evalWith("a * 1", a, b).eq(new Decimal(a))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it("min, max, ceil, floor and round agree with decimal.js; division by zero is an ExpressionError", () => {
    fc.assert(
      fc.property(amount, amount, (a, b) => {
        const da = new Decimal(a);
        const db = new Decimal(b);
        expect(evalWith("min(a, b)", a, b).eq(Decimal.min(da, db))).toBe(true);
        expect(evalWith("max(a, b, 0)", a, b).eq(Decimal.max(da, db, 0))).toBe(true);
        expect(evalWith("ceil(a) - floor(a)", a, b).eq(da.isInteger() ? 0 : 1)).toBe(true);
        expect(evalWith("round(a, 2)", a, b).eq(da.toDecimalPlaces(2, Decimal.ROUND_HALF_UP))).toBe(true);
        if (db.isZero()) expect(() => evalWith("a / b", a, b)).toThrow(ExpressionError);
        else expect(evalWith("a / b * b", a, b).minus(da).abs().lt("1e-30")).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
