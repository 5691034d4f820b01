import type { Catalog, PriceEntry } from "./catalog/index.ts";
import { Decimal, type DecimalInput, dec } from "./money.ts";
import type { ParamSpecs, ParamValue, ResolvedParams } from "./params.ts";

/** How a template's usage turns into per-user minutes, for pricing a subscription. */
export interface PlanShape {
  /** The per-user usage key that `plan` solves for (voice-coach: hours a month). */
  readonly usageKey: string;
  /** The user-count key (default `users`); with the usage key, the size `plan` prices at. */
  readonly usersKey?: string;
  /** Minutes of use per user for one unit of that key, given the other params. */
  minutesPerUnit(params: ResolvedParams): Decimal;
  /** Lines that scale with use; the rest (fixed, shared infrastructure) are left out. */
  readonly variableLines: readonly string[];
}

/** One priced quantity: `quantity` `unit` at a catalog price, or an amount the user supplied. */
export interface Component {
  readonly label: string;
  readonly quantity: Decimal;
  readonly unit: string;
  readonly usd: Decimal;
  readonly price?: PriceEntry;
  /** Set when the catalog has no such price: the line is flagged, never silently zero. */
  readonly missingKey?: string;
}

export interface LineDraft {
  readonly id: string;
  readonly label: string;
  readonly components: readonly Component[];
}

export interface Template<P extends ResolvedParams = ResolvedParams> {
  readonly name: string;
  readonly title: string;
  readonly seed: string;
  readonly description: string;
  readonly params: ParamSpecs;
  /** Named bundles of defaults (gpu-platform's dev/prod/scale); any key overrides its preset. */
  readonly presets?: Readonly<Record<string, Readonly<Record<string, ParamValue>>>>;
  readonly defaultPreset?: string;
  /** Monthly revenue, for templates that price a subscription (voice-coach's margin). */
  revenueUsd?(params: P): Decimal;
  /** Present where `plan` can price a subscription per user minute. */
  readonly plan?: PlanShape;
  lines(params: P, pricer: Pricer, notes: string[]): LineDraft[];
  /** Line id → the Cost Explorer services it is billed under (`bill:` in the model; README "Actual spend"). */
  readonly bill?: Readonly<Record<string, readonly string[]>>;
}

export interface Tier {
  /** Units in this tier; `undefined` for the last, open-ended tier. */
  readonly size?: number;
  readonly key: string;
}

/** Looks prices up and multiplies; the only place a template's quantities meet money. */
export class Pricer {
  constructor(readonly catalog: Catalog) {}

  charge(label: string, quantity: DecimalInput, key: string, unit?: string): Component {
    const q = dec(quantity);
    const price = this.catalog.price(key);
    if (!price) return { label, quantity: q, unit: unit ?? "", usd: new Decimal(0), missingKey: key };
    return {
      label,
      quantity: q,
      unit: unit ?? price.unit,
      usd: q.times(this.catalog.usdPerUnit(price)),
      price,
    };
  }

  /** An amount the user gave directly (USD), e.g. `s3_monthly=1`. */
  given(label: string, usd: DecimalInput, unit = "USD per month (parameter)"): Component {
    return { label, quantity: dec(1), unit, usd: dec(usd) };
  }

  /** Volume tiers: the first `size` units at the first price, the next at the next, and so on. */
  tiered(label: string, quantity: DecimalInput, tiers: readonly Tier[]): Component[] {
    let left = dec(quantity);
    const parts: Component[] = [];
    for (const tier of tiers) {
      if (left.lte(0)) break;
      const take = tier.size === undefined ? left : Decimal.min(left, tier.size);
      parts.push(this.charge(label, take, tier.key));
      left = left.minus(take);
    }
    return parts;
  }
}
