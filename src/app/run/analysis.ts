import { AUDITS } from "../../core/audit.ts";
import { UserError } from "../../core/errors.ts";
import { resolveParams } from "../../core/estimate.ts";
import { convert, Decimal, dec, isCurrency } from "../../core/money.ts";
import { type AmountValue, coerceValue, type Value } from "../../core/params.ts";
import { plan } from "../../core/plan.ts";
import type { Template } from "../../core/template.ts";
import type { Command } from "../commands.ts";
import { figure, money, percent, signed, unitPrice } from "../format.ts";
import type { Deps } from "../ports.ts";
import type { Block, Reply } from "../reply.ts";
import { priceScenario } from "../scenario.ts";

function priceValue(value: Value, deps: Deps): AmountValue {
  return coerceValue(
    "price",
    { kind: "amount", default: { value: "0", currency: "USD" }, description: "" },
    value,
    deps.catalog,
  ) as AmountValue;
}

/** `template` is the one the command names, looked up before the runner. */
export function runPlan(command: Extract<Command, { kind: "plan" }>, template: Template, deps: Deps): Reply {
  const { price: priceWritten, margin: marginWritten, ...rest } = command.assignments;
  if (!priceWritten)
    throw new UserError(`plan needs a price, e.g. \`plan ${template.name} price=100TWD margin=40%\``);
  const price = priceValue(priceWritten, deps);
  const margin = marginWritten ? marginOf(marginWritten) : new Decimal("0.4");
  const currencyCode = priceWritten.kind === "amount" ? priceWritten.currency : "USD";
  const others = (command.prices ?? [3, 5].map((k) => scaled(priceWritten, k))).map((v) =>
    priceValue(v, deps),
  );
  const params = resolveParams(template, rest, deps.catalog);
  const result = plan(
    template,
    params,
    margin,
    [price, ...others.filter((o) => o.usd !== price.usd)],
    currencyCode,
    deps.catalog,
  );
  const inCur = (usd: Decimal) => convert(usd, "USD", currencyCode, deps.catalog.rates);
  const cpm = result.costPerMinuteUsd;
  const cpmHere = inCur(cpm);
  const unitCost = `${unitPrice(cpm, 6)} USD${currencyCode === "USD" ? "" : ` (${unitPrice(cpmHere, 5)} ${currencyCode})`}`;
  const credits = result.credits.map((c) => ({
    price: dec(c.price.usd).isZero() ? "0" : inCur(dec(c.price.usd)).toDecimalPlaces(2).toFixed(2),
    credits: String(c.credits),
    hours: dec(c.credits).div(60).toDecimalPlaces(1).toFixed(1),
    costAtCap: inCur(c.costAtCap).toDecimalPlaces(2).toFixed(2),
    margin: c.marginAtCap.toDecimalPlaces(4).toFixed(4),
    overagePerMinute: dec(unitPrice(c.overagePerMinute).replaceAll(",", "")).toString(),
  }));
  const rows = result.credits.map((c, i) => [
    money(credits[i]!.price, currencyCode),
    figure(c.credits, 0),
    figure(credits[i]!.hours, 1),
    money(credits[i]!.costAtCap, currencyCode),
    percent(c.marginAtCap),
    `${unitPrice(c.overagePerMinute)} ${currencyCode}/min`,
  ]);
  const minutes = (d: Decimal) => `${figure(d, 1)} min (${figure(d.div(60), 1)} h)`;
  const pricedAt = Object.entries(result.pricedAt)
    .map(([k, v]) => `\`${k}=${figure(v, 0)}\``)
    .join(", ");
  const blocks: Block[] = [
    {
      type: "heading",
      text: `plan ${template.name}: ${money(credits[0]!.price, currencyCode)} a month at ${percent(margin, 0)} margin`,
    },
    {
      type: "text",
      text: `Priced at ${pricedAt} (tiers and free tiers at that size; change them to plan another size).`,
    },
    {
      type: "table",
      columns: [
        { header: "Figure", align: "left" },
        { header: "Value", align: "right" },
      ],
      rows: [
        ["Cost per minute of use", unitCost],
        ["Break-even use per user", minutes(result.breakEvenMinutes)],
        [`Cap that keeps ${percent(margin, 0)} margin`, minutes(result.capMinutes)],
      ],
    },
    { type: "text", text: "*Credit plans* (1 credit = 1 minute):" },
    {
      type: "table",
      columns: [
        { header: "Price", align: "right" },
        { header: "Credits", align: "right" },
        { header: "Hours", align: "right" },
        { header: "Cost at cap", align: "right" },
        { header: "Margin", align: "right" },
        { header: "Overage", align: "right" },
      ],
      rows,
    },
    {
      type: "notes",
      items: [
        `Per-minute cost counts ${template.plan!.variableLines.join(", ")}; ${result.excludedLines.join(", ") || "nothing"} left out (shared, not per minute).`,
        "Overage is the per-minute price that keeps the margin on minutes beyond the credits.",
      ],
    },
  ];
  return {
    kind: "plan",
    visibility: "channel",
    summary: `plan ${template.name}: break-even ${figure(result.breakEvenMinutes, 1)} min, ${percent(margin, 0)} margin cap ${figure(result.capMinutes, 1)} min per user a month`,
    blocks,
    // Every figure the text shows, as decimal strings rounded as shown (--json).
    data: {
      template: template.name,
      currency: currencyCode,
      price: credits[0]!.price,
      margin: margin.toFixed(4),
      pricedAt: Object.fromEntries(Object.entries(result.pricedAt).map(([k, v]) => [k, String(v)])),
      costPerMinute: {
        USD: cpm.toSignificantDigits(6).toString(),
        ...(currencyCode === "USD" ? {} : { [currencyCode]: cpmHere.toSignificantDigits(5).toString() }),
      },
      breakEvenMinutes: result.breakEvenMinutes.toDecimalPlaces(1).toFixed(1),
      breakEvenHours: result.breakEvenMinutes.div(60).toDecimalPlaces(1).toFixed(1),
      capMinutes: result.capMinutes.toDecimalPlaces(1).toFixed(1),
      capHours: result.capMinutes.div(60).toDecimalPlaces(1).toFixed(1),
      credits,
      variableLines: template.plan!.variableLines,
      excludedLines: result.excludedLines,
    },
    status: 0,
  };
}

function marginOf(value: Value): Decimal {
  if (value.kind !== "percent" && value.kind !== "number")
    throw new UserError("margin is a percentage, e.g. margin=40%");
  const m = dec(value.value);
  if (m.lt(0) || m.gte(1)) throw new UserError("margin must be at least 0 % and below 100 %");
  return m;
}

function scaled(value: Value, factor: number): Value {
  if (value.kind !== "amount" && value.kind !== "number") return value;
  const v = dec(value.value).times(factor).toString();
  const code = value.kind === "amount" && isCurrency(value.currency) ? value.currency : "USD";
  return { kind: "amount", value: v, currency: code, text: `${v}${code}` };
}

/** `template` is the one the command names, looked up before the runner. */
export async function runAudit(template: Template, deps: Deps): Promise<Reply> {
  const cases = AUDITS[template.name] ?? [];
  const blocks: Block[] = [
    { type: "heading", text: `audit ${template.name}: the seed's figures next to ours (USD / month)` },
  ];
  const data = [];
  for (const c of cases) {
    const ours = await priceScenario(
      { template: template.name, written: c.written, currency: "USD" },
      template,
      deps.catalog,
    );
    const rows = c.lines.map((l) => {
      const line = ours.lines.find((x) => x.id === l.id);
      const amount = dec(line?.amount ?? 0);
      const diff = l.seed === null ? amount : amount.minus(l.seed);
      return [
        line?.label ?? l.id,
        l.seed === null ? "–" : money(l.seed),
        money(amount),
        signed(diff),
        l.why ?? (diff.isZero() ? "agrees" : l.seedSays),
      ];
    });
    const totalDiff = dec(ours.total).minus(c.seedTotal);
    blocks.push(
      { type: "text", text: `*${c.label}*` },
      {
        type: "table",
        columns: [
          { header: "Line", align: "left" },
          { header: "Seed", align: "right" },
          { header: "Ours", align: "right" },
          { header: "Difference", align: "right" },
          { header: "Why", align: "left", narrow: "below" },
        ],
        rows: [...rows, ["Total", money(c.seedTotal), money(ours.total), signed(totalDiff), c.seedTotalSays]],
      },
      ...(c.findings.length ? [{ type: "notes" as const, items: c.findings }] : []),
    );
    data.push({
      case: c.label,
      seedTotal: dec(c.seedTotal).toFixed(2),
      total: ours.total,
      difference: totalDiff.toFixed(2),
      lines: c.lines.map((l) => {
        const amount = dec(ours.lines.find((x) => x.id === l.id)?.amount ?? 0);
        return {
          id: l.id,
          seed: l.seed === null ? null : dec(l.seed).toFixed(2),
          ours: amount.toFixed(2),
          difference: (l.seed === null ? amount : amount.minus(l.seed)).toFixed(2),
          why: l.why ?? null,
        };
      }),
      findings: c.findings,
    });
  }
  if (!cases.length)
    blocks.push({
      type: "text",
      text: `${template.name} has no published figures to check against (its source, seed ${template.seed}, gives none). \`help ${template.name}\` lists what it assumes; \`${template.name}\` prices it.`,
    });
  return {
    kind: "audit",
    visibility: "channel",
    summary: `audit ${template.name}: ${cases.length} case(s) from seed ${template.seed}`,
    blocks,
    data: { template: template.name, currency: "USD", seed: template.seed, cases: data },
    status: 0,
  };
}
