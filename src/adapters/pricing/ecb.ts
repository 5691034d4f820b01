import { ECB_DAILY_URL, parseEcbDaily } from "../../core/catalog/ecb.ts";
import type { RateEntry } from "../../core/catalog/index.ts";

/** Fetches the ECB's daily reference rates (no credentials needed); the parsing is core's. */
export function ecbRates(fetchFn: typeof fetch = fetch, url = ECB_DAILY_URL): () => Promise<RateEntry[]> {
  return async () => {
    const response = await fetchFn(url, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`ECB reference rates: HTTP ${response.status}`);
    return parseEcbDaily(await response.text());
  };
}
