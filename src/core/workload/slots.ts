/**
 * `{name}` slots in labels, notes and price keys (docs/workload-models.md, "Labels"): the one
 * parser of them, so a label and a price key read the same text the same way.
 */

/** A piece of text with `{name}` slots, parsed once: literal text and the names to insert. */
export type TextPart = string | { readonly name: string };

export function parseSlots(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const m of text.matchAll(/\{([^{}]*)\}/g)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    parts.push({ name: m[1]!.trim() });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

export function slotNames(parts: readonly TextPart[]): string[] {
  return parts.filter((p): p is { name: string } => typeof p !== "string").map((p) => p.name);
}

export function fillSlots(parts: readonly TextPart[], slotValue: (name: string) => string): string {
  let out = "";
  for (const p of parts) out += typeof p === "string" ? p : slotValue(p.name);
  return out;
}
