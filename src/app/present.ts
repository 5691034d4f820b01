import type { Estimate } from "../core/estimate.ts";
import { paramText } from "../core/estimate.ts";
import { dec } from "../core/money.ts";
import { findTemplate } from "../core/templates/index.ts";
import { money, percent, quantity } from "./format.ts";
import type { Block } from "./reply.ts";

/** The parameters that differ from the template's defaults (and the preset), as `key=value`. */
export function changedParams(e: Estimate): string[] {
  const template = findTemplate(e.template);
  if (!template) return [];
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
  return {
    type: "bars",
    items: [...e.lines]
      .filter((l) => dec(l.amount).gt(0))
      .sort((a, b) => dec(b.amount).cmp(a.amount))
      // The bar's length is drawing, not money: a float is fine there.
      .map((l) => ({ label: l.label, share: dec(l.share).toNumber(), value: percent(l.share) })),
  };
}

export function estimateContext(e: Estimate): string {
  const dates = [...new Set(e.sources.map((s) => s.asOf))].sort();
  const range = dates.length > 1 ? `${dates[0]} to ${dates.at(-1)}` : (dates[0] ?? e.catalog.date);
  return `Catalog ${e.catalog.version} · prices as of ${range} · \`help ${e.template}\` lists the assumptions`;
}

/** Every priced quantity and where its price came from (detail=full). */
export function detailBlocks(e: Estimate): Block[] {
  return [
    {
      type: "table",
      columns: [
        { header: "Line", align: "left" },
        { header: "Quantity", align: "right" },
        { header: "Unit", align: "left" },
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
    { type: "notes", items: e.sources.map((s) => `${s.key}: ${s.price} (${s.source}, ${s.asOf})`) },
  ];
}

export function estimateBlocks(e: Estimate, detail: boolean): Block[] {
  const changed = changedParams(e);
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
