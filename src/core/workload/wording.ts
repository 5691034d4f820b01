import type { z } from "zod";
import { didYouMean } from "../names.ts";
import type { Path } from "./problems.ts";

/**
 * The validator's findings in plain words (docs/workload-models.md, "Errors"): "params.keep
 * needs a description (a short text)", never "Invalid input: expected string, received undefined".
 */

/** What each key holds, in words, for "needs …" and "must be …". */
const FIELD_WORDS: Readonly<Record<string, string>> = {
  workload: "a name (a-z, 0-9 and -)",
  title: "a title (a short text)",
  description: "a description (a short text)",
  label: "a label (a short text)",
  text: "a text",
  id: "an id (a-z, 0-9 and _)",
  params: "parameters (name: { default: …, description: … })",
  lines: "lines (a list of `- id: …, label: …, cost: […]`)",
  cost: "a cost (a list of components: `- { label: …, quantity: …, price: … }`)",
  price: "a price key (see `prices`)",
  default: "a default value",
  model: "a model id (see `models`)",
  choice: "a list of choices",
  amount: "an amount with a currency, e.g. 100TWD",
  usage: "the name of a number parameter",
  minutes_per_unit: "an expression",
  variable_lines: "a list of line ids",
  tiers: "a list of tiers",
  upto: "a number",
};

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: "a text",
  number: "a number",
  boolean: "true or false",
  array: "a list",
  object: "a mapping (key: value)",
  record: "a mapping (key: value)",
};

/** Top-level and nested keys a model may have, for "did you mean" on an unknown key. */
const KNOWN_KEYS = [
  "workload",
  "title",
  "description",
  "seed",
  "params",
  "presets",
  "default_preset",
  "let",
  "lines",
  "notes",
  "revenue",
  "plan",
  "id",
  "label",
  "when",
  "cost",
  "quantity",
  "unit",
  "price",
  "tiers",
  "usd",
  "upto",
  "default",
  "min",
  "max",
  "exclusive_min",
  "integer",
  "percent",
  "model",
  "needs",
  "choice",
  "amount",
  "text",
  "usage",
  "minutes_per_unit",
  "variable_lines",
  "users",
];

function received(value: unknown): string {
  if (value === null) return "nothing (null)";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `\`${value.length > 40 ? `${value.slice(0, 40)}…` : value}\``;
  return `\`${String(value)}\``;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const p of path) v = v && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

export interface Wording {
  readonly path: Path;
  readonly message: string;
  readonly hint?: string;
  readonly atKey?: boolean;
}

/**
 * One zod issue as a problem in plain words. `at` is its full path in the document, `root` the
 * value the issue's own path starts from, `what` names the thing checked ("a model parameter").
 */
export function describeIssue(
  issue: z.core.$ZodIssue,
  at: Path,
  root: unknown,
  what?: string,
  keys: readonly string[] = KNOWN_KEYS,
): Wording {
  const field = String(at[at.length - 1] ?? "");
  const value = valueAt(root, issue.path);
  switch (issue.code) {
    case "invalid_type": {
      const expected = FIELD_WORDS[field] ?? TYPE_WORDS[issue.expected] ?? issue.expected;
      // A missing key has no place of its own: the problem sits at its parent.
      if (value === undefined) return { path: at.slice(0, -1), message: `needs ${expected}` };
      return {
        path: at,
        message: `must be ${TYPE_WORDS[issue.expected] ?? expected}, not ${received(value)}`,
      };
    }
    case "unrecognized_keys": {
      const key = issue.keys[0]!;
      return {
        path: [...at, key],
        atKey: true,
        message: `unknown key \`${key}\`${what ? ` in ${what}` : ""}${didYouMean(key, keys)}`,
      };
    }
    case "too_small":
    case "too_big": {
      const bound = issue.code === "too_small" ? `at least ${issue.minimum}` : `at most ${issue.maximum}`;
      if (issue.origin === "string") {
        if (issue.code === "too_small" && Number(issue.minimum) === 1)
          return { path: at, message: `is empty; it needs ${FIELD_WORDS[field] ?? "a text"}` };
        return { path: at, message: `is too long: ${bound} characters` };
      }
      if (issue.origin === "array") {
        const n = Array.isArray(value) ? value.length : 0;
        return { path: at, message: `has ${n} ${n === 1 ? "entry" : "entries"}; ${bound}` };
      }
      return {
        path: at,
        message: `must be ${issue.code === "too_small" ? "above" : "at most"} ${issue.code === "too_small" ? issue.minimum : issue.maximum}, not ${received(value)}`,
      };
    }
    case "invalid_value":
      return {
        path: at,
        message: `${received(value)} is not one of ${issue.values.map(String).join(", ")}${didYouMean(String(value), issue.values.map(String))}`,
      };
    case "invalid_union": {
      // A value of the right shape that fails inside (`needs: [video]`): that branch's reason.
      const inner = issue.errors.flat().find((i) => i.path.length > 0 || i.code !== "invalid_type");
      if (inner && value !== undefined)
        return describeIssue(inner, [...at, ...(inner.path as Path)], value, what, keys);
      return {
        path: at,
        message: `must be ${FIELD_WORDS[field] ?? "a text, a number or true/false"}, not ${received(value)}`,
      };
    }
    default:
      // Our own messages (regex and refinements) are already in plain words.
      return { path: at, message: issue.message };
  }
}
