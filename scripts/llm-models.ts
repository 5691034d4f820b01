import { calcPrice, type ModelPrice } from "@pydantic/genai-prices";

/** The models costbot names, mapped to the price library's provider and model ids. */
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
