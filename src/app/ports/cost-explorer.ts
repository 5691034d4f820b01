/** How a saved scenario is linked to its AWS bill: a cost-allocation tag, a linked account, or both. */
export interface BillFilter {
  readonly tag?: { readonly key: string; readonly value: string };
  /** A 12-digit AWS account id. */
  readonly account?: string;
}

/** One question to Cost Explorer: [start, end) as YYYY-MM-DD, under a filter. */
export interface SpendQuery {
  readonly start: string;
  readonly end: string;
  readonly filter: BillFilter;
}

/** What Cost Explorer answers per query: UnblendedCost in USD by SERVICE, as decimal strings. */
export interface ServiceSpend {
  readonly service: string;
  readonly usd: string;
}

/**
 * Cost Explorer (README "Actual spend"). The adapter wraps @aws-sdk/client-cost-explorer, loaded
 * only when a command asks for actual spend. A refusal (no permission, throttled) is a
 * CostExplorerRefused carrying the one line the person reads.
 */
export interface CostExplorerPort {
  spendByService(query: SpendQuery): Promise<ServiceSpend[]>;
  /** The forecast UnblendedCost in USD for [start, end); undefined when Cost Explorer has none yet. */
  forecast(query: SpendQuery): Promise<string | undefined>;
}

/** Cost Explorer said no, for a reason the person can act on (its message says which). */
export class CostExplorerRefused extends Error {
  override readonly name = "CostExplorerRefused";
}
