import { CURRENCIES, type CurrencyCode, convert, Decimal, dec, type RateTable } from "../money.ts";
import { ALLOWANCE_ENTRIES, PRICE_ENTRIES, RATE_ENTRIES } from "./entries.ts";
import { misfit, suggestion } from "./fit.ts";
import { snapshotEntries } from "./llm.ts";
import snapshot from "./llm-prices.json" with { type: "json" };
import { RECORDED, SEED } from "./sources.ts";
import type { AllowanceEntry, ModelEntry, ModelNeed, PriceEntry, RateEntry } from "./types.ts";

export type {
  AllowanceEntry,
  ModelEntry,
  ModelInput,
  ModelKind,
  ModelNeed,
  PriceEntry,
  RateEntry,
} from "./types.ts";

export interface Catalog {
  readonly version: string;
  readonly date: string;
  readonly rates: RateTable;
  readonly rateEntries: readonly RateEntry[];
  price(key: string): PriceEntry | undefined;
  allowance(key: string): AllowanceEntry | undefined;
  /** The one model a name means (id or alias), or undefined when it names none or several. */
  model(idOrAlias: string): ModelEntry | undefined;
  /** Every model a name may mean: one, none, or several when it is ambiguous. */
  modelMatches(idOrAlias: string): readonly ModelEntry[];
  models(): readonly ModelEntry[];
  /** Every price (or free allowance) key, for did-you-mean in workload models. */
  keys(kind: "price" | "allowance"): readonly string[];
  /** Every price entry, sorted by key (`prices`). */
  prices(): readonly PriceEntry[];
  /** Why the model cannot do what a parameter needs (with a suggestion), or undefined when it fits. */
  fit(idOrAlias: string, needs: readonly (ModelNeed | string)[]): string | undefined;
  /** False until the price library's full model list is loaded (a lazily imported chunk). */
  complete(): boolean;
  /** Loads the full model list; a no-op once loaded or where the catalog has none to load. */
  loadAllModels(): Promise<void>;
  /** A price's value in USD per one unit (value / per, converted at the catalog's rates). */
  usdPerUnit(entry: PriceEntry): Decimal;
}

/**
 * A model name the eager catalog does not know, asked before the full list was loaded. The app
 * loads the list before it resolves a command's values (app/model-list.ts), so this is a bug
 * of the caller, never an answer for a user: nothing catches it to run a command again.
 */
export class ModelListNotLoaded extends Error {
  override readonly name = "ModelListNotLoaded";
  constructor(readonly model: string) {
    super(`model ${model} may be in the full model list, which is not loaded yet`);
  }
}

interface ModelSet {
  readonly models: readonly ModelEntry[];
  readonly prices: readonly PriceEntry[];
}

interface CatalogData {
  readonly prices: readonly PriceEntry[];
  readonly allowances: readonly AllowanceEntry[];
  readonly models: readonly ModelEntry[];
  readonly rates: readonly RateEntry[];
  readonly version: string;
  readonly date: string;
  /** More models, loaded on demand (the price library's full list). */
  readonly more?: () => Promise<ModelSet>;
}

/** The part of a canonical id after its host (`bedrock/claude-sonnet-4.6` → `claude-sonnet-4.6`). */
const slug = (id: string) => id.slice(id.indexOf("/") + 1);

export function createCatalog(data: CatalogData): Catalog {
  const prices = new Map(data.prices.map((p) => [p.key, p]));
  const allowances = new Map(data.allowances.map((a) => [a.key, a]));
  const models: ModelEntry[] = [];
  // name → models; `primary` names (id, its slug, the library's id) beat derived aliases.
  const index = new Map<string, { m: ModelEntry; primary: boolean }[]>();
  const addModels = (set: ModelSet) => {
    for (const p of set.prices) if (!prices.has(p.key)) prices.set(p.key, p);
    for (const m of set.models) {
      models.push(m);
      const primary = new Set([m.id, slug(m.id)].map((n) => n.toLowerCase()));
      for (const name of new Set([...primary, ...m.aliases.map((a) => a.toLowerCase())])) {
        const list = index.get(name) ?? [];
        list.push({ m, primary: primary.has(name) || m.aliases[0]?.toLowerCase() === name });
        index.set(name, list);
      }
    }
  };
  addModels(data);
  let loaded = !data.more;
  let loading: Promise<void> | undefined;

  const matches = (name: string): ModelEntry[] => {
    const found = index.get(name.toLowerCase()) ?? [];
    const exact = found.filter((f) => f.m.id.toLowerCase() === name.toLowerCase());
    // A bare name means, in order of host (README "Names"): costbot's own, Bedrock in-region,
    // the vendor, Bedrock global, Vertex; within one host a model's own name beats an alias.
    const pool = exact.length ? exact : found;
    const best = Math.min(...pool.map((f) => f.m.rank ?? 0));
    const ranked = pool.filter((f) => (f.m.rank ?? 0) === best);
    const named = ranked.some((f) => f.primary) ? ranked.filter((f) => f.primary) : ranked;
    return [...new Set(named.map((f) => f.m))];
  };
  const rateMap = Object.fromEntries(CURRENCIES.map((c) => [c, new Decimal(0)])) as Record<
    CurrencyCode,
    Decimal
  >;
  for (const r of data.rates) rateMap[r.currency] = dec(r.perUsd);
  const rates: RateTable = rateMap;
  const usdPerUnit = (entry: PriceEntry) =>
    convert(dec(entry.value).div(entry.per), entry.currency, "USD", rates);
  const inputPrice = (m: ModelEntry) => {
    const p = prices.get(m.inputKey);
    return p ? usdPerUnit(p).toNumber() : Number.POSITIVE_INFINITY;
  };
  return {
    version: data.version,
    date: data.date,
    rates,
    rateEntries: data.rates,
    price: (key) => prices.get(key),
    allowance: (key) => allowances.get(key),
    model: (name) => {
      const found = matches(name);
      return found.length === 1 ? found[0] : undefined;
    },
    modelMatches: matches,
    models: () => models,
    prices: () => [...prices.values()].sort((a, b) => a.key.localeCompare(b.key)),
    fit: (name, needs) => {
      const m = matches(name)[0];
      if (!m) return `unknown model \`${name}\``;
      const reason = misfit(m, needs as readonly ModelNeed[]);
      if (!reason) return undefined;
      const instead = suggestion(
        models.filter((x) => (x.rank ?? 0) === 0),
        needs as readonly ModelNeed[],
        inputPrice,
      );
      return instead ? `${reason}; pick one that fits, e.g. \`${instead.id}\`` : reason;
    },
    complete: () => loaded,
    loadAllModels: () => {
      if (loaded || !data.more) return Promise.resolve();
      loading ??= data.more().then((set) => {
        addModels(set);
        loaded = true;
      });
      return loading;
    },
    keys: (kind) => [...(kind === "price" ? prices : allowances).keys()],
    usdPerUnit,
  };
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
    kind: "chat",
    takes: ["text", "images", "audio"],
    takesFrom: "as gemini-2.5-flash-lite, per the library",
    rank: 0,
  },
  {
    id: "deepseek-r1-distill-llama-70b",
    name: "DeepSeek-R1-Distill-Llama-70B (Bedrock custom model import)",
    provider: "aws",
    inputKey: "model.deepseek-r1-distill-llama-70b.input",
    outputKey: "model.deepseek-r1-distill-llama-70b.output",
    aliases: [],
    note: `${SEED.bedrockApi}'s assumed price; imported models are billed per Custom Model Unit-minute`,
    kind: "chat",
    takes: ["text"],
    takesFrom: "a distilled Llama 3.3, per seed 002",
    rank: 0,
  },
];

let defaultCatalog: Catalog | undefined;

/** The catalog shipped with this version of costbot. */
export function builtInCatalog(): Catalog {
  if (!defaultCatalog) {
    const llm = snapshotEntries(snapshot, 0);
    defaultCatalog = createCatalog({
      prices: [...PRICE_ENTRIES, ...llm.prices],
      allowances: ALLOWANCE_ENTRIES,
      models: [...llm.models, ...OWN_MODELS],
      rates: RATE_ENTRIES,
      version: `${RECORDED}+${snapshot.library.replace("@pydantic/", "")}-${snapshot.version}`,
      date: RECORDED,
      more: async () => (await import("./library-models.ts")).LIBRARY_MODELS,
    });
  }
  return defaultCatalog;
}
