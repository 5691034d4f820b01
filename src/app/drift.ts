import type { Catalog } from "../core/catalog/index.ts";
import type { Estimate } from "../core/estimate.ts";
import { Decimal, type DecimalInput, dec } from "../core/money.ts";
import { money, signed } from "./format.ts";
import type {
  IdempotencyStore,
  Logger,
  Notifier,
  SavedScenarioSource,
  Scenario,
  TenantStore,
} from "./ports.ts";
import type { Reply } from "./reply.ts";
import { priceSaved, totalDelta } from "./scenario.ts";
import { builtInTemplates } from "./workloads.ts";

/**
 * Drift notices: after a price refresh, every saved scenario is re-priced against the prices in
 * force before the refresh and after it; one whose total moved by more than its tenant's
 * threshold gets one message where it was saved (its Slack thread, its Teams conversation),
 * once per scenario per overlay date.
 */

/** The threshold when a tenant has not set one (`settings drift=10%`), in percent. */
export const DEFAULT_DRIFT_PERCENT = "5";
/** A notice's claim outlives any re-run of the same day's refresh. */
const CLAIM_TTL_SECONDS = 8 * 24 * 3600;

export interface DriftDeps {
  readonly scenarios: SavedScenarioSource;
  readonly settings: Pick<TenantStore, "getSettings">;
  /** Claims `drift:<tenant>:<scenario>:<date>`: a re-run posts nothing twice. */
  readonly claims: IdempotencyStore;
  readonly notifiers: readonly Notifier[];
  readonly log: Logger;
}

export interface DriftReport {
  /** Saved-from-chat scenarios re-priced. */
  readonly checked: number;
  /** `tenant/name` of each scenario that got its notice now. */
  readonly notified: readonly string[];
  /** Moved, but already notified for this date. */
  readonly repeated: number;
  /** Could not be notified (no notifier for the platform, a scenario that no longer prices). */
  readonly skipped: number;
  /** The post failed; the claim was given back so a re-run posts it. */
  readonly failed: readonly string[];
}

/** How far a total moved, in percent of the old one; undefined when both are zero. */
export function movePercent(before: DecimalInput, after: DecimalInput): Decimal | undefined {
  const old = dec(before);
  const now = dec(after);
  if (old.isZero()) return now.isZero() ? new Decimal(0) : undefined;
  return now.minus(old).abs().div(old.abs()).times(100);
}

/** True when the move is more than the threshold (a total that left zero always is). */
export function movedMoreThan(before: Estimate, after: Estimate, thresholdPercent: DecimalInput): boolean {
  const move = movePercent(before.total, after.total);
  return move === undefined || move.gt(thresholdPercent);
}

/** The notice: old and new totals, the lines that moved, the prices that changed. */
export function driftNotice(
  scenario: Scenario,
  before: Estimate,
  after: Estimate,
  thresholdPercent: string,
  date: string,
): Reply {
  const currency = after.currency;
  const move = movePercent(before.total, after.total);
  const change = totalDelta(before, after);
  const sign = change.isNegative() ? "−" : "+";
  const moveText = move === undefined ? "from zero" : `${sign}${move.toFixed(1)} %`;
  const headline = `Prices moved \`${scenario.name}\`: ${money(before.total)} → ${money(after.total)} ${currency} / month (${moveText})`;
  const ids = [...new Set([...before.lines.map((l) => l.id), ...after.lines.map((l) => l.id)])];
  const rows = ids.flatMap((id) => {
    const a = before.lines.find((l) => l.id === id);
    const b = after.lines.find((l) => l.id === id);
    const lineChange = dec(b?.amount ?? 0).minus(a?.amount ?? 0);
    if (lineChange.isZero()) return [];
    return [[(b ?? a)!.label, money(a?.amount ?? 0), money(b?.amount ?? 0), signed(lineChange)]];
  });
  const prices = after.sources.flatMap((s) => {
    const old = before.sources.find((o) => o.key === s.key);
    return old && old.price !== s.price ? [`${s.key}: ${old.price} → ${s.price}`] : [];
  });
  return {
    kind: "scenario",
    visibility: "channel",
    summary: headline.replaceAll("`", ""),
    blocks: [
      { type: "heading", text: headline },
      {
        type: "text",
        text: `The price refresh of ${date} moved this saved scenario by more than ${thresholdPercent} % (\`settings drift=10%\` sets the threshold).`,
      },
      {
        type: "table",
        columns: [
          { header: "Line", align: "left" },
          { header: `Before (${currency})`, align: "right" },
          { header: `After (${currency})`, align: "right" },
          { header: "Change", align: "right" },
        ],
        rows: [...rows, ["Total", money(before.total), money(after.total), signed(change)]],
      },
      ...(prices.length ? [{ type: "notes" as const, items: prices }] : []),
      {
        type: "context",
        text: `Saved as \`${scenario.name}\` by ${scenario.createdBy} on ${scenario.createdAt.slice(0, 10)}; \`show ${scenario.name}\` re-prices it.`,
      },
    ],
    status: 0,
  };
}

/**
 * Re-prices every scenario saved from chat with `before` and `after` (the catalogs in force
 * before and after the refresh of `date`) and posts a notice for each that moved by more than
 * its tenant's threshold. A failed post gives its claim back and is reported, so a re-run
 * (Lambda's retry of the scheduled invocation) posts only what is missing.
 */
export async function notifyDrift(
  before: Catalog,
  after: Catalog,
  date: string,
  deps: DriftDeps,
): Promise<DriftReport> {
  let checked = 0;
  let repeated = 0;
  let skipped = 0;
  const notified: string[] = [];
  const failed: string[] = [];
  for (const tenant of await deps.scenarios.listTenants()) {
    const saved = (await deps.scenarios.listSavedScenarios(tenant)).filter(
      (s) => s.savedIn && s.savedIn.platform !== "cli",
    );
    if (!saved.length) continue;
    const threshold = (await deps.settings.getSettings(tenant))?.driftPercent ?? DEFAULT_DRIFT_PERCENT;
    for (const scenario of saved) {
      const id = `${tenant}/${scenario.name}`;
      let old: Estimate;
      let now: Estimate;
      try {
        // The built-ins only: a scenario of a team's own workload is skipped (DriftDeps has no store of them).
        old = (await priceSaved(scenario.input, builtInTemplates, before)).estimate;
        now = (await priceSaved(scenario.input, builtInTemplates, after)).estimate;
      } catch (error) {
        // A template renamed since it was saved: nothing to compare, and nothing a retry fixes.
        skipped++;
        deps.log.error("saved scenario not re-priced for drift", { scenario: id, error: String(error) });
        continue;
      }
      checked++;
      if (!movedMoreThan(old, now, threshold)) continue;
      const notifier = deps.notifiers.find((n) => n.platform === scenario.savedIn!.platform);
      if (!notifier) {
        skipped++;
        deps.log.info("drift notice skipped: platform not configured here", {
          scenario: id,
          platform: scenario.savedIn!.platform,
        });
        continue;
      }
      const claim = `drift:${tenant}:${scenario.name.toLowerCase()}:${date}`;
      if (!(await deps.claims.claim(claim, CLAIM_TTL_SECONDS))) {
        repeated++;
        continue;
      }
      try {
        await notifier.post(tenant, scenario.savedIn!, driftNotice(scenario, old, now, threshold, date));
        notified.push(id);
      } catch (error) {
        await deps.claims.release(claim);
        failed.push(id);
        deps.log.error("drift notice not posted", { scenario: id, error: String(error) });
      }
    }
  }
  return { checked, notified, repeated, skipped, failed };
}
