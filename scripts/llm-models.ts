import { calcPrice, findProvider, type ModelInfo, type ModelPrice } from "@pydantic/genai-prices";

/**
 * The models costbot names in its eager catalog (the built-in templates' defaults and the models
 * people compare them with), mapped to the price library's provider and model ids. Every other
 * model of the library goes to the lazily loaded list (libraryModels below).
 */
export const LLM_SNAPSHOT_MODELS = [
  { id: "nova-micro", name: "Amazon Nova Micro", provider: "aws", vendorModel: "amazon.nova-micro-v1:0" },
  { id: "nova-lite", name: "Amazon Nova Lite", provider: "aws", vendorModel: "amazon.nova-lite-v1:0" },
  { id: "nova-pro", name: "Amazon Nova Pro", provider: "aws", vendorModel: "amazon.nova-pro-v1:0" },
  {
    id: "nova-premier",
    name: "Amazon Nova Premier",
    provider: "aws",
    vendorModel: "amazon.nova-premier-v1:0",
  },
  {
    id: "claude-haiku-4.5",
    name: "Claude Haiku 4.5 (Bedrock, regional)",
    provider: "aws",
    vendorModel: "anthropic.claude-haiku-4-5-20251001-v1:0",
  },
  {
    id: "claude-sonnet-4.5",
    name: "Claude Sonnet 4.5 (Bedrock, regional)",
    provider: "aws",
    vendorModel: "anthropic.claude-sonnet-4-5-20250929-v1:0",
  },
  {
    id: "claude-opus-4.5",
    name: "Claude Opus 4.5 (Bedrock, regional)",
    provider: "aws",
    vendorModel: "anthropic.claude-opus-4-5-20251101-v1:0",
  },
  {
    id: "llama-3.3-70b",
    name: "Llama 3.3 70B Instruct (Bedrock)",
    provider: "aws",
    vendorModel: "meta.llama3-3-70b-instruct-v1:0",
  },
  {
    id: "llama-4-maverick",
    name: "Llama 4 Maverick 17B (Bedrock)",
    provider: "aws",
    vendorModel: "meta.llama4-maverick-17b-instruct-v1:0",
  },
  { id: "deepseek-r1", name: "DeepSeek-R1 (Bedrock)", provider: "aws", vendorModel: "deepseek.r1-v1:0" },
  {
    id: "gpt-oss-120b",
    name: "gpt-oss-120b (Bedrock)",
    provider: "aws",
    vendorModel: "openai.gpt-oss-120b-1:0",
  },
  { id: "gpt-5", name: "GPT-5 (OpenAI)", provider: "openai", vendorModel: "gpt-5" },
  { id: "gpt-5-mini", name: "GPT-5 mini (OpenAI)", provider: "openai", vendorModel: "gpt-5-mini" },
  { id: "gpt-4.1", name: "GPT-4.1 (OpenAI)", provider: "openai", vendorModel: "gpt-4.1" },
  { id: "gpt-4o", name: "GPT-4o (OpenAI)", provider: "openai", vendorModel: "gpt-4o" },
  {
    id: "gemini-2.5-flash-lite",
    name: "Gemini 2.5 Flash Lite",
    provider: "google",
    vendorModel: "gemini-2.5-flash-lite",
  },
  { id: "gemini-2.5-flash", name: "Gemini 2.5 Flash", provider: "google", vendorModel: "gemini-2.5-flash" },
  { id: "gemini-2.5-pro", name: "Gemini 2.5 Pro", provider: "google", vendorModel: "gemini-2.5-pro" },
  {
    id: "gemini-3-flash",
    name: "Gemini 3 Flash (preview)",
    provider: "google",
    vendorModel: "gemini-3-flash-preview",
  },
  {
    id: "gemini-3-pro",
    name: "Gemini 3 Pro (preview)",
    provider: "google",
    vendorModel: "gemini-3-pro-preview",
  },
  {
    id: "text-embedding-3-small",
    name: "OpenAI text-embedding-3-small",
    provider: "openai",
    vendorModel: "text-embedding-3-small",
  },
  {
    id: "text-embedding-3-large",
    name: "OpenAI text-embedding-3-large",
    provider: "openai",
    vendorModel: "text-embedding-3-large",
  },
] as const;

type SnapshotModel = (typeof LLM_SNAPSHOT_MODELS)[number];

/** The library's providers costbot lists (README, Prices: the catalog); Meta's models are sold through Bedrock (`meta.*`). */
export const LIBRARY_PROVIDERS = ["aws", "openai", "anthropic", "google", "mistral"] as const;

function base(price: ModelPrice[string]): { value: number; tiered: boolean } {
  if (price === undefined) return { value: 0, tiered: false };
  if (typeof price === "number") return { value: price, tiered: false };
  return { value: price.base, tiered: price.tiers.length > 0 };
}

/** Base (non-long-context) per-million-token prices as the library holds them today. */
export function readLibraryPrice(model: SnapshotModel) {
  const result = calcPrice({ input_tokens: 1, output_tokens: 1 }, model.vendorModel, {
    providerId: model.provider,
  });
  if (!result) throw new Error(`@pydantic/genai-prices has no ${model.provider}/${model.vendorModel}`);
  const input = base(result.model_price.input_mtok);
  const output = base(result.model_price.output_mtok);
  return {
    libraryModel: result.model.id,
    inputPerMTok: input.value,
    outputPerMTok: output.value,
    longContextTiers: input.tiered || output.tiered,
    pricingUrl: result.provider.pricing_urls?.[0] ?? "",
  };
}

/** The price in force on `day` (conditional prices: the last one started by then) and its dates. */
function priceOn(m: ModelInfo, day: string) {
  if (!Array.isArray(m.prices))
    return { price: m.prices, since: undefined, next: undefined, timeOfDay: false };
  let price: ModelPrice | undefined;
  let since: string | undefined;
  let next: string | undefined;
  let timeOfDay = false;
  for (const c of m.prices) {
    const k = c.constraint;
    if (k?.type === "time_of_date") {
      timeOfDay = true;
      continue;
    }
    if (!k || k.start_date <= day) {
      price = c.prices;
      since = k?.start_date ?? since;
    } else if (!next || k.start_date < next) next = k.start_date;
  }
  return { price: price ?? {}, since, next, timeOfDay };
}

const VENDORS = /^(amazon|anthropic|meta|mistral|openai|google|deepseek|qwen|nvidia|writer)\./;

/** `regional.anthropic.claude-sonnet-4-5-20250929-v1:0` → `claude-sonnet-4.5-20250929`. */
export function slugOf(libraryId: string): string {
  return libraryId
    .toLowerCase()
    .replace(/^(global|regional)\./, "")
    .replace(VENDORS, "")
    .replace(/(-v\d+)?:\d+$/, "")
    .replace(/-\d+:\d+$/, "")
    .replace(/-v\d+$/, "")
    .replace(/(\D)(\d)-(\d)(?=$|-)/g, "$1$2.$3");
}

/** What people type for a slug: without its date, `-preview`, `-latest`, `claude-`, `.0`; `llama-3.3-70b`. */
export function aliasesOf(slug: string): string[] {
  const out = new Set<string>();
  const plain = slug
    .replace(/-(\d{8}|\d{4}-\d{2}-\d{2})$/, "")
    .replace(/-(preview|latest)$/, "")
    .replace(/-(instruct|it)$/, "");
  for (const s of [slug, plain]) {
    out.add(s);
    if (/^claude-/.test(s)) out.add(s.replace(/^claude-/, ""));
    if (/\.0$/.test(s)) out.add(s.replace(/\.0$/, ""));
    if (/^llama\d/.test(s)) out.add(s.replace(/^llama(\d)/, "llama-$1").replace(/-instruct$/, ""));
  }
  return [...out];
}

/** When a model came out, from the date its id carries (`-20250929`, `-2024-08-06`, Mistral's `-2411`). */
export function releasedOf(libraryId: string): string | undefined {
  const full = /(20\d{2})-?(\d{2})-?(\d{2})(?!\d)/.exec(libraryId);
  if (full) return `${full[1]}-${full[2]}-${full[3]}`;
  const yymm = /-(2[3-9])(0[1-9]|1[0-2])(?=$|-|\b)/.exec(libraryId);
  return yymm ? `20${yymm[1]}-${yymm[2]}` : undefined;
}

/**
 * Families that take images though the library's prices and description do not say so
 * (the vendors' model pages): costbot's own rule, named as such in `models`.
 */
const IMAGE_FAMILIES =
  /^(claude-(3|sonnet|opus|haiku|fable)|claude-\d|gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|gpt-6|o1$|o1-pro|o3$|o3-pro|o4|chatgpt-4o|computer-use|gemini|gemma-3-(4b|12b|27b)|gemma-4|llama4|llama3\.2-(11b|90b)|nova-(lite|pro|premier|2-lite)|pixtral|mistral-medium-3|mistral-small-(3\.[12]|2603|latest)|ministral-.*2512|ministral-3-|mistral-large-3|qwen3-vl)/;
const AUDIO_FAMILIES = /^(gemini-(2|3)|voxtral|gpt-4o-.*audio|gpt-audio|gpt-realtime)/;

export interface ModelFacts {
  readonly kind: "chat" | "embedding";
  readonly takes: readonly ("text" | "images" | "audio")[];
  /** Where `takes` came from: the library's prices or description, or costbot's family rule. */
  readonly takesFrom: string;
}

export function factsOf(slug: string, info: ModelInfo, price: ModelPrice): ModelFacts {
  const text = `${info.name ?? ""} ${info.description ?? ""}`.toLowerCase();
  const kind = /embed/.test(slug) ? "embedding" : "chat";
  const takes: ("text" | "images" | "audio")[] = ["text"];
  const from: string[] = [];
  const textOnly = /text-only/.test(text);
  if ("input_image_mtok" in price || (!textOnly && /\b(image|vision|multimodal)/.test(text))) {
    takes.push("images");
    from.push("the library");
  } else if (!textOnly && IMAGE_FAMILIES.test(slug) && !/(tts|codex|search|transcribe|embed)/.test(slug)) {
    takes.push("images");
    from.push("costbot's family rule");
  }
  if ("input_audio_mtok" in price || /\baudio\b/.test(text)) {
    takes.push("audio");
    from.push("the library");
  } else if (AUDIO_FAMILIES.test(slug) && !/(tts|image)/.test(slug)) {
    takes.push("audio");
    from.push("costbot's family rule");
  }
  return {
    kind,
    takes,
    takesFrom: from.length ? `per ${[...new Set(from)].join(" and ")}` : "as far as the library says",
  };
}

/** Order for a name several hosts carry: in-region Bedrock first (costbot prices AWS workloads). */
function hostOf(provider: string, libraryId: string): { host: string; rank: number } {
  if (provider === "aws")
    return libraryId.startsWith("global.")
      ? { host: "bedrock-global", rank: 3 }
      : { host: "bedrock", rank: 1 };
  if (provider === "google" && libraryId.startsWith("claude")) return { host: "vertex", rank: 4 };
  return { host: provider, rank: 2 };
}

export interface LibraryModel {
  readonly id: string;
  readonly name: string;
  readonly provider: string;
  readonly vendor: string;
  readonly libraryModel: string;
  readonly aliases: readonly string[];
  readonly rank: number;
  readonly inputPerMTok: number;
  readonly outputPerMTok: number;
  readonly longContextTiers: boolean;
  readonly pricingUrl: string;
  readonly released?: string;
  readonly priceSince?: string;
  readonly priceChanges?: string;
  readonly kind: ModelFacts["kind"];
  readonly takes: ModelFacts["takes"];
  readonly takesFrom: string;
  readonly deprecated?: boolean;
}

export interface SkippedModel {
  readonly provider: string;
  readonly libraryModel: string;
  readonly reason: string;
}

function vendorOf(slug: string, libraryId: string, provider: string): string {
  const v = VENDORS.exec(libraryId.replace(/^(global|regional)\./, ""))?.[1];
  if (v) return v === "amazon" ? "amazon" : v;
  if (/^claude/.test(slug)) return "anthropic";
  if (/^(gemini|gemma)/.test(slug)) return "google";
  return provider;
}

/** Every token-priced model of the library's listed providers, with what it takes and its dates. */
export function libraryModels(published: string): { models: LibraryModel[]; skipped: SkippedModel[] } {
  const models: LibraryModel[] = [];
  const skipped: SkippedModel[] = [];
  for (const providerId of LIBRARY_PROVIDERS) {
    const provider = findProvider({ providerId });
    if (!provider) throw new Error(`@pydantic/genai-prices has no provider ${providerId}`);
    for (const info of provider.models) {
      const { price, since, next, timeOfDay } = priceOn(info, published);
      if (price.input_mtok === undefined) {
        const units = Object.keys(price).join(", ") || "no price";
        skipped.push({
          provider: providerId,
          libraryModel: info.id,
          reason: `not priced per token (${units})`,
        });
        continue;
      }
      const slug = slugOf(info.id);
      const { host, rank } = hostOf(providerId, info.id);
      const input = base(price.input_mtok);
      const output = base(price.output_mtok);
      const released = releasedOf(info.id);
      const facts = factsOf(slug, info, price);
      const region = host === "bedrock-global" ? ", Bedrock global" : host === "bedrock" ? ", Bedrock" : "";
      models.push({
        id: `${host}/${slug}`,
        name: `${info.name ?? slug}${host === "vertex" ? " (Vertex AI)" : region}`,
        provider: providerId,
        vendor: vendorOf(slug, info.id, providerId),
        libraryModel: info.id,
        aliases: [
          ...new Set([
            ...aliasesOf(slug),
            info.id.toLowerCase(),
            info.id.toLowerCase().replace(/^(global|regional)\./, ""),
          ]),
        ],
        rank,
        inputPerMTok: input.value,
        outputPerMTok: output.value,
        longContextTiers: input.tiered || output.tiered || timeOfDay,
        pricingUrl: provider.pricing_urls?.[0] ?? "",
        ...(released ? { released } : {}),
        ...(since ? { priceSince: since } : {}),
        ...(next ? { priceChanges: next } : {}),
        ...facts,
        ...(info.deprecated ? { deprecated: true } : {}),
      });
    }
  }
  return { models, skipped };
}
