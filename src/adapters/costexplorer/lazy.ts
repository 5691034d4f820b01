import type { CostExplorerPort, SpendQuery } from "../../app/ports/cost-explorer.ts";

/**
 * Cost Explorer on first use: only `actual` (and the weekly post) need its SDK client, so the
 * Slack acknowledgement and every estimate load none of it. Cost Explorer is served from
 * us-east-1; the SDK's standard endpoint settings (AWS_ENDPOINT_URL_COST_EXPLORER,
 * AWS_ENDPOINT_URL) still apply, which is how a loopback Cost Explorer is used locally.
 */
export function lazyCostExplorer(): CostExplorerPort {
  let loading: Promise<CostExplorerPort> | undefined;
  const port = () => {
    loading ??= Promise.all([import("@aws-sdk/client-cost-explorer"), import("./cost-explorer.ts")]).then(
      ([{ CostExplorerClient }, { AwsCostExplorer }]) =>
        new AwsCostExplorer(new CostExplorerClient({ region: "us-east-1" })),
    );
    return loading;
  };
  return {
    spendByService: async (query: SpendQuery) => (await port()).spendByService(query),
    forecast: async (query: SpendQuery) => (await port()).forecast(query),
  };
}
