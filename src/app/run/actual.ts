import {
  type ActualReport,
  type BilledSpend,
  billedServices,
  calibrate,
  compareActual,
  type EstimatedLine,
} from "../../core/actual.ts";
import { UserError } from "../../core/errors.ts";
import { type CurrencyCode, Decimal, dec } from "../../core/money.ts";
import { billMonth, monthName, previousMonth } from "../actual-month.ts";
import { type ActualResult, filterText, renderActual } from "../actual-reply.ts";
import type { Command } from "../commands.ts";
import { requireMember } from "../members.ts";
import {
  type BillFilter,
  ConflictError,
  type Context,
  CostExplorerRefused,
  type Deps,
  type Scenario,
  type SpendQuery,
  type TemplateLookup,
} from "../ports.ts";
import { rateText } from "../present.ts";
import { errorReply, type Reply, textReply } from "../reply.ts";
import { requireWorkload } from "../workloads.ts";

type ActualCommand = Extract<Command, { kind: "track" | "untrack" | "actual" }>;

/** `track`, `untrack` and `actual` (README "Actual spend"). */
export async function runActualCommand(
  command: ActualCommand,
  templates: TemplateLookup,
  ctx: Context,
  deps: Deps,
): Promise<Reply> {
  switch (command.kind) {
    case "track":
      return runTrack(command, ctx, deps);
    case "untrack":
      return runUntrack(command.name, ctx, deps);
    case "actual": {
      const scenario = await mustGet(command.name, ctx, deps);
      return actualReply(
        scenario,
        { month: command.month, currency: command.options.currency },
        templates,
        deps,
      );
    }
  }
}

async function mustGet(name: string, ctx: Context, deps: Deps): Promise<Scenario> {
  const scenario = await deps.store.getScenario(ctx.tenant, name);
  if (!scenario) throw new UserError(`no saved scenario \`${name}\``, "`list` shows the saved ones");
  return scenario;
}

/**
 * Only the tenant's own people may link its scenarios to an AWS bill: a person must be named, and
 * the command must come from the tenant's own platform (a tenant is "<platform>:<id>").
 */
function requireTenantMember(ctx: Context): void {
  requireMember(ctx, "link scenarios to an AWS bill");
  if (!ctx.user || !ctx.tenant.startsWith(`${ctx.surface}:`))
    throw new UserError("only members of this workspace may link its scenarios to an AWS bill");
}

async function runTrack(
  command: Extract<Command, { kind: "track" }>,
  ctx: Context,
  deps: Deps,
): Promise<Reply> {
  requireTenantMember(ctx);
  const scenario = await mustGet(command.name, ctx, deps);
  const filter: BillFilter = {
    ...(command.tag ? { tag: command.tag } : {}),
    ...(command.account ? { account: command.account } : {}),
  };
  const { version, ...rest } = scenario;
  await deps.store
    .putScenario(
      { ...rest, tracking: { ...filter, by: ctx.user, at: deps.clock.now().toISOString() } },
      version,
    )
    .catch((error: unknown) => {
      if (error instanceof ConflictError)
        throw new UserError(`\`${scenario.name}\` was changed by someone just now; try again`);
      throw error;
    });
  const where = scenario.savedIn ? "; each week its thread gets it unasked" : "";
  return {
    ...textReply(
      "scenario",
      `\`${scenario.name}\` is linked to the AWS bill under ${filterText(filter)}. \`actual ${scenario.name}\` sets its estimate beside the bill${where}.`,
    ),
    ...(filter.tag
      ? {
          blocks: [
            {
              type: "text",
              text: `\`${scenario.name}\` is linked to the AWS bill under ${filterText(filter)}. \`actual ${scenario.name}\` sets its estimate beside the bill${where}.`,
            },
            {
              type: "context",
              text: `Cost Explorer sees the tag \`${filter.tag.key}\` only once it is activated as a cost-allocation tag (Billing console), and only for spend after that.`,
            },
          ],
        }
      : {}),
    data: { scenario: scenario.name, filter },
  };
}

async function runUntrack(name: string, ctx: Context, deps: Deps): Promise<Reply> {
  requireTenantMember(ctx);
  const scenario = await mustGet(name, ctx, deps);
  if (!scenario.tracking) return textReply("scenario", `\`${scenario.name}\` was not linked to an AWS bill.`);
  const { version, tracking: _, ...rest } = scenario;
  await deps.store.putScenario(rest, version).catch((error: unknown) => {
    if (error instanceof ConflictError)
      throw new UserError(`\`${scenario.name}\` was changed by someone just now; try again`);
    throw error;
  });
  return textReply(
    "scenario",
    `\`${scenario.name}\` is no longer linked to an AWS bill; no weekly actual for it.`,
  );
}

const filterKey = (filter: BillFilter) =>
  [
    filter.tag ? `tag=${filter.tag.key}:${filter.tag.value}` : "",
    filter.account ? `account=${filter.account}` : "",
  ]
    .filter(Boolean)
    .join("&");

/**
 * Cost Explorer's answer for one filter and month, asked at most once a day per tenant (the cache),
 * since each request is charged. A current month also asks for the forecast of its remaining days.
 */
async function billedSpend(
  tenant: string,
  filter: BillFilter,
  period: ReturnType<typeof billMonth>,
  deps: Deps,
): Promise<BilledSpend> {
  const explorer = deps.costExplorer;
  if (!explorer)
    throw new UserError(
      "actual spend needs Cost Explorer, which is not set up here",
      "in the CLI: AWS credentials allowed ce:GetCostAndUsage and ce:GetCostForecast",
    );
  const key = `${filterKey(filter)}#${period.month}#${period.today}`;
  const cached = await deps.spendCache?.getSpend(tenant, key);
  if (cached !== undefined) return JSON.parse(cached) as BilledSpend;
  const query: SpendQuery = { start: period.start, end: period.end, filter };
  deps.log.info("cost explorer request", { tenant, operation: "GetCostAndUsage", month: period.month });
  const services = await explorer.spendByService(query);
  let forecastRestUsd: string | undefined;
  if (period.daysElapsed < period.daysInMonth) {
    const next = new Date(Date.UTC(Number(period.month.slice(0, 4)), Number(period.month.slice(5, 7)), 1));
    deps.log.info("cost explorer request", { tenant, operation: "GetCostForecast", month: period.month });
    forecastRestUsd = await explorer.forecast({
      start: period.today,
      end: next.toISOString().slice(0, 10),
      filter,
    });
  }
  const spend: BilledSpend = { services, ...(forecastRestUsd !== undefined ? { forecastRestUsd } : {}) };
  // Kept until the end of the next UTC day at most: a later day asks again.
  const tomorrow = Date.UTC(
    deps.clock.now().getUTCFullYear(),
    deps.clock.now().getUTCMonth(),
    deps.clock.now().getUTCDate() + 1,
  );
  await deps.spendCache?.putSpend(tenant, key, JSON.stringify(spend), Math.floor(tomorrow / 1000) + 86_400);
  return spend;
}

/** Units of `currency` per USD, from the catalog, with the text that names the rate. */
function rateFor(currency: CurrencyCode, deps: Deps): { perUsd: Decimal; text?: string } {
  if (currency === "USD") return { perUsd: new Decimal(1) };
  const entry = deps.catalog.rateEntries.find((r) => r.currency === currency);
  return {
    perUsd: dec(deps.catalog.rates[currency]),
    ...(entry ? { text: rateText({ ...entry, perUsd: String(entry.perUsd) }) } : {}),
  };
}

/** The full `actual` answer for a tracked scenario: the estimate's lines beside Cost Explorer's. */
export async function actualReport(
  scenario: Scenario,
  asked: { readonly month?: string | undefined; readonly currency?: CurrencyCode | undefined },
  templates: TemplateLookup,
  deps: Deps,
): Promise<ActualResult & { readonly notes: string[] }> {
  if (!scenario.tracking)
    throw new UserError(
      `\`${scenario.name}\` is not linked to an AWS bill`,
      `\`track ${scenario.name} tag=<key>:<value>\` or \`track ${scenario.name} account=<12 digits>\` links it`,
    );
  const period = billMonth(scenario, asked.month, deps.clock.now());
  const snapshot = scenario.estimate;
  const currency = asked.currency ?? snapshot.currency;
  const display = rateFor(currency, deps);
  // The estimate in the reply's currency: through USD at the rate it was saved with.
  const savedPerUsd =
    snapshot.currency === "USD"
      ? new Decimal(1)
      : dec(snapshot.rate?.perUsd ?? deps.catalog.rates[snapshot.currency]);
  const toDisplay = (amount: string) =>
    snapshot.currency === currency ? dec(amount) : dec(amount).div(savedPerUsd).times(display.perUsd);

  // The one workload lookup: the built-in, or the tenant's own model as it is now.
  const { template, version: versionNow } = await requireWorkload(templates, scenario.input.template);
  const changed =
    versionNow !== undefined &&
    scenario.input.workloadVersion !== undefined &&
    versionNow !== scenario.input.workloadVersion;
  const estimated: EstimatedLine[] = snapshot.lines.map((l) => ({
    id: l.id,
    label: l.label,
    amount: toDisplay(l.amount),
    services: billedServices(template, l.id, snapshot.params, deps.catalog),
  }));
  const notes: string[] = [];
  if (changed)
    notes.push(
      `The workload \`${scenario.input.template}\` has changed since: this estimate was made with version ${scenario.input.workloadVersion}, it is version ${versionNow} now. The lines are as estimated then.`,
    );
  if (period.daysElapsed === 0) {
    const spend: BilledSpend = { services: [] };
    const report = compareActual(estimated, spend, period, display.perUsd);
    notes.push(
      `No whole day of ${monthName(period.month)} is over yet, so Cost Explorer has nothing for it; \`actual ${scenario.name} month=${previousMonth(period.month)}\` shows last month.`,
    );
    return { report, currency, notes, ...(display.text ? { rate: display.text } : {}) };
  }
  const spend = await billedSpend(scenario.tenant, scenario.tracking, period, deps);
  const compared = compareActual(estimated, spend, period, display.perUsd);
  // The line furthest from its estimate that one parameter explains (none when the model changed since).
  const candidates = compared.lines
    .filter((l) => !l.id.includes("+") && l.projected !== null && !dec(l.difference!).isZero())
    .sort((a, b) => dec(b.difference!).abs().comparedTo(dec(a.difference!).abs()));
  let calibration: ReturnType<typeof calibrate>;
  for (const l of changed ? [] : candidates) {
    calibration = calibrate(template, snapshot.params, deps.catalog, {
      id: l.id,
      label: l.label,
      estimate: dec(l.estimate),
      projected: dec(l.projected!),
    });
    if (calibration) break;
  }
  return {
    report: { ...compared, ...(calibration ? { calibration } : {}) },
    currency,
    notes,
    ...(display.text ? { rate: display.text } : {}),
  };
}

/** Lines more than `percent` over their estimate, worst first: what the weekly post names first. */
export function linesOver(report: ActualReport, percent: string): ActualReport["lines"] {
  return report.lines
    .filter((l) => l.differencePct !== null && dec(l.differencePct).gt(percent))
    .sort((a, b) => dec(b.differencePct!).comparedTo(dec(a.differencePct!)));
}

/** `actual <scenario>` as a Reply; `lead` (the weekly post's variance line) goes first. */
export async function actualReply(
  scenario: Scenario,
  asked: { readonly month?: string | undefined; readonly currency?: CurrencyCode | undefined },
  templates: TemplateLookup,
  deps: Deps,
  lead?: (report: ActualReport) => string | undefined,
): Promise<Reply> {
  let result: ActualResult;
  try {
    result = await actualReport(scenario, asked, templates, deps);
  } catch (error) {
    if (error instanceof CostExplorerRefused)
      return { ...errorReply(error.message), code: "unavailable", status: 1 };
    throw error;
  }
  return renderActual(scenario, result, lead?.(result.report));
}
