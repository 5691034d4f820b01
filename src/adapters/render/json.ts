import type { Estimate } from "../../core/estimate.ts";
import { dec } from "../../core/money.ts";

/** A share or margin as --json has always printed it: a number rounded half-up to 4 places. */
const ratio = (exact: string) => dec(exact).toDecimalPlaces(4).toNumber();

/**
 * An estimate as `--json` prints it (SPEC §4: stable field names). Amounts are decimal strings
 * in the estimate and JSON numbers here, the one place they become numbers; shares and the
 * margin are rounded once, from the exact values, to 4 places as before.
 */
export function estimateJson(e: Estimate): Record<string, unknown> {
  return {
    ...e,
    total: Number(e.total),
    lines: e.lines.map((l) => ({ ...l, amount: Number(l.amount), share: ratio(l.share) })),
    drivers: e.drivers.map((d) => ({ ...d, share: ratio(d.share) })),
    ...(e.revenue ? { revenue: { amount: Number(e.revenue.amount), margin: ratio(e.revenue.margin) } } : {}),
  };
}
