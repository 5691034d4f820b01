import { UserError } from "../errors.ts";
import { Decimal } from "../money.ts";
import type { ModelEntry, PriceEntry } from "./types.ts";

/**
 * The prices a model can have beside plain input and output (README "Prices: the catalog"):
 * prompt-cache reads and writes, batch input and output, and the long-context tier. A workload
 * names them as `{model}.<side>`; the catalog key is `model.<id>.<side>`.
 */
export const MODEL_SIDES = [
  "input",
  "output",
  "cache_read",
  "cache_write",
  "batch_input",
  "batch_output",
  "input_long",
  "output_long",
] as const;
export type ModelSide = (typeof MODEL_SIDES)[number];

export const isModelSide = (text: string): text is ModelSide =>
  (MODEL_SIDES as readonly string[]).includes(text);

/** The catalog key of one of a model's prices. */
export const modelKey = (m: Pick<ModelEntry, "id" | "inputKey" | "outputKey">, side: ModelSide): string =>
  side === "input" ? m.inputKey : side === "output" ? m.outputKey : `model.${m.id}.${side}`;

/** A provider's published batch discount: the batch price is this share of the standard one. */
interface Rule {
  readonly share: string;
  readonly says: string;
  readonly page: string;
}

const HALF = "0.5";
/** Batch inference at half the standard price, per the providers' own pages. */
export const BATCH_RULES: Readonly<Record<string, Rule>> = {
  openai: {
    share: HALF,
    says: "OpenAI's Batch API: 50 % of the standard price",
    page: "https://platform.openai.com/docs/guides/batch",
  },
  anthropic: {
    share: HALF,
    says: "Anthropic's Message Batches API: 50 % of the standard price",
    page: "https://docs.anthropic.com/en/docs/build-with-claude/batch-processing",
  },
  aws: {
    share: HALF,
    says: "Amazon Bedrock batch inference: 50 % of the on-demand price, for the models that offer batch",
    page: "https://aws.amazon.com/bedrock/pricing/",
  },
  google: {
    share: HALF,
    says: "Gemini Batch Mode: 50 % of the interactive price",
    page: "https://ai.google.dev/gemini-api/docs/batch-mode",
  },
};

/** Anthropic's prompt caching: a 5-minute cache write is 1.25× the input price, a read 0.1×. */
export const ANTHROPIC_CACHE_RULES = {
  cache_write: { share: "1.25", says: "Anthropic prompt caching: a cache write is 1.25× the input price" },
  cache_read: { share: "0.1", says: "Anthropic prompt caching: a cache read is 0.1× the input price" },
  page: "https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching#pricing",
} as const;

/** `0.035` × `0.5` exactly, as a decimal string. */
export const times = (value: number | string, share: string): string =>
  new Decimal(value).times(share).toString();

const PROVIDER_NAMES: Readonly<Record<string, string>> = {
  aws: "Amazon Bedrock",
  openai: "OpenAI",
  anthropic: "Anthropic",
  google: "Google",
  mistral: "Mistral",
};

/** Why a model has no price for `side`, in one line with what to use instead. */
export function lackReason(m: ModelEntry, side: ModelSide): string {
  const known = m.lacks?.[side];
  if (known) return known;
  const who = PROVIDER_NAMES[m.provider] ?? m.provider;
  if (side === "input_long" || side === "output_long")
    return `\`${m.id}\` has one price at every prompt length (no long-context tier in the price library): use \`{model}.${side.replace("_long", "")}\``;
  if (side === "cache_write" && (m.provider === "openai" || m.provider === "google"))
    return `${who} has no per-token price for writing the cache of \`${m.id}\` (written prompts are billed as input): use \`{model}.input\``;
  if (side === "batch_input" || side === "batch_output")
    return `\`${m.id}\` has no batch price: the price library carries none and ${who} publishes no batch rule costbot applies`;
  return `\`${m.id}\` has no ${side} price: the price library carries none for it and ${who} publishes no rule costbot applies (not every model supports prompt caching)`;
}

/**
 * The catalog key of a model's price for `side`, or a UserError with the reason the model has
 * none (a workload's `{model}.cache_read` with a model that has no prompt caching).
 */
export function modelPriceKey(
  catalog: {
    model(idOrAlias: string): ModelEntry | undefined;
    price(key: string): PriceEntry | undefined;
  },
  idOrAlias: string,
  side: ModelSide,
): string {
  const m = catalog.model(idOrAlias);
  if (!m) return `model.${idOrAlias}.${side}`;
  const key = modelKey(m, side);
  if (side === "input" || side === "output" || catalog.price(key)) return key;
  throw new UserError(lackReason(m, side));
}
