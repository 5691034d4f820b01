import { BudgetsClient, CreateBudgetCommand, DescribeBudgetCommand } from "@aws-sdk/client-budgets";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { lazyBudgets } from "../../../src/adapters/budgets/lazy.ts";

const budgetsMock = mockClient(BudgetsClient);
afterEach(() => budgetsMock.reset());

describe("lazyBudgets", () => {
  it("sends nothing until a budget command runs, then the same requests as the adapter, for the account and topic given", async () => {
    const port = lazyBudgets("123456789012", "arn:aws:sns:us-east-1:123456789012:alerts");
    expect(budgetsMock.calls()).toHaveLength(0);
    budgetsMock.on(CreateBudgetCommand).resolves({});
    budgetsMock.on(DescribeBudgetCommand).resolves({
      Budget: {
        BudgetName: "b",
        BudgetType: "COST",
        TimeUnit: "MONTHLY",
        BudgetLimit: { Amount: "5", Unit: "USD" },
      },
    });
    expect(await port.create({ awsName: "b", limitUsd: "5.00", thresholds: [50] })).toBe("created");
    expect(await port.describe("b")).toEqual({ limitUsd: "5" });
    const create = budgetsMock.commandCalls(CreateBudgetCommand)[0]!.args[0].input;
    expect(create.AccountId).toBe("123456789012");
    expect(create.NotificationsWithSubscribers?.[0]?.Subscribers).toEqual([
      { SubscriptionType: "SNS", Address: "arn:aws:sns:us-east-1:123456789012:alerts" },
    ]);
  });
});
