import { type CurrencyCode, type DecimalInput, dec } from "../core/money.ts";

/** "55038.321" → "55,038.32": digits grouped by three, exactly, whatever the size. */
export function grouped(fixed: string): string {
  const [whole = "0", fraction] = fixed.split(".");
  // One pass from the left in slices of three: linear in the digits (a lookahead regex is quadratic).
  const head = whole.length % 3 || 3;
  const groups = [whole.slice(0, head)];
  for (let i = head; i < whole.length; i += 3) groups.push(whole.slice(i, i + 3));
  const digits = groups.join(",");
  return fraction === undefined ? digits : `${digits}.${fraction}`;
}

/**
 * 55038.32 → "55,038.32": an amount rounded half-up to cents once, here, for display.
 * Formatting never feeds back into arithmetic.
 */
export function money(amount: DecimalInput, currency?: CurrencyCode): string {
  const value = dec(amount).toDecimalPlaces(2);
  const text = `${value.isNegative() && !value.isZero() ? "-" : ""}${grouped(value.abs().toFixed(2))}`;
  return currency ? `${text} ${currency}` : text;
}

/** A share (0..1, exact) as a percent rounded half-up once: 0.39245 → "39.2 %". */
export function percent(share: DecimalInput, digits = 1): string {
  return `${dec(share).times(100).toFixed(digits)} %`;
}

export function quantity(text: string): string {
  const n = Number(text);
  if (!Number.isFinite(n)) return text;
  return n.toLocaleString("en-US", { maximumFractionDigits: 4 });
}

/** A change: "+1,203.36", "−7.60", "±0.00". */
export function signed(amount: DecimalInput): string {
  const value = dec(amount).toDecimalPlaces(2);
  if (value.isZero()) return "±0.00";
  return `${value.isPositive() ? "+" : "−"}${money(value.abs())}`;
}

/** A figure that is not money, rounded half-up once and grouped: 5087.26 → "5,087.3". */
export function figure(value: DecimalInput, places = 1): string {
  const d = dec(value).toDecimalPlaces(places);
  return `${d.isNegative() && !d.isZero() ? "-" : ""}${grouped(d.abs().toFixed(places))}`;
}

/**
 * A unit price (per minute, per token) to `digits` significant digits, never rounded to cents:
 * 0.0084 EUR/min stays 0.0084, 12345.678 → "12,346" (4 digits).
 */
export function unitPrice(value: DecimalInput, digits = 4): string {
  const d = dec(value);
  if (d.isZero()) return "0";
  const s = d.toSignificantDigits(digits);
  const places = Math.max(0, s.decimalPlaces());
  return `${s.isNegative() ? "-" : ""}${grouped(s.abs().toFixed(places))}`;
}
