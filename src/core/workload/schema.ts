import { z } from "zod";
import { parseAmount } from "../money.ts";

/**
 * The shape of a workload model (docs/workload-models.md), as zod checks it. Expressions are
 * strings here; expression.ts checks what is inside them.
 */

export const MAX_FILE_BYTES = 64 * 1024;
export const MAX_PROBLEMS = 20;
export const MODEL_NEEDS = ["text", "images", "audio", "chat", "embedding"] as const;

const NAME = /^[a-z][a-z0-9_]*$/;
const name = z
  .string()
  .max(40, "a name is at most 40 characters")
  .regex(NAME, "a name is a-z, 0-9 and _, starting with a letter");

/** An expression: YAML may give `usd: 1` or `when: true` unquoted; both are expressions. */
const expression = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const description = z.string().min(1).max(200);
const text = (max: number) => z.string().min(1).max(max);

export const numberParamSchema = z.strictObject({
  default: z.union([
    z.number(),
    z.string().regex(/^-?\d+(\.\d+)?%$/, "a number, or a percentage such as 40%"),
  ]),
  min: z.number().optional(),
  max: z.number().optional(),
  exclusive_min: z.boolean().optional(),
  integer: z.boolean().optional(),
  percent: z.boolean().optional(),
  unit: z.string().max(40).optional(),
  description,
});
export const modelParamSchema = z.strictObject({
  model: z.string().min(1),
  /** Always (`[images]`), or each under a condition (`{ images: "images > 0" }`). */
  needs: z
    .union([z.array(z.enum(MODEL_NEEDS)).max(5), z.partialRecord(z.enum(MODEL_NEEDS), expression)])
    .optional(),
  description,
});
export const choiceParamSchema = z.strictObject({
  choice: z
    .array(
      z
        .string()
        .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "a choice is letters, digits, . _ -")
        .max(60),
    )
    .min(1)
    .max(50),
  default: z.string().optional(),
  description,
});
export const booleanParamSchema = z.strictObject({ default: z.boolean(), description });
export const amountParamSchema = z.strictObject({
  // The one amount grammar (core/money.ts), as chat reads `price=100TWD`.
  amount: z.string().superRefine((text, ctx) => {
    const money = parseAmount(text);
    if ("reason" in money) ctx.addIssue({ code: "custom", message: money.reason });
    else if (money.amount.lte(0) || money.amount.gte(1e15))
      ctx.addIssue({ code: "custom", message: "an amount above 0 and below 1e15" });
  }),
  description,
});

export type NumberParamModel = z.output<typeof numberParamSchema>;
export type ModelParamModel = z.output<typeof modelParamSchema>;
export type ChoiceParamModel = z.output<typeof choiceParamSchema>;
export type BooleanParamModel = z.output<typeof booleanParamSchema>;
export type AmountParamModel = z.output<typeof amountParamSchema>;
export type ParamModel =
  | NumberParamModel
  | ModelParamModel
  | ChoiceParamModel
  | BooleanParamModel
  | AmountParamModel;

/** A parameter's kind follows from its fields (docs/workload-models.md). */
export function paramKindOf(raw: unknown): "number" | "model" | "choice" | "boolean" | "amount" {
  const o = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  if ("model" in o) return "model";
  if ("choice" in o) return "choice";
  if ("amount" in o) return "amount";
  if (typeof o.default === "boolean") return "boolean";
  return "number";
}

export const PARAM_SCHEMAS = {
  number: numberParamSchema,
  model: modelParamSchema,
  choice: choiceParamSchema,
  boolean: booleanParamSchema,
  amount: amountParamSchema,
} as const;

const tierSchema = z.strictObject({ upto: z.number().positive().optional(), price: text(120) });

export const componentSchema = z
  .strictObject({
    label: text(80),
    quantity: expression.optional(),
    unit: z.string().max(80).optional(),
    price: text(120).optional(),
    tiers: z.array(tierSchema).min(1).max(10).optional(),
    usd: expression.optional(),
  })
  .superRefine((c, ctx) => {
    const kinds = [c.price, c.tiers, c.usd].filter((k) => k !== undefined).length;
    if (kinds !== 1)
      ctx.addIssue({ code: "custom", message: "a cost component has exactly one of price, tiers, usd" });
    if (c.usd === undefined && kinds === 1 && c.quantity === undefined)
      ctx.addIssue({ code: "custom", path: ["quantity"], message: "a priced component needs a quantity" });
    if (c.usd !== undefined && c.quantity !== undefined)
      ctx.addIssue({ code: "custom", path: ["quantity"], message: "a `usd` component has no quantity" });
  });

export const lineSchema = z.strictObject({
  id: z.string().max(40).regex(NAME, "a line id is a-z, 0-9 and _, starting with a letter"),
  label: text(80),
  /** Optional: the line is left out when false (image-gen's training line). */
  when: expression.optional(),
  cost: z.array(componentSchema).min(1).max(10),
  /**
   * The Cost Explorer SERVICE values this line is billed under (README "Actual spend"), or
   * `"{param}"` naming a model parameter: the line then follows its model into the bill.
   */
  bill: z.array(text(120)).min(1).max(10).optional(),
});

export const workloadSchema = z.strictObject({
  workload: z
    .string()
    .regex(
      /^[a-z][a-z0-9-]{1,39}$/,
      "a workload name is 2-40 characters: a-z, 0-9 and -, starting with a letter",
    ),
  title: text(80),
  description: z.string().max(300).optional(),
  /** Where the figures come from (the built-ins name their seed document). */
  seed: z.string().max(200).optional(),
  params: z.record(z.string(), z.unknown()),
  presets: z.record(name, z.record(z.string(), z.union([z.number(), z.string(), z.boolean()]))).optional(),
  default_preset: z.string().optional(),
  let: z.record(z.string(), expression).optional(),
  lines: z.array(lineSchema).min(1, "a workload has 1 to 30 lines").max(30, "a workload has 1 to 30 lines"),
  notes: z
    .array(z.strictObject({ when: expression.optional(), text: text(300) }))
    .max(30)
    .optional(),
  revenue: expression.optional(),
  plan: z
    .strictObject({
      usage: z.string(),
      minutes_per_unit: expression,
      variable_lines: z.array(z.string()).min(1),
      /** The per-tenant user count (default `users`); `plan` prices at the size given. */
      users: z.string().optional(),
    })
    .optional(),
});

export type WorkloadDocument = z.output<typeof workloadSchema>;

/** A validated model: the document with each parameter checked against its kind. */
export interface WorkloadModel extends Omit<WorkloadDocument, "params"> {
  readonly params: Readonly<Record<string, ParamModel>>;
}
