import { UserError } from "../core/errors.ts";
import { CURRENCIES, Decimal, isCurrency } from "../core/money.ts";
import type { Value } from "../core/params.ts";

const NUMBER = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)([kmb])?$/i;
const PERCENT = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))%$/;
const AMOUNT = /^\$?([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[kmb])?)([a-z]{3})$/i;
const DOLLARS = /^\$([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[kmb])?)$/i;
const NAME = /^[\p{L}\p{N}][\p{L}\p{N}._:/-]*$/u;
const SUFFIX: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9 };

function numberText(text: string): string | undefined {
  const m = NUMBER.exec(text);
  if (!m) return undefined;
  const scale = m[2] ? SUFFIX[m[2].toLowerCase()]! : 1;
  return new Decimal(m[1]!).times(scale).toString();
}

/** One value of the command language: 1000, 1.5M, 40%, 100TWD, true, nova-pro. */
export function parseValue(key: string, text: string): Value {
  if (text === "") throw new UserError(`\`${key}=\` has no value`);
  if (/^(true|false)$/i.test(text)) return { kind: "boolean", value: text.toLowerCase() === "true", text };
  const n = numberText(text);
  if (n !== undefined) return { kind: "number", value: n, text };
  const pct = PERCENT.exec(text);
  if (pct) return { kind: "percent", value: new Decimal(pct[1]!).div(100).toString(), text };
  const dollars = DOLLARS.exec(text);
  if (dollars) return { kind: "amount", value: numberText(dollars[1]!)!, currency: "USD", text };
  const amt = AMOUNT.exec(text);
  if (amt) {
    const code = amt[2]!.toUpperCase();
    if (!isCurrency(code)) {
      throw new UserError(`\`${key}=${text}\`: unknown currency ${code}; use ${CURRENCIES.join(", ")}`);
    }
    return { kind: "amount", value: numberText(amt[1]!)!, currency: code, text };
  }
  if (/^[+-]?[\d.,]+$/.test(text) && text.includes(",")) {
    throw new UserError(
      `\`${key}=${text}\`: lists are only accepted by sweep and compare; write the number without separators (${text.replaceAll(",", "")})`,
    );
  }
  if (/^[+-]?[\d.]/.test(text))
    throw new UserError(`\`${key}=${text}\` is not a number (try 1000, 1.5M, 40%)`);
  if (NAME.test(text)) return { kind: "name", value: text.toLowerCase(), text };
  throw new UserError(`\`${key}=${truncate(text)}\` is not a value costbot understands`);
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

function expandRange(
  key: string,
  fromText: string,
  toText: string,
  stepText: string | undefined,
  maxPoints: number,
) {
  const num = (t: string) => {
    const v = numberText(t);
    if (v === undefined) throw new UserError(`\`${key}=${fromText}..${toText}\`: ${t} is not a number`);
    return new Decimal(v);
  };
  const from = num(fromText);
  const to = num(toText);
  if (to.lte(from)) throw new UserError(`\`${key}\`: a range goes up (${fromText}..${toText} does not)`);
  const step = stepText ? num(stepText) : to.minus(from).div(9);
  if (step.lte(0)) throw new UserError(`\`${key}\`: the step must be more than zero`);
  const count = to.minus(from).div(step).floor().plus(1);
  if (count.gt(maxPoints)) {
    throw new UserError(`\`${key}=${fromText}..${toText}\` gives ${count} points; at most ${maxPoints}`);
  }
  const values: Value[] = [];
  for (let v = from; v.lte(to); v = v.plus(step)) {
    const text = v.toDecimalPlaces(6).toString();
    values.push({ kind: "number", value: text, text });
  }
  return values;
}

export function truncate(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
