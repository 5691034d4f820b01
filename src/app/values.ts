import { UserError } from "../core/errors.ts";
import { Decimal, looksLikeAmount, parseAmount } from "../core/money.ts";
import type { Value } from "../core/params.ts";

const NUMBER = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)([kmb])?$/i;
const PERCENT = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))%$/;
const NAME = /^[\p{L}\p{N}][\p{L}\p{N}._:/-]*$/u;
const SUFFIX: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9 };

function numberText(text: string): string | undefined {
  const m = NUMBER.exec(text);
  if (!m) return undefined;
  const scale = m[2] ? SUFFIX[m[2].toLowerCase()]! : 1;
  const value = new Decimal(m[1]!).times(scale);
  // Past decimal.js's exponent limit a number becomes Infinity: not a number costbot can use.
  return value.isFinite() ? value.toString() : undefined;
}

/** One value of the command language: 1000, 1.5M, 40%, 100TWD, true, nova-pro. */
export function parseValue(key: string, text: string): Value {
  if (text === "") throw new UserError(`\`${key}=\` has no value`);
  if (/^(true|false)$/i.test(text)) return { kind: "boolean", value: text.toLowerCase() === "true", text };
  const n = numberText(text);
  if (n !== undefined) return { kind: "number", value: n, text };
  const pct = PERCENT.exec(text);
  if (pct) return { kind: "percent", value: new Decimal(pct[1]!).div(100).toString(), text };
  // Amounts have one grammar, core's (parseAmount), shared with workload files and help.
  if (looksLikeAmount(text)) {
    const money = parseAmount(text);
    if ("reason" in money) throw new UserError(`\`${key}=${text}\`: ${money.reason}`);
    return { kind: "amount", value: money.amount.toString(), currency: money.currency, text };
  }
  if (/^[+-]?[\d.,]+$/.test(text) && text.includes(",")) {
    throw new UserError(
      `\`${key}=${text}\`: lists are only accepted by sweep and compare; write the number without separators (${text.replaceAll(",", "")})`,
    );
  }
  // `3.5-sonnet` is a model's name that starts with a digit; `5x` is a mistyped number.
  if (/^[+-]?[\d.]/.test(text) && !(/[a-z]{2}/i.test(text) && NAME.test(text)))
    throw new UserError(`\`${key}=${text}\` is not a number (try 1000, 1.5M, 40%)`);
  if (NAME.test(text)) return { kind: "name", value: text.toLowerCase(), text };
  throw new UserError(`\`${key}=${truncate(text)}\` is not a value costbot understands`);
}

/**
 * The shortest text that parses back to the same value (`5k` → `5000`, `0040%` → `40%`), for
 * what is kept in storage; never longer than what was written.
 */
export function canonicalText(value: Value): string {
  const canonical = (() => {
    switch (value.kind) {
      case "number":
        return new Decimal(value.value).toString();
      case "percent":
        return `${new Decimal(value.value).times(100).toFixed()}%`;
      case "amount":
        return `${new Decimal(value.value).toFixed()}${value.currency}`;
      case "boolean":
        return String(value.value);
      case "name":
        return value.value;
    }
  })();
  return canonical.length < value.text.length ? canonical : value.text;
}

/** `a,b,c` for a setting that takes a few values (plan's prices, a budget's thresholds): counted before parsing. */
export function parseValues(key: string, text: string, max: number): Value[] {
  const parts = text.split(",", max + 1);
  if (parts.length > max) throw new UserError(`\`${key}=\` takes at most ${max} values`);
  return parts.map((p) => parseValue(key, p.trim()));
}

/** `a,b,c` for compare and sweep, or `a..b[:step]` for sweep. */
export function parseList(key: string, text: string, allowRange: boolean, maxPoints: number): Value[] {
  const range = /^([^.]+(?:\.\d+)?)\.\.([^:]+)(?::(.+))?$/.exec(text);
  if (range && allowRange) return expandRange(key, range[1]!, range[2]!, range[3], maxPoints);
  const parts = text.split(",");
  if (parts.length < 2)
    throw new UserError(`\`${key}=${truncate(text)}\` needs several values: a,b,c or a..b[:step]`);
  if (parts.length > maxPoints) throw new UserError(`at most ${maxPoints} values (got ${parts.length})`);
  return parts.map((p) => parseValue(key, p.trim()));
}

/**
 * Significant digits every point of a range must fit in: one fewer than costbot computes with,
 * so that `to − from` and `i × step` are exact too (a range across zero needs one digit more).
 */
export const RANGE_DIGITS = Decimal.precision - 1;

/** Positions (powers of ten) of a number's most and least significant digits; none for zero. */
function digitSpan(d: Decimal): { msd: number; lsd: number } | undefined {
  if (d.isZero()) return undefined;
  return { msd: d.e, lsd: d.e - d.sd() + 1 };
}

function expandRange(
  key: string,
  fromText: string,
  toText: string,
  stepText: string | undefined,
  maxPoints: number,
) {
  const num = (t: string) => {
    const v = numberText(t);
    if (v === undefined)
      throw new UserError(
        `\`${key}=${truncate(fromText)}..${truncate(toText)}\`: ${truncate(t)} is not a number`,
      );
    return new Decimal(v);
  };
  const from = num(fromText);
  const to = num(toText);
  if (to.lte(from))
    throw new UserError(`\`${key}\`: a range goes up (${truncate(fromText)}..${truncate(toText)} does not)`);
  const step = stepText ? num(stepText) : undefined;
  if (step?.lte(0)) throw new UserError(`\`${key}\`: the step must be more than zero`);
  // Every point is from + i × step: it is a multiple of the smallest digit of from, to and the
  // step, and no larger than the larger end. If that needs more digits than costbot computes
  // with, the points would round onto each other (1e39 + 0.03 is 1e39), so refuse up front.
  const spans = [from, to, ...(step ? [step] : [])].map(digitSpan).filter((s) => s !== undefined);
  const digits = Math.max(...spans.map((s) => s.msd)) - Math.min(...spans.map((s) => s.lsd)) + 1;
  if (digits > RANGE_DIGITS) {
    throw new UserError(
      `\`${key}=${truncate(fromText)}..${truncate(toText)}${stepText ? `:${truncate(stepText)}` : ""}\` needs ${digits} significant digits; at most ${RANGE_DIGITS}`,
      "use a larger step or a narrower range",
    );
  }
  const range = `${truncate(fromText)}..${truncate(toText)}`;
  return step ? byStep(key, range, from, to, step, maxPoints) : tenths(key, range, from, to);
}

/** from, from + step, … up to `to`: exact, since expandRange checked the digits. */
function byStep(
  key: string,
  range: string,
  from: Decimal,
  to: Decimal,
  step: Decimal,
  maxPoints: number,
): Value[] {
  // Integer division is exact (no rounding to the precision) and, with the digits bounded, small.
  const count = to.minus(from).divToInt(step).plus(1);
  if (count.gt(maxPoints))
    throw new UserError(`\`${key}=${range}\` gives ${count} points; at most ${maxPoints}`);
  return Array.from({ length: count.toNumber() }, (_, i) => {
    const text = from.plus(step.times(i)).toString();
    return { kind: "number" as const, value: text, text };
  });
}

/** Without a step: ten points from `from` to `to`, shown to 6 decimals; they must all differ. */
function tenths(key: string, range: string, from: Decimal, to: Decimal): Value[] {
  const width = to.minus(from);
  const values = Array.from({ length: 10 }, (_, i) => from.plus(width.times(i).div(9)).toDecimalPlaces(6));
  if (values.some((v, i) => i > 0 && v.lte(values[i - 1]!))) {
    throw new UserError(
      `\`${key}=${range}\` is too narrow for ten distinct points`,
      "give a step, e.g. `users=1000..10000:1000`",
    );
  }
  return values.map((v) => ({ kind: "number" as const, value: v.toString(), text: v.toString() }));
}

export function truncate(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
