import { UserError } from "../../core/errors.ts";
import { Decimal, dec } from "../../core/money.ts";
import { crossings, type SweepPoint, sweep, sweepLabel } from "../../core/sweep.ts";
import type { Template } from "../../core/template.ts";
import type { Command } from "../commands.ts";
import { money, percent } from "../format.ts";
import type { Deps } from "../ports.ts";
import type { Block, Reply } from "../reply.ts";

type Explore = Extract<Command, { kind: "sweep" | "compare" }>;

function points(command: Explore, template: Template, deps: Deps): SweepPoint[] {
  if (command.axis.key in command.assignments)
    throw new UserError(`\`${command.axis.key}\` is both varied and fixed`);
  return sweep(
    template,
    command.axis.key,
    command.axis.values,
    command.assignments,
    deps.catalog,
    command.options.currency ?? "USD",
  );
}

/** The lines worth a column: the biggest three at the last point, plus any that start mid-sweep. */
function columnsFor(all: SweepPoint[]): string[] {
  const last = all.at(-1)!.estimate;
  const top = [...last.lines]
    .sort((a, b) => dec(b.amount).cmp(a.amount))
    .slice(0, 3)
    .map((l) => l.id);
  return [...new Set([...top, ...crossings(all).map((c) => c.id)])];
}

/** Numbers in ascending order, so the columns and the "starts costing" notes read the same whatever order they were written in. */
function ascending(all: SweepPoint[]): SweepPoint[] {
  const numeric = all.every((p) => p.value.kind === "number" || p.value.kind === "percent");
  return numeric ? [...all].sort((a, b) => dec(String(a.value.value)).cmp(String(b.value.value))) : all;
}

/** `template` is the one the command names, looked up before the runner. */
export function runSweep(command: Explore, template: Template, deps: Deps): Reply {
  const all = ascending(points(command, template, deps));
  const ids = columnsFor(all);
  // The columns add up to the total: what the shown lines leave is one "Other lines" column.
  const other = (p: SweepPoint) =>
    dec(p.estimate.total).minus(
      p.estimate.lines.filter((l) => ids.includes(l.id)).reduce((s, l) => s.plus(l.amount), new Decimal(0)),
    );
  const hasOther = all.some((p) => !other(p).isZero());
  const currency = all[0]!.estimate.currency;
  const max = Decimal.max(...all.map((p) => p.estimate.total));
  const label = (id: string) => sweepLabel(all, id);
  const found = crossings(all);
  const blocks: Block[] = [
    {
      type: "heading",
      text: `sweep ${command.template} over ${command.axis.key} (${all.length} points, ${currency} / month)`,
    },
    {
      type: "table",
      columns: [
        { header: command.axis.key, align: "right" },
        { header: "Total", align: "right" },
        ...ids.map((id) => ({ header: label(id), align: "right" as const })),
        ...(hasOther ? [{ header: "Other lines", align: "right" as const }] : []),
      ],
      rows: all.map((p) => [
        p.value.text,
        money(p.estimate.total),
        ...ids.map((id) => money(p.estimate.lines.find((l) => l.id === id)?.amount ?? 0)),
        ...(hasOther ? [money(other(p))] : []),
      ]),
    },
    {
      type: "bars",
      items: all.map((p) => ({
        label: `${command.axis.key}=${p.value.text}`,
        // The bar's length is drawing, not money: a float is fine there.
        share: max.gt(0) ? dec(p.estimate.total).div(max).toNumber() : 0,
        value: money(p.estimate.total),
      })),
      chart: {
        kind: "line",
        title: `${command.template}: total by ${command.axis.key}`,
        xLabel: command.axis.key,
        yLabel: `${currency} / month`,
        categories: all.map((p) => p.value.text),
        // Drawing, not money: the table beside it has the exact amounts.
        series: [
          { name: "Total", values: all.map((p) => Number(p.estimate.total)) },
          ...ids.map((id) => ({
            name: label(id),
            values: all.map((p) => Number(p.estimate.lines.find((l) => l.id === id)?.amount ?? 0)),
          })),
        ],
      },
    },
    ...(found.length
      ? [
          {
            type: "notes" as const,
            items: found.map((c) => {
              // Say why only when the estimate itself says a free tier ran out there.
              const at = all.find((p) => p.value === c.from)!.estimate;
              const why = at.notes.some((n) => /free tier|free requests/i.test(n))
                ? " (free tier used up)"
                : "";
              return `${c.label} starts costing at ${command.axis.key}=${c.from.text}${why}`;
            }),
          },
        ]
      : []),
  ];
  return {
    kind: "sweep",
    visibility: "channel",
    summary: `sweep ${command.template} ${command.axis.key}: ${money(all[0]!.estimate.total)} to ${money(all.at(-1)!.estimate.total)} ${currency}`,
    blocks,
    data: {
      template: command.template,
      key: command.axis.key,
      currency,
      points: all.map((p) => ({ value: p.value.text, total: p.estimate.total, lines: lineAmounts(p) })),
    },
    status: 0,
  };
}

const max = (all: SweepPoint[]) => Decimal.max(...all.map((p) => p.estimate.total));

/** Each line's amount at a point, as the decimal string the core made (--json). */
const lineAmounts = (p: SweepPoint) => Object.fromEntries(p.estimate.lines.map((l) => [l.id, l.amount]));

export function runCompare(command: Explore, template: Template, deps: Deps): Reply {
  const all = points(command, template, deps);
  const currency = all[0]!.estimate.currency;
  const cheapest = all.reduce((best, p) => (dec(p.estimate.total).lt(best.estimate.total) ? p : best));
  const ids = [...new Set(all.flatMap((p) => p.estimate.lines.map((l) => l.id)))];
  // Labels name the varied choice ("LLM (nova-pro)"); across columns, keep only what they share.
  const label = (id: string) => {
    const labels = new Set(
      all.flatMap((p) => p.estimate.lines.filter((l) => l.id === id).map((l) => l.label)),
    );
    const [first] = labels;
    return labels.size === 1 ? first! : first!.replace(/ \(.*\)$/, "");
  };
  const head = (p: SweepPoint) => `${command.axis.key}=${p.value.text}${p === cheapest ? " ✓" : ""}`;
  return {
    kind: "compare",
    visibility: "channel",
    summary: `compare ${command.template}: cheapest is ${command.axis.key}=${cheapest.value.text} at ${money(cheapest.estimate.total, currency)} / month`,
    blocks: [
      { type: "heading", text: `compare ${command.template} by ${command.axis.key} (${currency} / month)` },
      {
        type: "table",
        columns: [
          { header: "Line", align: "left" },
          ...all.map((p) => ({ header: head(p), align: "right" as const })),
        ],
        rows: [
          ...ids.map((id) => [
            label(id),
            ...all.map((p) => {
              const l = p.estimate.lines.find((x) => x.id === id);
              return l ? money(l.amount) : "–";
            }),
          ]),
          ["Total", ...all.map((p) => money(p.estimate.total))],
          [
            "vs cheapest",
            ...all.map((p) =>
              p === cheapest
                ? "cheapest"
                : `+${percent(dec(p.estimate.total).div(cheapest.estimate.total).minus(1))}`,
            ),
          ],
        ],
      },
      {
        type: "bars",
        // The bar's length is drawing, not money: a float is fine there.
        items: all.map((p) => ({
          label: head(p),
          share: max(all).gt(0) ? dec(p.estimate.total).div(max(all)).toNumber() : 0,
          value: money(p.estimate.total),
        })),
        chart: {
          kind: "bar",
          title: `${command.template}: total by ${command.axis.key}`,
          xLabel: command.axis.key,
          yLabel: `${currency} / month`,
          categories: all.map((p) => p.value.text),
          series: [{ name: "Total", values: all.map((p) => Number(p.estimate.total)) }],
        },
      },
      {
        type: "context",
        text: `✓ marks the cheapest. Prices from catalog ${all[0]!.estimate.catalog.version}.`,
      },
    ],
    data: {
      template: command.template,
      key: command.axis.key,
      currency,
      points: all.map((p) => ({
        value: p.value.text,
        total: p.estimate.total,
        lines: lineAmounts(p),
        cheapest: p === cheapest,
      })),
    },
    status: 0,
  };
}
