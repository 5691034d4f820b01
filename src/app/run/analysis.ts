import { AUDITS } from "../../core/audit.ts";
import { UserError } from "../../core/errors.ts";
import { resolveParams } from "../../core/estimate.ts";
import { convert, Decimal, dec, isCurrency } from "../../core/money.ts";
import { type AmountValue, coerceValue, type Value } from "../../core/params.ts";
import { plan } from "../../core/plan.ts";
import type { Command } from "../commands.ts";
import { money, percent, signed } from "../format.ts";
import type { Deps } from "../ports.ts";
import type { Block, Reply } from "../reply.ts";
import { runInput } from "../scenario.ts";
import { requireWorkload } from "../workloads.ts";

const templateNamed = (name: string) => requireWorkload(name);

function priceValue(value: Value, deps: Deps): AmountValue {
  return coerceValue(
    "price",
    { kind: "amount", default: { value: "0", currency: "USD" }, description: "" },
    value,
    deps.catalog,
  ) as AmountValue;
}

export function runPlan(command: Extract<Command, { kind: "plan" }>, deps: Deps): Reply {
  const template = templateNamed(command.template);
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
  const unitCost = `${cpm.toSignificantDigits(6)} USD${currencyCode === "USD" ? "" : ` (${inCur(cpm).toSignificantDigits(5)} ${currencyCode})`}`;
  const rows = result.credits.map((c) => [
    c.price.text,
    c.credits.toLocaleString("en-US"),
    (c.credits / 60).toFixed(1),
    `${inCur(c.costAtCap).toDecimalPlaces(0)} ${currencyCode}`,
    percent(c.marginAtCap),
    `${c.overagePerMinute.toDecimalPlaces(2)} ${currencyCode}/min`,
  ]);
  const minutes = (d: Decimal) =>
    `${d.toDecimalPlaces(1).toString()} min (${d.div(60).toDecimalPlaces(1)} h)`;
  const blocks: Block[] = [
    {
      type: "heading",
      text: `plan ${template.name}: ${price.text} a month at ${percent(margin, 0)} margin`,
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
    summary: `plan ${template.name}: break-even ${result.breakEvenMinutes.toDecimalPlaces(1)} min, ${percent(margin, 0)} margin cap ${result.capMinutes.toDecimalPlaces(1)} min per user a month`,
    blocks,
    data: {
      costPerMinuteUsd: cpm.toString(),
      breakEvenMinutes: result.breakEvenMinutes.toDecimalPlaces(1).toNumber(),
      capMinutes: result.capMinutes.toDecimalPlaces(1).toNumber(),
      credits: result.credits.map((c) => ({
        price: c.price.text,
        credits: c.credits,
        margin: c.marginAtCap.toDecimalPlaces(4).toNumber(),
      })),
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

export function runAudit(command: Extract<Command, { kind: "audit" }>, deps: Deps): Reply {
  const template = templateNamed(command.template);
  const cases = AUDITS[template.name] ?? [];
  const blocks: Block[] = [
    { type: "heading", text: `audit ${template.name}: the seed's figures next to ours (USD / month)` },
  ];
  const data = [];
  for (const c of cases) {
    const ours = runInput({ template: template.name, written: c.written, currency: "USD" }, deps.catalog);
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
          { header: "Why", align: "left" },
        ],
        rows: [...rows, ["Total", money(c.seedTotal), money(ours.total), signed(totalDiff), c.seedTotalSays]],
      },
      ...(c.findings.length ? [{ type: "notes" as const, items: c.findings }] : []),
    );
    data.push({
      case: c.label,
      // --json prints amounts as JSON numbers (its format for now); only that output converts.
      seedTotal: Number(c.seedTotal),
      total: Number(ours.total),
      lines: c.lines.map((l) => ({
        id: l.id,
        seed: l.seed === null ? null : Number(l.seed),
        ours: Number(ours.lines.find((x) => x.id === l.id)?.amount ?? 0),
        why: l.why ?? null,
      })),
    });
  }
  return {
    kind: "audit",
    visibility: "channel",
    summary: `audit ${template.name}: ${cases.length} case(s) from seed ${template.seed}`,
    blocks,
    data,
    status: 0,
  };
}
