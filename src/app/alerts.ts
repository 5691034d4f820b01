import type { Catalog } from "../core/catalog/index.ts";
import type { Estimate } from "../core/estimate.ts";
import { dec } from "../core/money.ts";
import { money, percent } from "./format.ts";
import type {
  BudgetSubscription,
  BudgetSubscriptionStore,
  ChannelRef,
  IdempotencyStore,
  Logger,
  Notifier,
  Scenario,
  ScenarioStore,
  WorkloadStore,
} from "./ports.ts";
import { lineTable } from "./present.ts";
import type { Block, Reply } from "./reply.ts";
import { priceSaved } from "./scenario.ts";
import { tenantTemplates } from "./workloads.ts";

/** One AWS Budgets notification, as the adapter read it off SNS. Amounts are USD decimal text. */
export interface BudgetAlert {
  readonly awsBudgetName: string;
  readonly alertType: "ACTUAL" | "FORECASTED";
  readonly budgetedUsd: string;
  /** AWS states the crossed threshold as an amount ("> $50.00"), not a percentage. */
  readonly thresholdUsd: string;
  /** The actual or forecasted spend that crossed it. */
  readonly amountUsd: string;
  /** "month" for monthly budgets, "day", "quarter", "year" otherwise. */
  readonly period: string;
}

export function alertReply(alert: BudgetAlert, sub: BudgetSubscription, predicted?: Estimate): Reply {
  const budgeted = dec(alert.budgetedUsd);
  const amount = alert.amountUsd;
  const thresholdShare = budgeted.gt(0) ? dec(alert.thresholdUsd).div(budgeted) : 0;
  const what = alert.alertType === "ACTUAL" ? "Actual spend" : "Forecasted spend";
  const heading = `Budget ${sub.name}: ${what.toLowerCase()} ${money(amount, "USD")} passed ${percent(thresholdShare, 0)} of ${money(budgeted, "USD")}`;
  const blocks: Block[] = [
    { type: "heading", text: heading },
    {
      type: "text",
      text: [
        `${what} this ${alert.period}: *${money(amount, "USD")}*, ${budgeted.gt(0) ? percent(dec(amount).div(budgeted), 0) : "–"} of the ${money(budgeted, "USD")} limit (threshold ${money(alert.thresholdUsd, "USD")}).`,
        predicted
          ? `Scenario \`${sub.scenario}\` predicted *${money(predicted.total, "USD")}* a month: ${signedShare(amount, predicted.total)} of the prediction.`
          : "No scenario is linked to this budget.",
      ].join("\n"),
    },
    ...(predicted ? [lineTable(predicted)] : []),
    {
      type: "context",
      text: `AWS budget ${alert.awsBudgetName} · \`budget show ${sub.name}\` for the latest spend`,
    },
  ];
  return {
    kind: "budget",
    visibility: "channel",
    summary: heading,
    blocks,
    ...(predicted ? { estimate: predicted } : {}),
    status: 0,
  };
}

function signedShare(amount: string, predicted: string): string {
  return dec(predicted).gt(0) ? percent(dec(amount).div(predicted), 0) : "–";
}

export interface AlertDeps {
  /** A scenario of the tenant's own workload is priced with its model, read from the store. */
  readonly store: ScenarioStore & BudgetSubscriptionStore & WorkloadStore;
  readonly idempotency: IdempotencyStore;
  readonly catalog: Catalog;
  readonly notifiers: readonly Notifier[];
  readonly log: Logger;
}

export interface DeliveryReport {
  readonly delivered: readonly ChannelRef[];
  readonly skipped: readonly ChannelRef[];
  readonly failed: readonly { channel: ChannelRef; error: unknown }[];
  readonly unknownBudget?: boolean;
}

/** How long a delivered alert is remembered: longer than SNS keeps retrying. */
const DELIVERED_TTL_S = 7 * 24 * 3600;

/** The scenario re-priced in USD; one of the tenant's own workloads is read from its store. */
async function predictedOf(scenario: Scenario, deps: AlertDeps): Promise<Estimate> {
  const templates = tenantTemplates(scenario.tenant, deps.store, deps.catalog);
  return (await priceSaved({ ...scenario.input, currency: "USD" }, templates, deps.catalog)).estimate;
}

/**
 * Posts one alert to every channel subscribed to its budget. A channel already served for
 * this message (an SNS redelivery) is skipped; one channel failing does not stop the others,
 * and its claim is given back so the redelivery tries it again.
 */
export async function deliverAlert(
  alert: BudgetAlert,
  messageId: string,
  deps: AlertDeps,
): Promise<DeliveryReport> {
  const sub = await deps.store.findBudgetSubscriptionByAwsName(alert.awsBudgetName);
  if (!sub) {
    deps.log.error("alert for a budget nobody subscribed to", {
      awsBudgetName: alert.awsBudgetName,
      messageId,
    });
    return { delivered: [], skipped: [], failed: [], unknownBudget: true };
  }
  const scenario = sub.scenario ? await deps.store.getScenario(sub.tenant, sub.scenario) : undefined;
  const predicted = scenario ? await predictedOf(scenario, deps) : undefined;
  const reply = alertReply(alert, sub, predicted);
  const delivered: ChannelRef[] = [];
  const skipped: ChannelRef[] = [];
  const failed: { channel: ChannelRef; error: unknown }[] = [];
  await Promise.all(
    sub.channels.map(async (channel) => {
      const notifier = deps.notifiers.find((n) => n.platform === channel.platform);
      if (!notifier) {
        skipped.push(channel);
        return;
      }
      const key = `alert:${messageId}:${channel.platform}:${channel.channel}`;
      if (!(await deps.idempotency.claim(key, DELIVERED_TTL_S))) {
        skipped.push(channel);
        return;
      }
      try {
        await notifier.post(sub.tenant, channel, reply);
        delivered.push(channel);
      } catch (error) {
        await deps.idempotency.release(key);
        deps.log.error("alert post failed", {
          awsBudgetName: alert.awsBudgetName,
          messageId,
          channel,
          error: String(error),
        });
        failed.push({ channel, error });
      }
    }),
  );
  return { delivered, skipped, failed };
}
