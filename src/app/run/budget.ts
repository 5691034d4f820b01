import { UserError } from "../../core/errors.ts";
import type { Command } from "../commands.ts";
import type { Context, Deps } from "../pipeline.ts";
import type { Reply } from "../reply.ts";

/** What the pipeline needs from AWS Budgets; the adapter wraps @aws-sdk/client-budgets. */
export interface BudgetsPort {
  create(budget: {
    readonly awsName: string;
    readonly limitUsd: string;
    readonly thresholds: readonly number[];
    readonly forecast?: number;
  }): Promise<void>;
  describe(
    awsName: string,
  ): Promise<{ limitUsd: string; actualUsd?: string; forecastUsd?: string } | undefined>;
  delete(awsName: string): Promise<void>;
}

export async function runBudget(
  _command: Extract<Command, { kind: "budget" }>,
  _ctx: Context,
  deps: Deps,
): Promise<Reply> {
  if (!deps.budgets) {
    throw new UserError(
      "budgets need AWS: this costbot has no AWS Budgets access configured",
      "in the CLI, set AWS credentials (AWS_PROFILE or AWS_ACCESS_KEY_ID) and COSTBOT_BUDGETS_TOPIC_ARN",
    );
  }
  throw new UserError("budget commands are not available in this version yet");
}
