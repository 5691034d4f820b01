import { distance } from "fastest-levenshtein";

/** Candidates close to `input` (edit distance within a third of its length, or a shared prefix), best first. */
export function closest(input: string, candidates: Iterable<string>, max = 3): string[] {
  const needle = input.toLowerCase();
  const scored: { name: string; score: number }[] = [];
  for (const name of candidates) {
    const lower = name.toLowerCase();
    const d = distance(needle, lower);
    const shared = commonPrefix(needle, lower);
    const prefix = needle.length >= 3 && (shared >= Math.min(4, lower.length) || shared >= needle.length);
    if (d <= Math.max(2, Math.floor(needle.length / 3)) || prefix || lower.includes(needle)) {
      scored.push({ name, score: prefix ? Math.min(d, 1) : d });
    }
  }
  return scored
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, max)
    .map((s) => s.name);
}

export function didYouMean(input: string, candidates: Iterable<string>): string {
  const [best] = closest(input, candidates, 1);
  return best ? `, did you mean \`${best}\`?` : "";
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** The closest catalog key or model id by edit distance: their shared prefixes (`aws.`) say nothing. */
export function nearest(input: string, candidates: Iterable<string>): string {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(input.length / 3)) + 1;
  for (const c of candidates) {
    const d = distance(input.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best ? `, did you mean \`${best}\`?` : "";
}
