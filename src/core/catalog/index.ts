import { CURRENCIES, type CurrencyCode, convert, Decimal, dec, type RateTable } from "../money.ts";
import { ALLOWANCE_ENTRIES, PRICE_ENTRIES, RATE_ENTRIES } from "./entries.ts";
import snapshot from "./llm-prices.json" with { type: "json" };
import { RECORDED, SEED } from "./sources.ts";
import type { AllowanceEntry, ModelEntry, PriceEntry, RateEntry } from "./types.ts";

export type { AllowanceEntry, ModelEntry, PriceEntry, RateEntry } from "./types.ts";

export interface Catalog {
  readonly version: string;
  readonly date: string;
  readonly rates: RateTable;
  readonly rateEntries: readonly RateEntry[];
  price(key: string): PriceEntry | undefined;
  allowance(key: string): AllowanceEntry | undefined;
  model(idOrAlias: string): ModelEntry | undefined;
  models(): readonly ModelEntry[];
  /** Every price (or free allowance) key, for did-you-mean in workload models. */
  keys(kind: "price" | "allowance"): readonly string[];
  /** A price's value in USD per one unit (value / per, converted at the catalog's rates). */
  usdPerUnit(entry: PriceEntry): Decimal;
}

interface CatalogData {
  readonly prices: readonly PriceEntry[];
  readonly allowances: readonly AllowanceEntry[];
  readonly models: readonly ModelEntry[];
  readonly rates: readonly RateEntry[];
  readonly version: string;
  readonly date: string;
}

export function createCatalog(data: CatalogData): Catalog {
  const prices = new Map(data.prices.map((p) => [p.key, p]));
  const allowances = new Map(data.allowances.map((a) => [a.key, a]));
  const modelIndex = new Map<string, ModelEntry>();
  for (const m of data.models) {
    for (const name of [m.id, ...m.aliases]) modelIndex.set(name.toLowerCase(), m);
  }
  const rateMap = Object.fromEntries(CURRENCIES.map((c) => [c, new Decimal(0)])) as Record<
    CurrencyCode,
    Decimal
  >;
  for (const r of data.rates) rateMap[r.currency] = dec(r.perUsd);
  const rates: RateTable = rateMap;
  return {
    version: data.version,
    date: data.date,
    rates,
    rateEntries: data.rates,
    price: (key) => prices.get(key),
    allowance: (key) => allowances.get(key),
    model: (name) => modelIndex.get(name.toLowerCase()),
    models: () => data.models,
    keys: (kind) => [...(kind === "price" ? prices : allowances).keys()],
    usdPerUnit: (entry) => convert(dec(entry.value).div(entry.per), entry.currency, "USD", rates),
  };
}

function snapshotModels(): { models: ModelEntry[]; prices: PriceEntry[] } {
  const source = `${snapshot.library} ${snapshot.version}`;
  const models: ModelEntry[] = [];
  const prices: PriceEntry[] = [];
  for (const m of snapshot.models) {
    const origin = `${source} (${m.provider} ${m.libraryModel}); ${m.pricingUrl}`;
    const note = m.longContextTiers ? "base tier; prompts over 200k tokens cost more" : undefined;
    const base = { currency: "USD" as const, per: 1_000_000, source: origin, asOf: snapshot.published };
    prices.push({ ...base, key: `model.${m.id}.input`, value: String(m.inputPerMTok), unit: "input tokens" });
    prices.push({
      ...base,
      key: `model.${m.id}.output`,
      value: String(m.outputPerMTok),
      unit: "output tokens",
    });
    models.push({
      id: m.id,
      name: m.name,
      provider: m.provider,
      inputKey: `model.${m.id}.input`,
      outputKey: `model.${m.id}.output`,
      aliases: [m.vendorModel, m.libraryModel],
      ...(note ? { note } : {}),
    });
  }
  return { models, prices };
}

/** Models the library lacks, priced by the seeds that assume them. */
const OWN_MODELS: readonly ModelEntry[] = [
  {
    id: "gemini-flash-lite",
    name: "Gemini Flash Lite (gemini-flash-lite-latest)",
    provider: "google",
    inputKey: "model.gemini-flash-lite.input",
    outputKey: "model.gemini-flash-lite.output",
    aliases: ["gemini-flash-lite-latest"],
    note: `${SEED.voiceCoach}'s price; the library prices gemini-2.5-flash-lite the same`,
  },
  {
    id: "deepseek-r1-distill-llama-70b",
    name: "DeepSeek-R1-Distill-Llama-70B (Bedrock custom model import)",
    provider: "aws",
    inputKey: "model.deepseek-r1-distill-llama-70b.input",
    outputKey: "model.deepseek-r1-distill-llama-70b.output",
    aliases: [],
    note: `${SEED.bedrockApi}'s assumed price; imported models are billed per Custom Model Unit-minute`,
  },
];

let defaultCatalog: Catalog | undefined;

/** The catalog shipped with this version of costbot. */
export function builtInCatalog(): Catalog {
  if (!defaultCatalog) {
    const llm = snapshotModels();
    defaultCatalog = createCatalog({
      prices: [...PRICE_ENTRIES, ...llm.prices],
      allowances: ALLOWANCE_ENTRIES,
      models: [...llm.models, ...OWN_MODELS],
      rates: RATE_ENTRIES,
      version: `${RECORDED}+${snapshot.library.replace("@pydantic/", "")}-${snapshot.version}`,
      date: RECORDED,
    });
  }
  return defaultCatalog;
}
