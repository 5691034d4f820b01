import { ANTHROPIC_CACHE_RULES, BATCH_RULES, times } from "./model-prices.ts";
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
  readonly cacheReadPerMTok?: number;
  readonly cacheWritePerMTok?: number;
  /** The long-context tier: from this many prompt tokens, every token costs the tier's price. */
  readonly longFrom?: number;
  readonly inputLongPerMTok?: number;
  readonly outputLongPerMTok?: number;
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
    prices.push(...extraEntries(m, base));
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

type Base = Pick<PriceEntry, "currency" | "per" | "source" | "asOf" | "undated">;

/**
 * A model's cache, batch and long-context prices: the library's where it carries them, else a
 * provider's published rule applied to the library's input and output prices (named in the
 * entry's source and note). A side neither gives has no entry: the key is refused with the reason.
 */
function extraEntries(m: SnapshotModel, base: Base): PriceEntry[] {
  const out: PriceEntry[] = [];
  const key = (side: string) => `model.${m.id}.${side}`;
  const ruled = (side: string, value: string, unit: string, says: string, page: string): PriceEntry => ({
    ...base,
    key: key(side),
    value,
    unit,
    source: `${says} (${page}); applied to ${base.source}`,
    note: `costbot's rule, not a library price: ${says}`,
  });
  const anthropic = m.vendor === "anthropic" || m.provider === "anthropic";
  // The library's cache prices where it has them, else Anthropic's published rule for its models.
  for (const [side, libraryPrice, unit] of [
    ["cache_read", m.cacheReadPerMTok, "cached input tokens (read)"],
    ["cache_write", m.cacheWritePerMTok, "input tokens written to the cache"],
  ] as const) {
    if (libraryPrice !== undefined) out.push({ ...base, key: key(side), value: String(libraryPrice), unit });
    else if (anthropic) {
      const r = ANTHROPIC_CACHE_RULES[side];
      out.push(ruled(side, times(m.inputPerMTok, r.share), unit, r.says, ANTHROPIC_CACHE_RULES.page));
    }
  }
  const batch = BATCH_RULES[m.provider];
  if (batch) {
    out.push(
      ruled("batch_input", times(m.inputPerMTok, batch.share), "batch input tokens", batch.says, batch.page),
    );
    out.push(
      ruled(
        "batch_output",
        times(m.outputPerMTok, batch.share),
        "batch output tokens",
        batch.says,
        batch.page,
      ),
    );
  }
  if (m.longFrom !== undefined && m.inputLongPerMTok !== undefined) {
    const over = `prompts over ${m.longFrom.toLocaleString("en-US")} tokens`;
    out.push({
      ...base,
      key: key("input_long"),
      value: String(m.inputLongPerMTok),
      unit: `input tokens (${over})`,
    });
    if (m.outputLongPerMTok !== undefined)
      out.push({
        ...base,
        key: key("output_long"),
        value: String(m.outputLongPerMTok),
        unit: `output tokens (${over})`,
      });
  }
  return out;
}
