import type { CurrencyCode } from "../money.ts";

/** One price: `value` `currency` per `per` `unit` (e.g. 30 USD per 1,000,000 characters). */
export interface PriceEntry {
  readonly key: string;
  readonly value: string;
  readonly currency: CurrencyCode;
  readonly per: number;
  readonly unit: string;
  readonly source: string;
  /** The date the source states, or the day the entry was taken from an undated source. */
  readonly asOf: string;
  readonly note?: string;
  /**
   * The source states no date (an undated seed, a library price without a start date): `asOf` is
   * only the day costbot copied it, and replies say "undated" instead of showing it as the price's date.
   */
  readonly undated?: true;
  /** Set when the price came from a live source (the AWS Price List API): the day it was fetched. */
  readonly live?: string;
  /** Set when the team's price book changed it: "your price book: <key> <price>, set by … on …". */
  readonly book?: string;
  /** The AWS region of a regional price (absent: us-east-1, the shipped catalog's). */
  readonly region?: string;
}

/** A free allowance (a quantity, not a price): Lambda's 1M requests a month, and so on. */
export interface AllowanceEntry {
  readonly key: string;
  readonly quantity: number;
  readonly unit: string;
  readonly source: string;
  readonly asOf: string;
}

export interface ModelEntry {
  readonly id: string;
  readonly name: string;
  readonly provider: string;
  readonly inputKey: string;
  readonly outputKey: string;
  readonly aliases: readonly string[];
  readonly note?: string;
  /** Who makes it (anthropic, meta, amazon…), where that differs from who sells it. */
  readonly vendor?: string;
  /** chat (answers turns: input and output tokens) or embedding (input tokens only). */
  readonly kind?: ModelKind;
  /** What it reads: text, images, audio. */
  readonly takes?: readonly ModelInput[];
  /** Where `takes` comes from: the library's prices or description, or costbot's family rule. */
  readonly takesFrom?: string;
  /** From the date in the model's id, where it carries one. */
  readonly released?: string;
  /** The day the library's current price took effect, where the library dates it. */
  readonly priceSince?: string;
  /** A dated price change the library already knows of. */
  readonly priceChanges?: string;
  readonly deprecated?: boolean;
  /** Why it has no price for a side (cache, batch, long context), where the generic reason is not enough. */
  readonly lacks?: Readonly<Partial<Record<string, string>>>;
  /** Which of several hosts a shared name means: 0 costbot's own list, 1 Bedrock in-region, 2 the vendor's API, 3 Bedrock global, 4 Vertex AI. */
  readonly rank?: number;
}

export type ModelKind = "chat" | "embedding";
export type ModelInput = "text" | "images" | "audio";
/** What a model parameter needs of the model named: what it reads, and whether it answers or embeds. */
export type ModelNeed = ModelInput | ModelKind;

export interface RateEntry {
  readonly currency: CurrencyCode;
  /** Units of `currency` per 1 USD. */
  readonly perUsd: string;
  readonly source: string;
  readonly asOf: string;
  /** As PriceEntry.undated. */
  readonly undated?: true;
}
