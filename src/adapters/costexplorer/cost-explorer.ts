import {
  type CostExplorerClient,
  DataUnavailableException,
  type Expression,
  GetCostAndUsageCommand,
  GetCostForecastCommand,
  LimitExceededException,
} from "@aws-sdk/client-cost-explorer";
import {
  type BillFilter,
  type CostExplorerPort,
  CostExplorerRefused,
  type ServiceSpend,
  type SpendQuery,
} from "../../app/ports/cost-explorer.ts";

/** Cost Explorer answers at most this many pages for one question before we stop (each page is a paid request). */
const MAX_PAGES = 5;

/** A scenario's filter as a Cost Explorer Expression: one condition alone, two under `And`. */
export function filterExpression(filter: BillFilter): Expression {
  const parts: Expression[] = [];
  if (filter.tag)
    parts.push({ Tags: { Key: filter.tag.key, Values: [filter.tag.value], MatchOptions: ["EQUALS"] } });
  if (filter.account) parts.push({ Dimensions: { Key: "LINKED_ACCOUNT", Values: [filter.account] } });
  if (parts.length === 1) return parts[0]!;
  return { And: parts };
}

/** The refusals a person can act on, in one line naming the permission; anything else is ours. */
function refusal(error: unknown, action: string): unknown {
  const name = error instanceof Error ? error.name : "";
  if (name === "AccessDeniedException" || name === "AccessDenied" || name === "UnauthorizedOperation")
    return new CostExplorerRefused(
      `Cost Explorer refused: this role may not call ce:${action} (IAM). Grant ce:GetCostAndUsage and ce:GetCostForecast.`,
      { cause: error },
    );
  if (error instanceof LimitExceededException || name === "ThrottlingException")
    return new CostExplorerRefused("Cost Explorer is throttling requests just now; try again in a minute.", {
      cause: error,
    });
  return error;
}

/** Cost Explorer behind the CostExplorerPort, with an injected client (endpoint from the SDK's own settings). */
export class AwsCostExplorer implements CostExplorerPort {
  constructor(private readonly client: CostExplorerClient) {}

  async spendByService(query: SpendQuery): Promise<ServiceSpend[]> {
    const spend: ServiceSpend[] = [];
    let token: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const answer = await this.client
        .send(
          new GetCostAndUsageCommand({
            TimePeriod: { Start: query.start, End: query.end },
            Granularity: "MONTHLY",
            Metrics: ["UnblendedCost"],
            GroupBy: [{ Type: "DIMENSION", Key: "SERVICE" }],
            Filter: filterExpression(query.filter),
            ...(token ? { NextPageToken: token } : {}),
          }),
        )
        .catch((error: unknown) => {
          throw refusal(error, "GetCostAndUsage");
        });
      for (const result of answer.ResultsByTime ?? [])
        for (const group of result.Groups ?? []) {
          const service = group.Keys?.[0];
          const amount = group.Metrics?.UnblendedCost?.Amount;
          if (service && amount !== undefined) spend.push({ service, usd: amount });
        }
      token = answer.NextPageToken;
      if (!token) break;
    }
    return spend;
  }

  async forecast(query: SpendQuery): Promise<string | undefined> {
    try {
      const answer = await this.client.send(
        new GetCostForecastCommand({
          TimePeriod: { Start: query.start, End: query.end },
          Granularity: "MONTHLY",
          Metric: "UNBLENDED_COST",
          Filter: filterExpression(query.filter),
        }),
      );
      return answer.Total?.Amount;
    } catch (error) {
      // Too little history under this filter for a forecast: the reply says so, it is not a failure.
      if (error instanceof DataUnavailableException) return undefined;
      throw refusal(error, "GetCostForecast");
    }
  }
}
