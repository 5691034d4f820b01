import type { z } from "zod";

/** What a modal carries from where it was opened to its submission, read back with its schema. */
export function metadataOf<T extends z.ZodType>(schema: T, privateMetadata: string): z.output<T> | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(privateMetadata));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The text typed into one plain_text_input of a submitted modal ("" when absent). */
export function submittedText(values: unknown, block: string, input: string): string {
  const fields = (values as Record<string, Record<string, { value?: unknown }> | undefined> | undefined)?.[
    block
  ]?.[input]?.value;
  return typeof fields === "string" ? fields : "";
}
