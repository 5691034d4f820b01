import type { ModelEntry, ModelInput, ModelKind, PriceEntry } from "./types.ts";

/** One model as scripts/snapshot-llm-prices.ts writes it (both snapshots share the shape). */
export interface SnapshotModel {
  readonly id: string;
  readonly name: string;
  readonly provider: string;
  readonly libraryModel: string;
  readonly vendorModel?: string;
  readonly vendor?: string;
  readonly aliases?: readonly string[];
  readonly rank?: number;
  readonly inputPerMTok: number;
  readonly outputPerMTok: number;
  readonly longContextTiers: boolean;
  readonly pricingUrl: string;
  readonly released?: string;
  readonly priceSince?: string;
  readonly priceChanges?: string;
  readonly kind: string;
  readonly takes: readonly string[];
  readonly takesFrom: string;
  readonly deprecated?: boolean;
}

export interface Snapshot {
  readonly library: string;
  readonly version: string;
  readonly published: string;
  readonly models: readonly SnapshotModel[];
}

/**
 * A snapshot's models as catalog entries. A price's date is the day the library says the price took
 * effect; where it does not say, the library release that carried it ("as published in …").
 */
export function snapshotEntries(
  snapshot: Snapshot,
  rank?: number,
): { models: ModelEntry[]; prices: PriceEntry[] } {
  const release = `${snapshot.library} ${snapshot.version}`;
  const models: ModelEntry[] = [];
  const prices: PriceEntry[] = [];
  for (const m of snapshot.models) {
    const dated = m.priceSince
      ? `price since ${m.priceSince}`
      : `undated in the library; as published in ${snapshot.version} on ${snapshot.published}`;
    const source = `${release} (${m.provider} ${m.libraryModel}, ${dated}); ${m.pricingUrl}`;
    const notes = [
      m.longContextTiers ? "base tier; long prompts or peak hours cost more" : "",
      m.priceChanges ? `the library lists a new price from ${m.priceChanges}` : "",
      m.deprecated ? "deprecated by its vendor" : "",
    ].filter(Boolean);
    const asOf = m.priceSince ?? snapshot.published;
    const base = {
      currency: "USD" as const,
      per: 1_000_000,
      source,
      asOf,
      ...(m.priceSince ? {} : { undated: true as const }),
    };
    const inputKey = `model.${m.id}.input`;
    const outputKey = `model.${m.id}.output`;
    prices.push({ ...base, key: inputKey, value: String(m.inputPerMTok), unit: "input tokens" });
    prices.push({ ...base, key: outputKey, value: String(m.outputPerMTok), unit: "output tokens" });
    const aliases = [
      ...new Set([...(m.vendorModel ? [m.vendorModel] : []), m.libraryModel, ...(m.aliases ?? [])]),
    ];
    models.push({
      id: m.id,
      name: m.name,
      provider: m.provider,
      inputKey,
      outputKey,
      aliases: aliases.filter((a) => a !== m.id),
      ...(notes.length ? { note: notes.join("; ") } : {}),
      ...(m.vendor ? { vendor: m.vendor } : {}),
      kind: m.kind as ModelKind,
      takes: m.takes as ModelInput[],
      takesFrom: m.takesFrom,
      ...(m.released ? { released: m.released } : {}),
      ...(m.priceSince ? { priceSince: m.priceSince } : {}),
      ...(m.priceChanges ? { priceChanges: m.priceChanges } : {}),
      ...(m.deprecated ? { deprecated: true } : {}),
      rank: rank ?? m.rank ?? 2,
    });
  }
  return { models, prices };
}
