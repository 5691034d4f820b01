import type { Reply } from "../../app/reply.ts";
import type { Estimate } from "../../core/estimate.ts";
import { dec } from "../../core/money.ts";

/** A share or margin rounded half-up once, from the exact value, to 4 places: a decimal string. */
const ratio = (exact: string) => dec(exact).toDecimalPlaces(4).toFixed(4);

/**
 * An estimate as `--json` prints it (README, Using the CLI: stable field names). Every amount stays the
 * decimal string the core made (never a JSON number, which would lose digits past 2^53 and
 * invite float sums), next to the `currency` it is in; shares and the margin are rounded once,
 * from the exact values, to 4 places.
 */
export function estimateJson(e: Estimate): Record<string, unknown> {
  return {
    ...e,
    lines: e.lines.map((l) => ({ ...l, share: ratio(l.share) })),
    drivers: e.drivers.map((d) => ({ ...d, share: ratio(d.share) })),
    ...(e.revenue ? { revenue: { amount: e.revenue.amount, margin: ratio(e.revenue.margin) } } : {}),
  };
}

/**
 * Any reply as `--json` prints it: always one object with the reply's `kind`. A reply about
 * one estimate is that estimate (plus what the command adds, e.g. a what-if's deltas); any
 * other is its structured `data`; a confirmation is its `message`.
 */
export function replyJson(reply: Reply): Record<string, unknown> {
  const data =
    reply.data === undefined
      ? {}
      : typeof reply.data === "object" && reply.data !== null && !Array.isArray(reply.data)
        ? (reply.data as Record<string, unknown>)
        : { items: reply.data };
  if (reply.estimate) return { kind: reply.kind, ...estimateJson(reply.estimate), ...data };
  return {
    kind: reply.kind,
    ...(reply.data === undefined ? { message: reply.summary.replace(/`([^`]*)`/g, "$1") } : {}),
    ...data,
  };
}

/** Why a command failed, as `--json` prints it (on stdout, so a script reads one stream). */
export function errorJson(
  message: string,
  code: string,
  hint?: string,
  data?: unknown,
): Record<string, unknown> {
  const plain = (t: string) => t.replace(/`([^`]*)`/g, "$1");
  // A refused workload model lists its problems ({ path, line, column, message, hint }).
  const details = data && typeof data === "object" && !Array.isArray(data) ? data : {};
  return { error: { message: plain(message), code, ...(hint ? { hint: plain(hint) } : {}), ...details } };
}
