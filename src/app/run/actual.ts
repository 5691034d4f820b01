import {
  type ActualReport,
  type BilledSpend,
  type BillMonth,
  billedServices,
  calibrate,
  compareActual,
  type EstimatedLine,
} from "../../core/actual.ts";
import { UserError } from "../../core/errors.ts";
import { type CurrencyCode, Decimal, dec } from "../../core/money.ts";
import type { Command } from "../commands.ts";
import { figure, money, signed } from "../format.ts";
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
import { type Block, errorReply, type Reply, textReply } from "../reply.ts";
import { requireWorkload } from "../workloads.ts";

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
/** Cost Explorer keeps 13 months of history (README "Actual spend"). */
const HISTORY_MONTHS = 13;

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

/** "tag app=voice and account 123456789012": a filter as people read it. */
export function filterText(filter: BillFilter): string {
  return [
    ...(filter.tag ? [`tag ${filter.tag.key}=${filter.tag.value}`] : []),
    ...(filter.account ? [`account ${filter.account}`] : []),
  ].join(" and ");
}

/**
 * Only the tenant's own people may link its scenarios to an AWS bill: a person must be named, and
 * the command must come from the tenant's own platform (a tenant is "<platform>:<id>").
 */
function requireTenantMember(ctx: Context): void {
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

/** Which month, and how much of it is over, as of `now` (UTC, as Cost Explorer's days are). */
export function billMonth(
  scenario: Scenario,
  asked: string | undefined,
  now: Date,
): BillMonth & { start: string; end: string; today: string } {
  const today = now.toISOString().slice(0, 10);
  const current = today.slice(0, 7);
  const month = asked ?? current;
  const [year, m] = month.split("-").map(Number) as [number, number];
  const index = (y: number, mo: number) => y * 12 + mo - 1;
  const ago = index(now.getUTCFullYear(), now.getUTCMonth() + 1) - index(year, m);
  if (ago < 0) throw new UserError(`${monthName(month)} has not begun; the latest is ${monthName(current)}`);
  if (ago >= HISTORY_MONTHS)
    throw new UserError(
      `Cost Explorer keeps ${HISTORY_MONTHS} months of spend: ${monthName(month)} is too long ago`,
    );
  const saved = scenario.createdAt.slice(0, 7);
  if (month < saved)
    throw new UserError(
      `\`${scenario.name}\` was saved on ${scenario.createdAt.slice(0, 10)}: there was no estimate for ${monthName(month)}`,
      `try \`actual ${scenario.name} month=${saved}\``,
    );
  const daysInMonth = new Date(Date.UTC(year, m, 0)).getUTCDate();
  const next = new Date(Date.UTC(year, m, 1)).toISOString().slice(0, 10);
  const complete = ago > 0;
  return {
    month,
    daysInMonth,
    daysElapsed: complete ? daysInMonth : now.getUTCDate() - 1,
    start: `${month}-01`,
    end: complete ? next : today,
    today,
  };
}

export const monthName = (month: string) =>
  `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;

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
): Promise<{ report: ActualReport; currency: CurrencyCode; notes: string[]; rate?: string }> {
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

function previousMonth(month: string): string {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 2, 1));
  return d.toISOString().slice(0, 7);
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
  let result: Awaited<ReturnType<typeof actualReport>>;
  try {
    result = await actualReport(scenario, asked, templates, deps);
  } catch (error) {
    if (error instanceof CostExplorerRefused)
      return { ...errorReply(error.message), code: "unavailable", status: 1 };
    throw error;
  }
  return renderActual(scenario, result, lead?.(result.report));
}

/** "+13.0 %", "−3.5 %", "±0.0 %": a difference in percent, signed as amounts are. */
function percentText(pct: string): string {
  const d = dec(pct);
  if (d.isZero()) return "±0.0 %";
  return `${d.isPositive() ? "+" : "−"}${d.abs().toFixed(1)} %`;
}

/** The reply: heading, lead, chart of estimate beside actual, notes, context, then the table. */
export function renderActual(
  scenario: Scenario,
  { report, currency, notes, rate }: Awaited<ReturnType<typeof actualReport>>,
  lead?: string,
): Reply {
  const filter: BillFilter = scenario.tracking ?? {};
  const when = monthName(report.month);
  const seen = report.complete ? "actual" : "projected";
  const headline = `${scenario.name}, ${when}: ${seen} ${money(report.complete ? report.total.actual : report.total.projected, currency)} against an estimate of ${money(report.total.estimate, currency)}`;
  const billed = report.lines.filter((l) => l.actual !== null);
  const shown = (l: ActualReport["lines"][number]) => dec(report.complete ? l.actual! : l.projected!);
  const max = Decimal.max(1e-9, ...billed.flatMap((l) => [dec(l.estimate), shown(l)]));
  const blocks: Block[] = [{ type: "heading", text: headline }];
  if (lead) blocks.push({ type: "text", text: lead });
  if (billed.length)
    blocks.push({
      type: "bars",
      items: billed.flatMap((l) => [
        {
          label: `${l.label} · estimate`,
          share: dec(l.estimate).div(max).toNumber(),
          value: money(l.estimate),
        },
        { label: `${l.label} · ${seen}`, share: shown(l).div(max).toNumber(), value: money(shown(l)) },
      ]),
      chart: {
        kind: "bar",
        title: `Estimate and ${seen} spend, ${currency}`,
        xLabel: "line",
        yLabel: currency,
        categories: billed.map((l) => l.label),
        series: [
          { name: "estimate", values: billed.map((l) => dec(l.estimate).toNumber()) },
          { name: seen, values: billed.map((l) => shown(l).toNumber()) },
        ],
      },
    });
  const said = [...notes];
  const zero = dec(report.total.actual).isZero() && report.daysElapsed > 0;
  if (zero)
    said.push(
      `Cost Explorer found no spend under ${filterText(filter)} in ${when}. That is an answer, not an error: check the tag is activated as a cost-allocation tag, or the account id.`,
    );
  if (report.unmatched.length)
    said.push(
      `Other AWS spend under ${filterText(filter)} that no line claims: ${report.unmatched.map((u) => `${u.service} ${money(u.actual)}`).join(", ")}.`,
    );
  const absent = report.lines.filter((l) => l.actual === null);
  if (absent.length) said.push(`Not in the AWS bill: ${absent.map((l) => l.label).join(", ")}.`);
  if (report.total.forecast !== null)
    said.push(
      `Cost Explorer forecasts ${money(report.total.forecast, currency)} for all of ${when} under this filter.`,
    );
  if (report.calibration) {
    const c = report.calibration;
    said.push(
      `The ${c.label} line matches ${c.key} ≈ ${figure(c.value, dec(c.value).decimalPlaces())}: \`what if ${c.key}=${c.value}\` in the scenario's thread re-prices it.`,
    );
  }
  if (said.length) blocks.push({ type: "notes", items: said });
  const days = report.complete
    ? `all ${report.daysInMonth} days`
    : `${report.daysElapsed} of ${report.daysInMonth} days; projected = actual ÷ ${report.daysElapsed} × ${report.daysInMonth}`;
  blocks.push({
    type: "context",
    text: `Cost Explorer UnblendedCost under ${filterText(filter)}, ${days}. Estimate saved ${scenario.createdAt.slice(0, 10)}.${rate ? ` Cost Explorer reports USD; shown in ${currency} at ${rate}.` : ""}`,
  });
  const dash = "—";
  blocks.push({
    type: "table",
    columns: [
      { header: "Line", align: "left" },
      { header: "Estimate", align: "right" },
      { header: "Actual", align: "right" },
      ...(report.complete ? [] : [{ header: "Month-end", align: "right" as const }]),
      { header: "Diff.", align: "right" },
      { header: "%", align: "right" },
    ],
    rows: [
      ...report.lines.map((l) => [
        l.label,
        money(l.estimate),
        l.actual === null ? "not AWS" : money(l.actual),
        ...(report.complete ? [] : [l.projected === null ? dash : money(l.projected)]),
        l.difference === null ? dash : signed(l.difference),
        l.differencePct === null ? dash : percentText(l.differencePct),
      ]),
      ...(report.unmatched.length
        ? [
            [
              "other AWS (no line)",
              dash,
              money(report.unmatched.reduce((a, u) => a.plus(u.actual), new Decimal(0))),
              ...(report.complete ? [] : [dash]),
              dash,
              dash,
            ],
          ]
        : []),
      [
        "Total (AWS)",
        money(report.total.estimate),
        money(report.total.actual),
        ...(report.complete ? [] : [money(report.total.projected)]),
        signed(dec(report.total.projected).minus(report.total.estimate)),
        dash,
      ],
    ],
  });
  const data = {
    scenario: scenario.name,
    template: scenario.input.template,
    month: report.month,
    currency,
    filter: {
      ...(filter.tag ? { tag: filter.tag } : {}),
      ...(filter.account ? { account: filter.account } : {}),
    },
    complete: report.complete,
    daysElapsed: report.daysElapsed,
    daysInMonth: report.daysInMonth,
    lines: report.lines,
    unmatched: report.unmatched,
    total: report.total,
    ...(report.calibration ? { calibration: report.calibration } : {}),
    notes: said,
  };
  return {
    kind: "actual",
    visibility: "channel",
    summary: lead ? `${lead} ${headline}` : headline,
    blocks,
    data,
    status: 0,
  };
}
