import type { ActualReport } from "../core/actual.ts";
import type { Deps, IdempotencyStore, Logger, Notifier, SavedScenarioSource, TenantStore } from "./ports.ts";
import { actualReply, linesOver } from "./run/actual.ts";
import { DEFAULT_VARIANCE_PERCENT } from "./run/settings.ts";
import { tenantTemplates } from "./workloads.ts";

/** A week's claim outlives any re-run of that week's schedule. */
const CLAIM_TTL_SECONDS = 8 * 24 * 60 * 60;

export interface WeeklyActualDeps {
  readonly scenarios: SavedScenarioSource;
  readonly settings: TenantStore;
  readonly claims: IdempotencyStore;
  readonly notifiers: readonly Notifier[];
  /** What `actual` runs against: the catalog, the store (a team's own workloads), Cost Explorer and its cache. */
  readonly pipeline: Deps;
  readonly log: Logger;
}

export interface WeeklyActualReport {
  readonly posted: readonly string[];
  /** Already posted this week. */
  readonly repeated: number;
  /** Not posted: no notifier for its platform, or Cost Explorer refused (logged). */
  readonly skipped: number;
  /** The post failed; the claim was given back so a re-run posts it. */
  readonly failed: readonly string[];
}

/** "2026-W49": the ISO week of `at`, which names a week's claim. */
export function isoWeek(at: Date): string {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

/** The weekly post's first line: the lines over the tenant's threshold, worst first, or that none is. */
export function varianceLead(report: ActualReport, percent: string): string {
  const over = linesOver(report, percent);
  if (!over.length) return `No line is more than ${percent} % over its estimate.`;
  return `Over its estimate by more than ${percent} %: ${over
    .map((l) => `${l.label} +${l.differencePct} %`)
    .join(", ")}.`;
}

/**
 * Once a week, unasked (README "Actual spend"): `actual` for every tracked scenario saved from
 * chat, posted where it was saved. Each (scenario, week) is claimed before Cost Explorer is
 * asked, so a re-run asks and posts nothing twice; a failed post gives its claim back.
 */
export async function postWeeklyActuals(at: Date, deps: WeeklyActualDeps): Promise<WeeklyActualReport> {
  const week = isoWeek(at);
  // On the 1st no day of the month is over yet: that week's post is about the month just ended.
  const month =
    at.getUTCDate() === 1
      ? new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - 1, 1)).toISOString().slice(0, 7)
      : undefined;
  const posted: string[] = [];
  const failed: string[] = [];
  let repeated = 0;
  let skipped = 0;
  for (const tenant of await deps.scenarios.listTenants()) {
    const tracked = (await deps.scenarios.listSavedScenarios(tenant)).filter(
      (s) => s.tracking && s.savedIn && s.savedIn.platform !== "cli",
    );
    if (!tracked.length) continue;
    const percent = (await deps.settings.getSettings(tenant))?.variancePercent ?? DEFAULT_VARIANCE_PERCENT;
    for (const scenario of tracked) {
      const id = `${tenant}/${scenario.name}`;
      const notifier = deps.notifiers.find((n) => n.platform === scenario.savedIn!.platform);
      if (!notifier) {
        skipped++;
        deps.log.info("weekly actual skipped: platform not configured here", { scenario: id });
        continue;
      }
      const claim = `actual:${tenant}:${scenario.name.toLowerCase()}:${week}`;
      if (!(await deps.claims.claim(claim, CLAIM_TTL_SECONDS))) {
        repeated++;
        continue;
      }
      let reply: Awaited<ReturnType<typeof actualReply>>;
      try {
        const templates = tenantTemplates(tenant, deps.pipeline.store, deps.pipeline.catalog);
        reply = await actualReply(scenario, { month }, templates, deps.pipeline, (report) =>
          varianceLead(report, percent),
        );
      } catch (error) {
        // The claim is kept: Cost Explorer is not asked again this week for a scenario it failed on.
        skipped++;
        deps.log.error("weekly actual not made", { scenario: id, error: String(error) });
        continue;
      }
      if (reply.status !== 0) {
        skipped++;
        deps.log.error("weekly actual refused", { scenario: id, reason: reply.summary });
        continue;
      }
      try {
        await notifier.post(tenant, scenario.savedIn!, reply);
        posted.push(id);
      } catch (error) {
        await deps.claims.release(claim);
        failed.push(id);
        deps.log.error("weekly actual not posted", { scenario: id, error: String(error) });
      }
    }
  }
  return { posted, repeated, skipped, failed };
}
