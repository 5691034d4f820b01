import type { Estimate } from "../core/estimate.ts";
import { paramText } from "../core/estimate.ts";
import { dec } from "../core/money.ts";
import type { Template } from "../core/template.ts";
import { money, percent, quantity } from "./format.ts";
import type { Block } from "./reply.ts";

/** The parameters that differ from the template's defaults (and the preset), as `key=value`. */
export function changedParams(e: Estimate, template: Template): string[] {
  const preset = template.presets?.[String(e.params.preset ?? "")] ?? {};
  return Object.entries(e.params)
    .filter(([key, value]) => {
      const spec = template.params[key];
      if (!spec) return false;
      const base = key in preset ? preset[key] : spec.kind === "amount" ? undefined : spec.default;
      if (spec.kind === "amount") return paramText(value) !== `${spec.default.value}${spec.default.currency}`;
      return key === "preset" ? value !== template.defaultPreset : value !== base;
    })
    .map(([key, value]) => `${key}=${paramText(value)}`);
}

export function estimateTitle(e: Estimate): string {
  return `${e.template}: ${money(e.total, e.currency)} / month`;
}

export function estimateSummary(e: Estimate): string {
  const drivers = e.drivers.map((d) => `${d.label} ${percent(d.share)}`).join(", ");
  return `${estimateTitle(e)}${drivers ? ` (top: ${drivers})` : ""}`;
}

export function lineTable(e: Estimate): Block {
  return {
    type: "table",
    columns: [
      { header: "Line", align: "left" },
      { header: `Amount (${e.currency})`, align: "right" },
      { header: "Share", align: "right" },
    ],
    rows: [
      ...e.lines.map((l) => [`${l.label}${l.flagged ? " ⚠" : ""}`, money(l.amount), percent(l.share)]),
      ["Total", money(e.total), percent(e.lines.length ? 1 : 0)],
    ],
  };
}

export function shareBars(e: Estimate): Block {
  const lines = [...e.lines].filter((l) => dec(l.amount).gt(0)).sort((a, b) => dec(b.amount).cmp(a.amount));
  return {
    type: "bars",
    // The bar's length is drawing, not money: a float is fine there.
    items: lines.map((l) => ({ label: l.label, share: dec(l.share).toNumber(), value: percent(l.share) })),
    chart: {
      kind: "bar",
      title: "Share of the monthly total",
      xLabel: "Line",
      yLabel: "% of total",
      categories: lines.map((l) => l.label),
      // The percent shown in the table, as the number the chart draws.
      series: [
        {
          name: "Share (%)",
          values: lines.map((l) => dec(l.share).times(100).toDecimalPlaces(1).toNumber()),
        },
      ],
    },
  };
}

export function estimateContext(e: Estimate): string {
  const dates = [...new Set(e.sources.filter((s) => !s.undated).map((s) => s.asOf))].sort();
  const range = dates.length > 1 ? `${dates[0]} to ${dates.at(-1)}` : (dates[0] ?? e.catalog.date);
  const undated = [...new Set(e.sources.filter((s) => s.undated).map((s) => undatedOrigin(s.source)))];
  const when = [
    ...(dates.length || !undated.length ? [`prices as of ${range}`] : []),
    ...(undated.length ? [`undated: ${undated.join(", ")}`] : []),
  ].join("; ");
  const live = [...new Set(e.sources.flatMap((s) => (s.live ? [s.live] : [])))].sort();
  const liveText = live.length
    ? ` · ${e.sources.filter((s) => s.live).length} live from the AWS Price List API (fetched ${live.join(", ")})`
    : "";
  const rate = e.rate ? ` · ${rateText(e.rate)}` : "";
  return `Catalog ${e.catalog.version} · ${when}${liveText}${rate} · \`help ${e.template}\` lists the assumptions`;
}

/** "1 USD = 32 TWD (seed 003, 2026-02-07)": the rate a non-USD reply used. */
export function rateText(r: NonNullable<Estimate["rate"]>): string {
  const seed = /seed (\d{3})_/.exec(r.source)?.[1];
  const origin = seed ? `seed ${seed}` : r.source.split(";")[0]!;
  return `1 USD = ${r.perUsd} ${r.currency} (${origin}, ${r.undated ? "undated" : r.asOf})`;
}

/** "seed 000" or "genai-prices 0.1.8": who an undated price comes from. */
function undatedOrigin(source: string): string {
  const seed = /seed (\d{3})_/.exec(source);
  if (seed) return `as assumed by seed ${seed[1]}`;
  const published = / on (\d{4}-\d{2}-\d{2})/.exec(source)?.[1];
  const name = source.replace(/^@pydantic\//, "").replace(/\s*[(;].*$/, "");
  return published ? `${name} (published ${published})` : name;
}

/** Every priced quantity and where its price came from (detail=full). */
export function detailBlocks(e: Estimate): Block[] {
  return [
    {
      type: "table",
      columns: [
        { header: "Line", align: "left" },
        { header: "Quantity", align: "right" },
        { header: "Unit", align: "left", narrow: "drop" },
        { header: "Price", align: "left" },
        { header: `Amount (${e.currency})`, align: "right" },
      ],
      rows: e.lines.flatMap((l) =>
        l.components.map((c) => [
          `${l.id}: ${c.label}`,
          quantity(c.quantity),
          c.unit,
          c.unitPrice ?? "parameter",
          Number(c.amount).toLocaleString("en-US", { maximumFractionDigits: 6 }),
        ]),
      ),
    },
    {
      type: "notes",
      items: e.sources.map(
        (s) => `${s.key}: ${s.price} (${s.source}${s.undated ? "" : `, ${s.asOf}`}${s.live ? ", live" : ""})`,
      ),
    },
  ];
}

/** An estimate as a reply's blocks; `template` is the one it was priced with (its defaults and presets). */
export function estimateBlocks(e: Estimate, template: Template, detail: boolean): Block[] {
  const changed = changedParams(e, template);
  const notes = [
    ...e.notes,
    ...(e.revenue
      ? [`revenue ${money(e.revenue.amount, e.currency)}, gross margin ${percent(e.revenue.margin)}`]
      : []),
  ];
  return [
    { type: "heading", text: estimateTitle(e) },
    {
      type: "text",
      text: changed.length
        ? `With ${changed.map((c) => `\`${c}\``).join(" ")}; defaults for the rest.`
        : "With the template's defaults.",
    },
    lineTable(e),
    shareBars(e),
    ...(notes.length ? [{ type: "notes" as const, items: notes }] : []),
    ...(detail ? detailBlocks(e) : []),
    { type: "context", text: estimateContext(e) },
  ];
}
