import { z } from "zod";
import type {
  BudgetSubscription,
  ConversationReferenceRecord,
  Scenario,
  ScenarioSummary,
  TenantSettings,
  ThreadLink,
} from "../../app/ports.ts";
import type { Estimate } from "../../core/estimate.ts";
import { CURRENCIES } from "../../core/money.ts";
import type { ItemKey } from "./table.ts";

/**
 * What each stored item must look like when read back. Items outlive the code that wrote
 * them, so nested detail (lines, components, sources) is checked loosely: the fields the
 * app reads must be there, extra fields written by a newer version are kept.
 */

const currency = z.enum(CURRENCIES);
const paramValue = z.union([
  z.number(),
  z.string(),
  z.boolean(),
  z.looseObject({ usd: z.string(), text: z.string() }),
]);

/**
 * Amounts are stored as decimal strings, exact at any size (a DynamoDB number holds 38 digits,
 * but the SDK refuses JS numbers beyond 2^53). Items written before kept them as numbers;
 * those read back as the same decimal, as a string.
 */
const decimal = z.union([z.string().regex(/^-?\d+(\.\d+)?(e[-+]?\d+)?$/i), z.number()]).transform(String);

const componentItem = z.looseObject({
  label: z.string(),
  quantity: z.string(),
  unit: z.string(),
  amount: z.string(),
  priceKey: z.string().optional(),
  unitPrice: z.string().optional(),
});

const lineItem = z.looseObject({
  id: z.string(),
  label: z.string(),
  amount: decimal,
  share: decimal,
  quantity: z.string().optional(),
  unit: z.string().optional(),
  unitPrice: z.string().optional(),
  priceKeys: z.array(z.string()),
  components: z.array(componentItem),
  flagged: z.string().optional(),
});

export const estimateSchema = z.looseObject({
  template: z.string(),
  params: z.record(z.string(), paramValue),
  currency,
  total: decimal,
  lines: z.array(lineItem),
  notes: z.array(z.string()),
  drivers: z.array(z.looseObject({ id: z.string(), label: z.string(), share: decimal })),
  revenue: z.looseObject({ amount: decimal, margin: decimal }).optional(),
  catalog: z.looseObject({ version: z.string(), date: z.string() }),
  sources: z.array(
    z.looseObject({ key: z.string(), price: z.string(), source: z.string(), asOf: z.string() }),
  ),
}) satisfies z.ZodType<Estimate>;

const scenarioInput = z.object({
  template: z.string(),
  written: z.record(z.string(), z.string()),
  currency,
  workloadVersion: z.number().int().positive().optional(),
  region: z.string().optional(),
});

const version = z.number().int().nonnegative();

/** Where a scenario was saved from: its drift notices go there. */
const channelRef = z.object({
  platform: z.enum(["slack", "teams", "cli"]),
  channel: z.string(),
  thread: z.string().optional(),
});

export const scenarioItem = z.object({
  tenant: z.string(),
  name: z.string(),
  input: scenarioInput,
  estimate: estimateSchema,
  createdBy: z.string(),
  createdByName: z.string().max(200).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  savedIn: channelRef.optional(),
  tracking: z
    .object({
      tag: z.object({ key: z.string(), value: z.string() }).optional(),
      account: z
        .string()
        .regex(/^\d{12}$/)
        .optional(),
      by: z.string(),
      at: z.string(),
    })
    .optional(),
  version,
}) satisfies z.ZodType<Scenario>;

/** A tenant's settings item (`settings drift=10%`). */
export const settingsItem = z.object({
  tenant: z.string(),
  driftPercent: z
    .string()
    .regex(/^\d+(\.\d+)?$/)
    .optional(),
  variancePercent: z
    .string()
    .regex(/^\d+(\.\d+)?$/)
    .optional(),
  updatedBy: z.string(),
  updatedAt: z.string(),
}) satisfies z.ZodType<TenantSettings>;

/** A scenario's RECENT# item: what `list` shows, without the estimate (tens of KB). */
export const scenarioSummaryItem = z
  .object({
    name: z.string(),
    template: z.string(),
    total: decimal,
    currency,
    createdAt: z.string(),
    updatedAt: z.string(),
    createdBy: z.string(),
    createdByName: z.string().max(200).optional(),
  })
  .transform(
    (item): ScenarioSummary => ({
      name: item.name,
      template: item.template,
      total: item.total,
      currency: item.currency,
      updatedAt: item.updatedAt,
      createdBy: item.createdBy,
      ...(item.createdByName ? { createdByName: item.createdByName } : {}),
    }),
  );

export const threadItem = z.object({
  tenant: z.string(),
  channel: z.string(),
  thread: z.string(),
  input: scenarioInput,
  estimate: estimateSchema,
  base: scenarioInput.optional(),
  history: z.array(z.object({ text: z.string(), by: z.string(), at: z.string() })),
  version,
}) satisfies z.ZodType<ThreadLink>;

export const budgetItem = z.object({
  tenant: z.string(),
  name: z.string(),
  awsBudgetName: z.string(),
  limitUsd: z.string(),
  channels: z.array(z.object({ platform: z.enum(["slack", "teams", "cli"]), channel: z.string() })),
  scenario: z.string().optional(),
  createdBy: z.string(),
  createdAt: z.string(),
}) satisfies z.ZodType<BudgetSubscription>;

/** The cross-tenant pointer from an AWS budget name to its subscription. */
export const awsBudgetLookupItem = z.object({ tenant: z.string(), name: z.string() });

export const conversationItem = z.object({
  tenant: z.string(),
  conversationId: z.string(),
  reference: z.record(z.string(), z.unknown()),
  updatedAt: z.string(),
}) satisfies z.ZodType<ConversationReferenceRecord>;

/** A stored item that no longer matches its schema: a bug or a hand edit, never user input. */
export class CorruptItemError extends Error {
  override readonly name = "CorruptItemError";
  constructor(
    readonly key: ItemKey,
    options: { cause: z.ZodError },
  ) {
    super(`stored item ${key.pk} / ${key.sk} is malformed:\n${z.prettifyError(options.cause)}`, options);
  }
}

/** Validates an item read from the table; the key is named in the error, not the whole item. */
export function parseItem<S extends z.ZodType>(schema: S, key: ItemKey, item: unknown): z.output<S> {
  const result = schema.safeParse(item);
  if (!result.success) throw new CorruptItemError(key, { cause: result.error });
  return result.data;
}
