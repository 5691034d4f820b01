import {
  BudgetsClient,
  CreateBudgetCommand,
  DeleteBudgetCommand,
  DescribeBudgetCommand,
  DuplicateRecordException,
  NotFoundException,
} from "@aws-sdk/client-budgets";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { AwsBudgets } from "../../../src/adapters/budgets/aws-budgets.ts";

const TOPIC = "arn:aws:sns:us-east-1:123456789012:costbot-budget-alerts";
const budgetsMock = mockClient(BudgetsClient);
const adapter = () => new AwsBudgets(new BudgetsClient({ region: "us-east-1" }), "123456789012", TOPIC);
afterEach(() => budgetsMock.reset());

const sns = [{ SubscriptionType: "SNS", Address: TOPIC }];
const notification = (type: string, threshold: number) => ({
  Notification: {
    NotificationType: type,
    ComparisonOperator: "GREATER_THAN",
    Threshold: threshold,
    ThresholdType: "PERCENTAGE",
  },
  Subscribers: sns,
});

describe("AWS Budgets adapter (no local engine exists: the requests themselves are asserted)", () => {
  it("creates a monthly COST budget with ACTUAL notifications at each threshold and one FORECASTED, all to the SNS topic", async () => {
    budgetsMock.on(CreateBudgetCommand).resolves({});
    const result = await adapter().create({
      awsName: "costbot-slack-T1-ml",
      limitUsd: "500.00",
      thresholds: [50, 75, 100],
      forecast: 100,
    });
    expect(result).toBe("created");
    expect(budgetsMock.commandCalls(CreateBudgetCommand).map((c) => c.args[0].input)).toEqual([
      {
        AccountId: "123456789012",
        Budget: {
          BudgetName: "costbot-slack-T1-ml",
          BudgetType: "COST",
          TimeUnit: "MONTHLY",
          BudgetLimit: { Amount: "500.00", Unit: "USD" },
        },
        NotificationsWithSubscribers: [
          notification("ACTUAL", 50),
          notification("ACTUAL", 75),
          notification("ACTUAL", 100),
          notification("FORECASTED", 100),
        ],
      },
    ]);
  });

  it("leaves the forecast notification out when none is asked for", async () => {
    budgetsMock.on(CreateBudgetCommand).resolves({});
    await adapter().create({ awsName: "b", limitUsd: "1.00", thresholds: [80] });
    expect(
      budgetsMock.commandCalls(CreateBudgetCommand)[0]!.args[0].input.NotificationsWithSubscribers,
    ).toEqual([notification("ACTUAL", 80)]);
  });

  it("reports a duplicate name as `exists` instead of throwing", async () => {
    budgetsMock
      .on(CreateBudgetCommand)
      .rejects(new DuplicateRecordException({ message: "exists", $metadata: {} }));
    expect(await adapter().create({ awsName: "b", limitUsd: "1.00", thresholds: [50] })).toBe("exists");
  });

  it("reads limit, actual and forecasted spend from the budget's calculated spend", async () => {
    budgetsMock.on(DescribeBudgetCommand, { AccountId: "123456789012", BudgetName: "b" }).resolves({
      Budget: {
        BudgetName: "b",
        BudgetType: "COST",
        TimeUnit: "MONTHLY",
        BudgetLimit: { Amount: "500.0", Unit: "USD" },
        CalculatedSpend: {
          ActualSpend: { Amount: "123.45", Unit: "USD" },
          ForecastedSpend: { Amount: "610.2", Unit: "USD" },
        },
      },
    });
    expect(await adapter().describe("b")).toEqual({
      limitUsd: "500.0",
      actualUsd: "123.45",
      forecastUsd: "610.2",
    });
  });

  it("a budget deleted outside costbot describes as undefined and deletes without error", async () => {
    budgetsMock.on(DescribeBudgetCommand).rejects(new NotFoundException({ message: "gone", $metadata: {} }));
    budgetsMock.on(DeleteBudgetCommand).rejects(new NotFoundException({ message: "gone", $metadata: {} }));
    expect(await adapter().describe("b")).toBeUndefined();
    await expect(adapter().delete("b")).resolves.toBeUndefined();
    expect(budgetsMock.commandCalls(DeleteBudgetCommand)[0]!.args[0].input).toEqual({
      AccountId: "123456789012",
      BudgetName: "b",
    });
  });

  it("other failures are not swallowed", async () => {
    budgetsMock.on(DeleteBudgetCommand).rejects(new Error("AccessDenied"));
    await expect(adapter().delete("b")).rejects.toThrow("AccessDenied");
  });
});
