export interface NewBudget {
  readonly awsName: string;
  readonly limitUsd: string;
  /** ACTUAL-spend notifications, percent of the limit. */
  readonly thresholds: readonly number[];
  /** One FORECASTED notification at this percent; none when absent. */
  readonly forecast?: number;
}

export interface BudgetSpend {
  readonly limitUsd: string;
  readonly actualUsd?: string;
  readonly forecastUsd?: string;
}

/** What the pipeline needs from AWS Budgets; the adapter wraps @aws-sdk/client-budgets. */
export interface BudgetsPort {
  create(budget: NewBudget): Promise<"created" | "exists">;
  describe(awsName: string): Promise<BudgetSpend | undefined>;
  delete(awsName: string): Promise<void>;
}
