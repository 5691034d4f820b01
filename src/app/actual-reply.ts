import type { ActualReport } from "../core/actual.ts";
import { type CurrencyCode, Decimal, dec } from "../core/money.ts";
import { monthName } from "./actual-month.ts";
import { figure, money, signed } from "./format.ts";
import type { BillFilter, Scenario } from "./ports.ts";
import type { Block, Reply } from "./reply.ts";

/** What `actual` found: the comparison, the currency it is shown in, notes, and the rate used. */
export interface ActualResult {
  readonly report: ActualReport;
  readonly currency: CurrencyCode;
  readonly notes: readonly string[];
  readonly rate?: string;
}

/** "tag app=voice and account 123456789012": a filter as people read it. */
export function filterText(filter: BillFilter): string {
  return [
    ...(filter.tag ? [`tag ${filter.tag.key}=${filter.tag.value}`] : []),
    ...(filter.account ? [`account ${filter.account}`] : []),
  ].join(" and ");
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
  { report, currency, notes, rate }: ActualResult,
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
