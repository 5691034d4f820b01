import type { BudgetAlert } from "../../app/alerts.ts";

/** The SNS message was not an AWS Budgets notification costbot can read. */
export class MalformedNotificationError extends Error {
  override readonly name = "MalformedNotificationError";
  constructor(
    readonly text: string,
    readonly missing: string,
  ) {
    super(`not an AWS Budgets notification (no ${missing})`);
  }
}

/** AWS Budgets' own rule for budget names: 1 to 100 characters, no ':' or '\\'. */
const AWS_BUDGET_NAME = /^[^:\\]{1,100}$/;

const amount = (text: string | undefined) => text?.replace(/[>$,\s]/g, "").replace(/USD$/i, "");

/**
 * AWS's notifications are about 1 KB, and SNS carries at most 256 KB: anything much larger is
 * not one, and is refused before it is read.
 */
export const MAX_NOTIFICATION_CHARS = 64 * 1024;
const KEY = /^[A-Za-z][A-Za-z ]*$/;
/** At most 13 digits before the point and 6 after: printed to the cent exactly. */
const AMOUNT_SHOWN_EXACTLY = /^0*\d{1,13}(\.\d{1,6})?$/;

/**
 * `Key: value` lines. Split at the first colon and trimmed, in one pass over each line: a
 * single regex with a lazy key and optional spaces on both sides of the colon backtracked
 * quadratically (one line of `a` and 60,000 spaces took 7 s).
 */
function fields(text: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (value && KEY.test(key)) found.set(key.toLowerCase(), value);
  }
  return found;
}

/** JSON with either AWS's field names ("Budget Name") or camelCase ones (budgetName). */
function fromJson(text: string): Map<string, string> | undefined {
  if (!text.trimStart().startsWith("{")) return undefined;
  try {
    const data = JSON.parse(text) as Record<string, unknown>;
    const out = new Map<string, string>();
    for (const [k, v] of Object.entries(data)) {
      const key = k.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
      if (typeof v === "string" || typeof v === "number") out.set(key, String(v));
    }
    return out;
  } catch {
    return undefined;
  }
}

/**
 * Reads an AWS Budgets notification: plain text with `Budget Name:`, `Budgeted Amount:`,
 * `Alert Type:`, `Alert Threshold: > $x` and `ACTUAL Amount:` or `FORECASTED Amount:`
 * lines (monthly and daily budgets word the preamble differently; the fields are the same),
 * or the same fields as JSON.
 */
export function parseBudgetNotification(text: string): BudgetAlert {
  if (text.length > MAX_NOTIFICATION_CHARS)
    throw new MalformedNotificationError(text, `message under ${MAX_NOTIFICATION_CHARS / 1024} KB`);
  const f = fromJson(text) ?? fields(text);
  const need = (key: string) => {
    const v = f.get(key);
    if (!v) throw new MalformedNotificationError(text, key);
    return v;
  };
  const alertType = need("alert type").toUpperCase();
  if (alertType !== "ACTUAL" && alertType !== "FORECASTED")
    throw new MalformedNotificationError(text, "ACTUAL or FORECASTED alert type");
  const money = (key: string) => {
    const v = amount(need(key));
    if (!v || !/^\d+(\.\d+)?$/.test(v)) throw new MalformedNotificationError(text, `number in ${key}`);
    // Alerts print amounts as numbers with cents: past 13 digits a double no longer holds them
    // exactly, and a 400-digit amount printed "∞ USD". No AWS bill comes near 10 trillion USD.
    if (!AMOUNT_SHOWN_EXACTLY.test(v))
      throw new MalformedNotificationError(text, `amount under 10 trillion USD in ${key}`);
    return v;
  };
  const period =
    /for the current (\w+)/i.exec(text)?.[1]?.toLowerCase() ?? f.get("time unit")?.toLowerCase() ?? "month";
  const awsBudgetName = need("budget name");
  // A name AWS could not have produced did not come from AWS Budgets (and would not fit a key).
  if (!AWS_BUDGET_NAME.test(awsBudgetName)) throw new MalformedNotificationError(text, "valid budget name");
  return {
    awsBudgetName,
    alertType,
    budgetedUsd: money("budgeted amount"),
    thresholdUsd: money("alert threshold"),
    amountUsd: money(alertType === "ACTUAL" ? "actual amount" : "forecasted amount"),
    period: period.replace(/ly$/, "").replace(/^dai$/, "day"),
  };
}
