import { UserError } from "../../core/errors.ts";
import { dec } from "../../core/money.ts";
import { type AmountValue, coerceValue, type Value } from "../../core/params.ts";
import type { Command } from "../commands.ts";
import { money, percent } from "../format.ts";
import type { BudgetSubscription, ChannelRef, Context, Deps, TemplateLookup, Tenant } from "../ports.ts";
import { lineTable } from "../present.ts";
import { type Block, type Reply, textReply } from "../reply.ts";
import { priceSaved } from "../scenario.ts";

export const DEFAULT_THRESHOLDS = [50, 75, 100] as const;
const PREFIX = "costbot";

/** Unique across tenants, and inside AWS's rules for budget names (no `:` or `\`, at most 100). */
export function awsBudgetName(tenant: Tenant, name: string): string {
  return `${PREFIX}-${tenant.replace(/[^A-Za-z0-9_.-]/g, "-")}-${name}`.slice(0, 100);
}

function percentOf(key: string, value: Value): number {
  if (value.kind !== "number" && value.kind !== "percent")
    throw new UserError(`${key} are percentages, e.g. 50,75,100`);
  const n = value.kind === "percent" ? Number(dec(value.value).times(100)) : Number(value.value);
  if (!(n > 0 && n <= 1000))
    throw new UserError(`\`${key}=${value.text}\`: a percentage above 0 and at most 1000`);
  return n;
}

function requireBudgets(deps: Deps) {
  if (!deps.budgets) {
    throw new UserError(
      "budgets need AWS, and this costbot has no AWS Budgets access configured",
      "for the CLI: AWS credentials, COSTBOT_AWS_ACCOUNT_ID and COSTBOT_BUDGETS_TOPIC_ARN (see the README)",
    );
  }
  return deps.budgets;
}

async function limitOf(
  cmd: Extract<Command, { kind: "budget" }>,
  templates: TemplateLookup,
  ctx: Context,
  deps: Deps,
) {
  const { amount, from, ...rest } = cmd.assignments;
  const unknown = Object.keys(rest).filter((k) => k !== "forecast");
  if (unknown.length)
    throw new UserError(`budget create takes amount=, from=, thresholds= and forecast= (not ${unknown[0]})`);
  if (!amount === !from)
    throw new UserError("budget create needs exactly one of amount=500USD or from=<saved scenario>");
  if (amount) {
    const spec = {
      kind: "amount" as const,
      default: { value: "0", currency: "USD" as const },
      description: "",
    };
    const usd = (coerceValue("amount", spec, amount, deps.catalog) as AmountValue).usd;
    return { limitUsd: dec(usd).toDecimalPlaces(2).toFixed(2), scenario: undefined };
  }
  const name = from!.kind === "name" ? from!.value : from!.text.toLowerCase();
  const scenario = await deps.store.getScenario(ctx.tenant, name);
  if (!scenario) throw new UserError(`no saved scenario named \`${name}\``, "`list` shows the saved ones");
  // The budget is in USD: price the scenario in USD, whatever currency it was saved in.
  const usd = (await priceSaved({ ...scenario.input, currency: "USD" }, templates, deps.catalog)).estimate;
  return { limitUsd: dec(usd.total).toFixed(2), scenario: scenario.name };
}

async function create(
  cmd: Extract<Command, { kind: "budget" }>,
  templates: TemplateLookup,
  ctx: Context,
  deps: Deps,
): Promise<Reply> {
  const budgets = requireBudgets(deps);
  const name = cmd.name!;
  const thresholds = (
    cmd.thresholds ??
    DEFAULT_THRESHOLDS.map((t) => ({ kind: "number", value: String(t), text: String(t) }) as Value)
  ).map((v) => percentOf("thresholds", v));
  if (thresholds.length > 9)
    throw new UserError("at most 9 thresholds (AWS allows 10 notifications, one is the forecast)");
  const forecastValue = cmd.assignments.forecast;
  const forecast =
    forecastValue && Number(forecastValue.value) === 0
      ? undefined
      : forecastValue
        ? percentOf("forecast", forecastValue)
        : 100;
  const { limitUsd, scenario } = await limitOf(cmd, templates, ctx, deps);
  if (dec(limitUsd).lte(0)) throw new UserError("a budget's limit must be more than 0 USD");
  if (await deps.store.getBudgetSubscription(ctx.tenant, name)) {
    throw new UserError(
      `a budget named \`${name}\` exists already`,
      "`budget delete` it first, or pick another name",
    );
  }
  const awsName = awsBudgetName(ctx.tenant, name);
  if (
    (await budgets.create({ awsName, limitUsd, thresholds, ...(forecast ? { forecast } : {}) })) === "exists"
  ) {
    throw new UserError(`AWS Budgets already has a budget named \`${awsName}\``, "pick another name");
  }
  const channel: ChannelRef = ctx.channel ?? {
    platform: ctx.surface,
    channel: ctx.thread?.channel ?? "local",
  };
  const sub: BudgetSubscription = {
    tenant: ctx.tenant,
    name,
    awsBudgetName: awsName,
    limitUsd,
    channels: [channel],
    ...(scenario ? { scenario } : {}),
    createdBy: ctx.user,
    createdAt: deps.clock.now().toISOString(),
  };
  try {
    await deps.store.putBudgetSubscription(sub);
  } catch (error) {
    // Nothing half-made: without its subscription the AWS budget would alert nobody.
    await budgets.delete(awsName);
    throw error;
  }
  const alerts = [...thresholds.map((t) => `${t} %`), ...(forecast ? [`${forecast} % forecast`] : [])].join(
    ", ",
  );
  const where =
    ctx.surface === "cli"
      ? "Alerts go to the chat channels subscribed to it; the CLI cannot receive them."
      : "Alerts will be posted here.";
  const text = `Budget \`${name}\` created: ${money(limitUsd, "USD")} a month${scenario ? ` (from scenario \`${scenario}\`)` : ""}; alerts at ${alerts}. ${where}`;
  return textReply("budget", text);
}

async function mustGetSubscription(name: string, ctx: Context, deps: Deps): Promise<BudgetSubscription> {
  requireBudgets(deps);
  const sub = await deps.store.getBudgetSubscription(ctx.tenant, name);
  if (!sub) throw new UserError(`no budget named \`${name}\``, "`budget list` shows them");
  return sub;
}

async function describeRow(sub: BudgetSubscription, templates: TemplateLookup, deps: Deps) {
  const spend = await deps.budgets!.describe(sub.awsBudgetName);
  const scenario = sub.scenario ? await deps.store.getScenario(sub.tenant, sub.scenario) : undefined;
  const predicted = scenario
    ? (await priceSaved({ ...scenario.input, currency: "USD" }, templates, deps.catalog)).estimate
    : undefined;
  return { sub, spend, predicted };
}

const usd = (v: string | undefined) => (v === undefined ? "–" : money(v));

async function list(templates: TemplateLookup, ctx: Context, deps: Deps): Promise<Reply> {
  requireBudgets(deps);
  const subs = await deps.store.listBudgetSubscriptions(ctx.tenant);
  if (!subs.length) {
    const text = "No budgets yet: `budget create <name> from=<saved scenario>` makes one.";
    return textReply("budget", text, "private");
  }
  const rows = await Promise.all(subs.map((s) => describeRow(s, templates, deps)));
  return {
    kind: "budget",
    visibility: "channel",
    summary: `${subs.length} budget(s)`,
    blocks: [
      { type: "heading", text: "Budgets (USD / month)" },
      {
        type: "table",
        columns: [
          { header: "Budget", align: "left" },
          { header: "Limit", align: "right" },
          { header: "Actual", align: "right" },
          { header: "Forecast", align: "right" },
          { header: "Scenario", align: "left" },
          { header: "Predicted", align: "right" },
        ],
        rows: rows.map(({ sub, spend, predicted }) => [
          sub.name,
          usd(spend?.limitUsd ?? sub.limitUsd),
          usd(spend?.actualUsd),
          usd(spend?.forecastUsd),
          sub.scenario ?? "–",
          predicted ? money(predicted.total) : "–",
        ]),
      },
    ],
    status: 0,
  };
}

async function show(name: string, templates: TemplateLookup, ctx: Context, deps: Deps): Promise<Reply> {
  const sub = await mustGetSubscription(name, ctx, deps);
  const { spend, predicted } = await describeRow(sub, templates, deps);
  const limit = dec(spend?.limitUsd ?? sub.limitUsd);
  const share = (v?: string) =>
    v === undefined || limit.isZero() ? "" : ` (${percent(dec(v).div(limit), 0)} of the limit)`;
  const blocks: Block[] = [
    { type: "heading", text: `Budget ${sub.name}: ${money(limit, "USD")} a month` },
    {
      type: "text",
      text: [
        `Actual spend this month: ${usd(spend?.actualUsd)}${share(spend?.actualUsd)}`,
        `Forecast: ${usd(spend?.forecastUsd)}${share(spend?.forecastUsd)}`,
        spend ? "" : "AWS Budgets has no such budget any more (deleted outside costbot?).",
      ]
        .filter(Boolean)
        .join("\n"),
    },
    ...(predicted
      ? [
          {
            type: "text" as const,
            text: `Scenario \`${sub.scenario}\` predicts ${money(predicted.total, "USD")}:`,
          },
          lineTable(predicted),
        ]
      : []),
    {
      type: "context",
      text: `AWS budget ${sub.awsBudgetName} · created by ${sub.createdBy} on ${sub.createdAt.slice(0, 10)}`,
    },
  ];
  return {
    kind: "budget",
    visibility: "channel",
    summary: `Budget ${sub.name}: limit ${money(limit, "USD")}, actual ${usd(spend?.actualUsd)}`,
    blocks,
    status: 0,
  };
}

async function remove(name: string, ctx: Context, deps: Deps): Promise<Reply> {
  const budgets = requireBudgets(deps);
  const sub = await mustGetSubscription(name, ctx, deps);
  await budgets.delete(sub.awsBudgetName);
  await deps.store.deleteBudgetSubscription(ctx.tenant, name);
  const text = `Deleted budget \`${name}\` (and ${sub.awsBudgetName} in AWS Budgets).`;
  return textReply("budget", text);
}

/** A budget made from a saved scenario prices it: `templates` looks up the scenario's template. */
export async function runBudget(
  cmd: Extract<Command, { kind: "budget" }>,
  templates: TemplateLookup,
  ctx: Context,
  deps: Deps,
): Promise<Reply> {
  switch (cmd.action) {
    case "create":
      return create(cmd, templates, ctx, deps);
    case "list":
      return list(templates, ctx, deps);
    case "show":
      return show(cmd.name!, templates, ctx, deps);
    case "delete":
      return remove(cmd.name!, ctx, deps);
  }
}
