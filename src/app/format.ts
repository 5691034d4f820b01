import type { CurrencyCode } from "../core/money.ts";

/** 55038.32 → "55,038.32"; formatting never feeds back into arithmetic. */
export function money(amount: number, currency?: CurrencyCode): string {
  const text = amount.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return currency ? `${text} ${currency}` : text;
}

export function percent(share: number, digits = 1): string {
  return `${(share * 100).toFixed(digits)} %`;
}

export function quantity(text: string): string {
  const n = Number(text);
  if (!Number.isFinite(n)) return text;
  return n.toLocaleString("en-US", { maximumFractionDigits: 4 });
}

export function signed(amount: number): string {
  if (amount === 0) return "±0.00";
  return `${amount > 0 ? "+" : "−"}${money(Math.abs(amount))}`;
}
