import jsep from "jsep";
import { Decimal } from "../money.ts";
import { didYouMean, nearest } from "../names.ts";

/**
 * The expression language of a workload model (docs/workload-models.md): numbers, names, + - * /, comparisons,
 * && || !, c ? a : b, single-quoted strings and seven functions. An expression is parsed by
 * jsep, checked against the names in scope (types included), then compiled to a tree of
 * closures over decimal.js. Nothing is `eval`ed; anything outside this list is refused before
 * evaluation.
 */

export type ValueType = "number" | "boolean" | "string";
export type ExprValue = Decimal | boolean | string;
export type Scope = Record<string, ExprValue>;
export type Evaluator = (scope: Scope) => ExprValue;

export const MAX_EXPRESSION_CHARS = 500;
export const MAX_NESTING = 32;
/**
 * No figure inside an expression grows past 1e100 in magnitude (docs/workload-models.md, "Sizes"):
 * decimal.js keeps 40 digits, so each operation stays cheap, and nothing reaches display unbounded.
 */
export const MAX_EXPONENT = 100;

export const FUNCTIONS = ["min", "max", "ceil", "floor", "round", "beyond", "allowance"] as const;
const OPERATIONS = new Set([
  "BinaryExpression",
  "UnaryExpression",
  "ConditionalExpression",
  "CallExpression",
]);
const BINARY = ["+", "-", "*", "/", "<", "<=", ">", ">=", "==", "!=", "&&", "||"];
const UNARY = ["-", "!"];

/** A problem in one expression; the caller adds where the expression sits. */
export class ExpressionError extends Error {
  override readonly name = "ExpressionError";
}

/** An expression that uses a refused let: that let's own problem is the one reported. */
export class RefusedNameError extends ExpressionError {}

/** What the checker knows about a name: its type, and for lets, that it is one. */
export interface NameInfo {
  readonly type: ValueType;
}

export interface CheckContext {
  /** Names in scope (params, lets) and their types; `undefined`: a let that is itself refused. */
  readonly names: ReadonlyMap<string, NameInfo | undefined>;
  /** Free allowance keys of the catalog, for beyond()/allowance(). */
  allowanceKnown(key: string): boolean;
  allowanceKeys(): Iterable<string>;
  /** Allowance keys used (the evaluator finds their quantities at `allowanceSlot(key)`). */
  readonly allowances?: Set<string>;
  /** Operations compiled so far (+ - * /, comparisons, calls…): one estimate runs each once. */
  readonly operations?: { count: number };
}

export interface Compiled {
  readonly type: ValueType;
  readonly evaluate: Evaluator;
}

type Node = jsep.Expression;

// The parser ships `**`, `%`, bitwise and `??` operators, `this`, arrays and member access; the
// checker refuses them all. `true`/`false` stay literals; `null`/`this` are removed here.
let configured = false;
function parser(): typeof jsep {
  if (!configured) {
    jsep.removeLiteral("null");
    jsep.removeIdentifierChar("$");
    configured = true;
  }
  return jsep;
}

/** Parses one expression (length, syntax and nesting checked); throws ExpressionError. */
export function parseExpression(text: string): Node {
  if (text.length > MAX_EXPRESSION_CHARS)
    throw new ExpressionError(
      `expression is ${text.length} characters; at most ${MAX_EXPRESSION_CHARS} are allowed`,
    );
  if (text.trim() === "") throw new ExpressionError("expression is empty");
  if (nestingOf(text) > MAX_NESTING)
    throw new ExpressionError(`expression is nested more than ${MAX_NESTING} levels deep`);
  let ast: Node;
  try {
    ast = parser()(text);
  } catch (e) {
    const message = e instanceof Error ? e.message.replace(/ at character \d+$/, "") : String(e);
    const index = (e as { index?: number }).index;
    throw new ExpressionError(
      `cannot parse \`${text}\`: ${message}${typeof index === "number" ? ` (character ${index + 1})` : ""}`,
    );
  }
  return ast;
}

/** Nesting is parentheses (calls included), checked before parsing so no input recurses deep. */
function nestingOf(text: string): number {
  let level = 0;
  let deepest = 0;
  for (const ch of text) {
    if (ch === "(" || ch === "[") deepest = Math.max(deepest, ++level);
    else if (ch === ")" || ch === "]") level--;
  }
  return deepest;
}

/** The names (not functions) an expression refers to. */
export function namesIn(node: Node, out = new Set<string>()): Set<string> {
  if (node.type === "Identifier") out.add((node as jsep.Identifier).name);
  for (const child of children(node)) {
    if (node.type === "CallExpression" && child === (node as jsep.CallExpression).callee) continue;
    namesIn(child, out);
  }
  return out;
}

/** Checks a parsed expression against the names in scope and compiles it to closures. */
export function compileExpression(
  ast: Node,
  text: string,
  context: CheckContext,
  expect?: ValueType,
): Compiled {
  const compiled = build(ast, context);
  if (expect && compiled.type !== expect)
    throw new ExpressionError(
      `\`${text}\` gives a ${compiled.type}; ${expect === "boolean" ? "true or false" : `a ${expect}`} is needed here`,
    );
  return compiled;
}

export type ExpressionNode = Node;

function children(node: Node): Node[] {
  const out: Node[] = [];
  for (const key of ["left", "right", "argument", "test", "consequent", "alternate", "callee"]) {
    const v = (node as Record<string, unknown>)[key];
    if (v && typeof v === "object") out.push(v as Node);
  }
  for (const key of ["arguments", "body", "elements"]) {
    const v = (node as Record<string, unknown>)[key];
    if (Array.isArray(v)) out.push(...(v.filter(Boolean) as Node[]));
  }
  return out;
}

/** Where a scope holds an allowance's quantity: no name can start with `@`. */
export const allowanceSlot = (key: string) => `@${key}`;

const fail = (message: string): never => {
  throw new ExpressionError(message);
};

/** A figure within MAX_EXPONENT, checked after every operation that can grow one. */
function within(d: Decimal): Decimal {
  if (!d.isFinite() || d.e > MAX_EXPONENT)
    fail(
      `a figure ${d.isFinite() ? `of about 1e${d.e} ` : ""}is beyond what costbot computes (at most 1e${MAX_EXPONENT})`,
    );
  return d;
}

function asNumber(v: ExprValue): Decimal {
  return v instanceof Decimal ? v : fail(`expected a number, got ${String(v)}`);
}

function build(node: Node, ctx: CheckContext): Compiled {
  // A call is one operation per argument: max(a, b, c) compares three figures.
  if (ctx.operations && OPERATIONS.has(node.type))
    ctx.operations.count +=
      node.type === "CallExpression" ? Math.max(1, (node as jsep.CallExpression).arguments.length) : 1;
  switch (node.type) {
    case "Literal": {
      const lit = node as jsep.Literal;
      if (typeof lit.value === "number") {
        const value = new Decimal(lit.raw);
        if (!value.isFinite() || value.e > MAX_EXPONENT)
          fail(`\`${lit.raw}\` is too large a number: at most 1e${MAX_EXPONENT}`);
        return { type: "number", evaluate: () => value };
      }
      if (typeof lit.value === "boolean") {
        const value = lit.value;
        return { type: "boolean", evaluate: () => value };
      }
      if (typeof lit.value === "string") {
        if (!lit.raw.startsWith("'")) fail(`strings are single-quoted: '${lit.value}'`);
        const value = lit.value;
        return { type: "string", evaluate: () => value };
      }
      return fail(`\`${lit.raw}\` is not a number, a 'string', true or false`);
    }
    case "Identifier": {
      const name = (node as jsep.Identifier).name;
      if (!ctx.names.has(name)) {
        const hint = (FUNCTIONS as readonly string[]).includes(name)
          ? `; ${name} is a function: ${name}(...)`
          : didYouMean(name, ctx.names.keys());
        fail(`unknown name \`${name}\`${hint}`);
      }
      const info = ctx.names.get(name);
      if (!info) throw new RefusedNameError(`\`${name}\` has a problem of its own (see let.${name})`);
      return { type: info!.type, evaluate: (scope) => scope[name]! };
    }
    case "UnaryExpression": {
      const u = node as jsep.UnaryExpression;
      if (!UNARY.includes(u.operator))
        fail(`operator \`${u.operator}\` is not part of the language (use - or !)`);
      const arg = build(u.argument, ctx);
      if (u.operator === "-") {
        if (arg.type !== "number") fail(`\`-\` needs a number, not a ${arg.type}`);
        return { type: "number", evaluate: (s) => (arg.evaluate(s) as Decimal).neg() };
      }
      if (arg.type !== "boolean") fail(`\`!\` needs true or false, not a ${arg.type}`);
      return { type: "boolean", evaluate: (s) => !arg.evaluate(s) };
    }
    case "BinaryExpression":
      return binary(node as jsep.BinaryExpression, ctx);
    case "ConditionalExpression": {
      const c = node as jsep.ConditionalExpression;
      const test = build(c.test, ctx);
      if (test.type !== "boolean")
        fail(`the condition before \`?\` must be true or false, not a ${test.type}`);
      const yes = build(c.consequent, ctx);
      const no = build(c.alternate, ctx);
      if (yes.type !== no.type) fail(`both sides of \`:\` must have one type (${yes.type} and ${no.type})`);
      return {
        type: yes.type,
        evaluate: (s) => (test.evaluate(s) ? yes.evaluate(s) : no.evaluate(s)),
      };
    }
    case "CallExpression":
      return call(node as jsep.CallExpression, ctx);
    case "Compound":
      return fail("one expression only (no `,` or `;` between expressions)");
    case "MemberExpression":
      return fail("`.` and `[ ]` are not part of the language; catalog keys are quoted: 'aws.s3.standard'");
    case "ArrayExpression":
      return fail("lists `[ ]` are not part of the language");
    case "ThisExpression":
      return fail("`this` is not part of the language");
    default:
      return fail(`\`${node.type}\` is not part of the language`);
  }
}

function binary(b: jsep.BinaryExpression, ctx: CheckContext): Compiled {
  const op = b.operator;
  if (!BINARY.includes(op)) {
    const instead = op === "===" ? " (use ==)" : op === "!==" ? " (use !=)" : "";
    fail(`operator \`${op}\` is not part of the language${instead}`);
  }
  const left = build(b.left, ctx);
  const right = build(b.right, ctx);
  const l = left.evaluate;
  const r = right.evaluate;
  const numbers = () => {
    if (left.type !== "number" || right.type !== "number")
      fail(`\`${op}\` needs numbers on both sides, not ${left.type} and ${right.type}`);
  };
  switch (op) {
    case "+":
      numbers();
      return { type: "number", evaluate: (s) => within((l(s) as Decimal).plus(r(s) as Decimal)) };
    case "-":
      numbers();
      return { type: "number", evaluate: (s) => within((l(s) as Decimal).minus(r(s) as Decimal)) };
    case "*":
      numbers();
      return { type: "number", evaluate: (s) => within((l(s) as Decimal).times(r(s) as Decimal)) };
    case "/":
      numbers();
      return {
        type: "number",
        evaluate: (s) => {
          const d = r(s) as Decimal;
          if (d.isZero()) fail("division by zero");
          return within((l(s) as Decimal).div(d));
        },
      };
    case "<":
      numbers();
      return { type: "boolean", evaluate: (s) => (l(s) as Decimal).lt(r(s) as Decimal) };
    case "<=":
      numbers();
      return { type: "boolean", evaluate: (s) => (l(s) as Decimal).lte(r(s) as Decimal) };
    case ">":
      numbers();
      return { type: "boolean", evaluate: (s) => (l(s) as Decimal).gt(r(s) as Decimal) };
    case ">=":
      numbers();
      return { type: "boolean", evaluate: (s) => (l(s) as Decimal).gte(r(s) as Decimal) };
    case "==":
    case "!=": {
      if (left.type !== right.type)
        fail(`\`${op}\` compares two ${left.type}s or two ${right.type}s, not one of each`);
      const equal =
        left.type === "number"
          ? (s: Scope) => (l(s) as Decimal).eq(r(s) as Decimal)
          : (s: Scope) => l(s) === r(s);
      return { type: "boolean", evaluate: op === "==" ? equal : (s) => !equal(s) };
    }
    default: {
      if (left.type !== "boolean" || right.type !== "boolean")
        fail(`\`${op}\` needs true or false on both sides, not ${left.type} and ${right.type}`);
      return op === "&&"
        ? { type: "boolean", evaluate: (s) => (l(s) as boolean) && (r(s) as boolean) }
        : { type: "boolean", evaluate: (s) => (l(s) as boolean) || (r(s) as boolean) };
    }
  }
}

function call(c: jsep.CallExpression, ctx: CheckContext): Compiled {
  if (c.callee.type !== "Identifier")
    return fail("only the functions min, max, ceil, floor, round, beyond and allowance can be called");
  const name = (c.callee as jsep.Identifier).name;
  if (!(FUNCTIONS as readonly string[]).includes(name))
    fail(
      `unknown function \`${name}\`${didYouMean(name, FUNCTIONS)}; the functions are ${FUNCTIONS.join(", ")}`,
    );
  const args = c.arguments;
  const arity = (n: number, usage: string) => {
    if (args.length !== n) fail(`${name} takes ${n === 1 ? "one argument" : `${n} arguments`}: ${usage}`);
  };
  const numberArg = (i: number) => {
    const a = build(args[i]!, ctx);
    if (a.type !== "number") fail(`${name}'s argument ${i + 1} must be a number, not a ${a.type}`);
    return a.evaluate;
  };
  const keyArg = (i: number): string => {
    const a = args[i]!;
    if (a.type !== "Literal" || typeof (a as jsep.Literal).value !== "string")
      fail(
        `${name} takes a catalog allowance key in quotes, e.g. ${name}(${i ? "x, " : ""}'aws.lambda.free.requests')`,
      );
    const key = (a as jsep.Literal).value as string;
    if (!ctx.allowanceKnown(key))
      fail(`unknown free allowance \`${key}\`${nearest(key, ctx.allowanceKeys())}`);
    ctx.allowances?.add(key);
    return allowanceSlot(key);
  };
  switch (name) {
    case "min":
    case "max": {
      if (args.length === 0) fail(`${name} takes one or more numbers: ${name}(a, b)`);
      const parts = args.map((_, i) => numberArg(i));
      const pick = name === "min" ? Decimal.min : Decimal.max;
      return {
        type: "number",
        evaluate: (s) =>
          pick.apply(
            Decimal,
            parts.map((p) => p(s) as Decimal),
          ),
      };
    }
    case "ceil":
    case "floor": {
      arity(1, `${name}(x)`);
      const x = numberArg(0);
      return {
        type: "number",
        evaluate: name === "ceil" ? (s) => (x(s) as Decimal).ceil() : (s) => (x(s) as Decimal).floor(),
      };
    }
    case "round": {
      arity(2, "round(x, digits)");
      const x = numberArg(0);
      const digits = numberArg(1);
      return {
        type: "number",
        evaluate: (s) => {
          const d = asNumber(digits(s));
          if (!d.isInteger() || d.lt(0) || d.gt(20))
            fail("round's digits must be a whole number from 0 to 20");
          return (x(s) as Decimal).toDecimalPlaces(d.toNumber(), Decimal.ROUND_HALF_UP);
        },
      };
    }
    case "beyond": {
      arity(2, "beyond(x, 'allowance-key')");
      const x = numberArg(0);
      const slot = keyArg(1);
      return {
        type: "number",
        evaluate: (s) => Decimal.max((x(s) as Decimal).minus(s[slot] as Decimal), 0),
      };
    }
    default: {
      arity(1, "allowance('allowance-key')");
      const slot = keyArg(0);
      return { type: "number", evaluate: (s) => s[slot]! };
    }
  }
}
