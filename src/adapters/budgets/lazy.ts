import type { BudgetSpend, BudgetsPort, NewBudget } from "../../app/ports.ts";

/**
 * AWS Budgets on first use: only `budget` commands need its SDK client, so the chat
 * functions and the CLI do not load it (and pay for it at cold start) for anything else.
 */
export function lazyBudgets(accountId: string, topicArn: string): BudgetsPort {
  let loading: Promise<BudgetsPort> | undefined;
  const port = () => {
    loading ??= Promise.all([import("@aws-sdk/client-budgets"), import("./aws-budgets.ts")]).then(
      // AWS Budgets is a global service served from us-east-1.
      ([{ BudgetsClient }, { AwsBudgets }]) =>
        new AwsBudgets(new BudgetsClient({ region: "us-east-1" }), accountId, topicArn),
    );
    return loading;
  };
  return {
    create: async (budget: NewBudget) => (await port()).create(budget),
    describe: async (awsName: string): Promise<BudgetSpend | undefined> => (await port()).describe(awsName),
    delete: async (awsName: string) => (await port()).delete(awsName),
  };
}
