import {
  type BudgetsClient,
  CreateBudgetCommand,
  DeleteBudgetCommand,
  DescribeBudgetCommand,
  DuplicateRecordException,
  NotFoundException,
  type NotificationWithSubscribers,
} from "@aws-sdk/client-budgets";
import type { BudgetSpend, BudgetsPort, NewBudget } from "../../app/ports.ts";

/**
 * AWS Budgets behind the pipeline's BudgetsPort: a monthly COST budget whose notifications
 * (ACTUAL at each threshold, one FORECASTED) all publish to the bot's SNS topic.
 */
export class AwsBudgets implements BudgetsPort {
  constructor(
    private readonly client: BudgetsClient,
    private readonly accountId: string,
    private readonly topicArn: string,
  ) {}

  async create(budget: NewBudget): Promise<"created" | "exists"> {
    const notify = (type: "ACTUAL" | "FORECASTED", threshold: number): NotificationWithSubscribers => ({
      Notification: {
        NotificationType: type,
        ComparisonOperator: "GREATER_THAN",
        Threshold: threshold,
        ThresholdType: "PERCENTAGE",
      },
      Subscribers: [{ SubscriptionType: "SNS", Address: this.topicArn }],
    });
    try {
      await this.client.send(
        new CreateBudgetCommand({
          AccountId: this.accountId,
          Budget: {
            BudgetName: budget.awsName,
            BudgetType: "COST",
            TimeUnit: "MONTHLY",
            BudgetLimit: { Amount: budget.limitUsd, Unit: "USD" },
          },
          NotificationsWithSubscribers: [
            ...budget.thresholds.map((t) => notify("ACTUAL", t)),
            ...(budget.forecast === undefined ? [] : [notify("FORECASTED", budget.forecast)]),
          ],
        }),
      );
      return "created";
    } catch (error) {
      if (error instanceof DuplicateRecordException) return "exists";
      throw error;
    }
  }

  async describe(awsName: string): Promise<BudgetSpend | undefined> {
    try {
      const { Budget } = await this.client.send(
        new DescribeBudgetCommand({ AccountId: this.accountId, BudgetName: awsName }),
      );
      if (!Budget?.BudgetLimit?.Amount) return undefined;
      const actual = Budget.CalculatedSpend?.ActualSpend?.Amount;
      const forecast = Budget.CalculatedSpend?.ForecastedSpend?.Amount;
      return {
        limitUsd: Budget.BudgetLimit.Amount,
        ...(actual === undefined ? {} : { actualUsd: actual }),
        ...(forecast === undefined ? {} : { forecastUsd: forecast }),
      };
    } catch (error) {
      if (error instanceof NotFoundException) return undefined;
      throw error;
    }
  }

  async delete(awsName: string): Promise<void> {
    try {
      await this.client.send(new DeleteBudgetCommand({ AccountId: this.accountId, BudgetName: awsName }));
    } catch (error) {
      // Already gone is what delete wants.
      if (!(error instanceof NotFoundException)) throw error;
    }
  }
}
