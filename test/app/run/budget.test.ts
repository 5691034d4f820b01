import {
  BudgetsClient,
  CreateBudgetCommand,
  DeleteBudgetCommand,
  DescribeBudgetCommand,
} from "@aws-sdk/client-budgets";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { AwsBudgets } from "../../../src/adapters/budgets/aws-budgets.ts";
import { handleText } from "../../../src/app/pipeline.ts";
import { awsBudgetName } from "../../../src/app/run/budget.ts";
import { chat, usePipeline } from "../support.ts";

const TOPIC = "arn:aws:sns:us-east-1:123456789012:costbot-budget-alerts";
const budgetsMock = mockClient(BudgetsClient);
afterEach(() => budgetsMock.reset());
const pipeline = usePipeline();

async function withBudgets() {
  const deps = await pipeline.deps();
  return {
    ...deps,
    budgets: new AwsBudgets(new BudgetsClient({ region: "us-east-1" }), "123456789012", TOPIC),
  };
}
const slack = { ...chat("slack:T1"), channel: { platform: "slack" as const, channel: "C42" } };

describe("budget commands", () => {
  it("from=<scenario> sets the limit to the scenario's monthly USD total and subscribes the asking channel", async () => {
    const deps = await withBudgets();
    budgetsMock.on(CreateBudgetCommand).resolves({});
    // Saved in TWD; the budget is in USD: bedrock-api at defaults is 38.61 USD.
    await handleText("save api bedrock-api currency=TWD", slack, deps);
    const reply = await handleText("budget create ml from=api", slack, deps);
    expect(reply.status).toBe(0);
    const input = budgetsMock.commandCalls(CreateBudgetCommand)[0]!.args[0].input;
    expect(input.Budget?.BudgetName).toBe("costbot-slack-T1-ml");
    expect(input.Budget?.BudgetLimit).toEqual({ Amount: "38.61", Unit: "USD" });
    expect(
      input.NotificationsWithSubscribers?.map((n) => [
        n.Notification?.NotificationType,
        n.Notification?.Threshold,
      ]),
    ).toEqual([
      ["ACTUAL", 50],
      ["ACTUAL", 75],
      ["ACTUAL", 100],
      ["FORECASTED", 100],
    ]);
    const sub = await deps.store.findBudgetSubscriptionByAwsName("costbot-slack-T1-ml");
    expect(sub).toMatchObject({
      tenant: "slack:T1",
      name: "ml",
      limitUsd: "38.61",
      scenario: "api",
      channels: [{ platform: "slack", channel: "C42" }],
    });
  });

  it("amount= converts from the given currency (3,200 TWD = 100.00 USD) and thresholds= are used as given", async () => {
    const deps = await withBudgets();
    budgetsMock.on(CreateBudgetCommand).resolves({});
    await handleText("budget create cap amount=3200TWD thresholds=80,120 forecast=0", slack, deps);
    const input = budgetsMock.commandCalls(CreateBudgetCommand)[0]!.args[0].input;
    expect(input.Budget?.BudgetLimit?.Amount).toBe("100.00");
    expect(input.NotificationsWithSubscribers?.map((n) => n.Notification?.Threshold)).toEqual([80, 120]);
  });

  it("bad input reaches neither AWS nor the store", async () => {
    const deps = await withBudgets();
    for (const text of [
      "budget create x",
      "budget create x amount=5USD from=api",
      "budget create x from=nothing-saved",
      "budget create x amount=5USD thresholds=0",
      "budget create x amount=5USD thresholds=50,abc",
      "budget create x amount=-5USD",
    ]) {
      expect((await handleText(text, slack, deps)).status, text).toBe(2);
    }
    expect(budgetsMock.calls()).toHaveLength(0);
    expect(await deps.store.listBudgetSubscriptions("slack:T1")).toEqual([]);
  });

  it("if the subscription cannot be stored, the AWS budget just created is deleted again", async () => {
    const deps = await withBudgets();
    budgetsMock.on(CreateBudgetCommand).resolves({});
    budgetsMock.on(DeleteBudgetCommand).resolves({});
    const failing = {
      ...deps,
      store: Object.assign(Object.create(deps.store), {
        putBudgetSubscription: () => Promise.reject(new Error("throttled")),
      }),
    };
    const reply = await handleText("budget create ml amount=10USD", slack, failing);
    expect(reply.status).toBe(1);
    expect(budgetsMock.commandCalls(DeleteBudgetCommand).map((c) => c.args[0].input.BudgetName)).toEqual([
      "costbot-slack-T1-ml",
    ]);
  });

  it("list and show put actual and forecast next to the linked scenario's prediction", async () => {
    const deps = await withBudgets();
    budgetsMock.on(CreateBudgetCommand).resolves({});
    budgetsMock.on(DescribeBudgetCommand).resolves({
      Budget: {
        BudgetName: "costbot-slack-T1-ml",
        BudgetType: "COST",
        TimeUnit: "MONTHLY",
        BudgetLimit: { Amount: "38.61", Unit: "USD" },
        CalculatedSpend: {
          ActualSpend: { Amount: "20.5", Unit: "USD" },
          ForecastedSpend: { Amount: "41", Unit: "USD" },
        },
      },
    });
    await handleText("save api bedrock-api", slack, deps);
    await handleText("budget create ml from=api", slack, deps);
    const list = await handleText("budget list", slack, deps);
    const table = list.blocks.find((b) => b.type === "table");
    expect(table?.type === "table" && table.rows).toEqual([
      ["ml", "38.61", "20.50", "41.00", "api", "38.61"],
    ]);
    const show = await handleText("budget show ml", slack, deps);
    expect(show.blocks.map((b) => (b.type === "text" ? b.text : "")).join("\n")).toMatch(
      /Actual spend this month: 20\.50 \(53 % of the limit\)/,
    );
    expect((await handleText("budget list", chat("slack:T2"), deps)).summary).toMatch(/No budgets/);
  });

  it("delete removes the AWS budget and the subscription", async () => {
    const deps = await withBudgets();
    budgetsMock.on(CreateBudgetCommand).resolves({});
    budgetsMock.on(DeleteBudgetCommand).resolves({});
    await handleText("budget create ml amount=10USD", slack, deps);
    expect((await handleText("budget delete ml", slack, deps)).status).toBe(0);
    expect(budgetsMock.commandCalls(DeleteBudgetCommand)[0]!.args[0].input.BudgetName).toBe(
      "costbot-slack-T1-ml",
    );
    expect(await deps.store.findBudgetSubscriptionByAwsName("costbot-slack-T1-ml")).toBeUndefined();
    expect((await handleText("budget delete ml", slack, deps)).status).toBe(2);
  });

  it("without AWS access configured, budget commands say what to set", async () => {
    const deps = await pipeline.deps();
    const reply = await handleText("budget list", chat("cli:local"), deps);
    expect(reply.status).toBe(2);
    expect(reply.hint).toMatch(/COSTBOT_BUDGETS_TOPIC_ARN/);
  });

  it("AWS budget names are unique per tenant and inside AWS's rules", () => {
    expect(awsBudgetName("slack:T1", "ml")).toBe("costbot-slack-T1-ml");
    expect(awsBudgetName("teams:72f988bf-86f1", "ml")).toBe("costbot-teams-72f988bf-86f1-ml");
    expect(awsBudgetName("slack:T1", "x".repeat(200))).toHaveLength(100);
    expect(awsBudgetName("a\\b:c", "n")).not.toMatch(/[:\\]/);
  });
});
