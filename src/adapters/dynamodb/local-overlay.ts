import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { PriceOverlay, PriceOverlayStore } from "../../app/ports.ts";
import { makeFolder } from "./folders.ts";
import type { LocalStore } from "./local.ts";

/** Written next to the store once a local refresh stored an overlay in it. */
export const liveMarker = (home: string) => join(home, "live-prices");

/**
 * The CLI's live prices without a deployed table: `costbot prices refresh` writes the overlay
 * into the embedded store, and estimates read it from there. Until a refresh has stored one (the
 * marker file), reading opens nothing: commands that need no store keep not opening it.
 */
export function localOverlay(home: string, open: () => Promise<LocalStore>): PriceOverlayStore {
  return {
    async getOverlay(region?: string): Promise<PriceOverlay | undefined> {
      if (!existsSync(liveMarker(home))) return undefined;
      return (await open()).overlay.getOverlay(region);
    },
    async noteRegion(region: string): Promise<void> {
      await (await open()).overlay.noteRegion(region);
    },
    async regionsUsed(): Promise<string[]> {
      if (!existsSync(liveMarker(home))) return [];
      return (await open()).overlay.regionsUsed();
    },
    async putOverlay(overlay: PriceOverlay): Promise<void> {
      await (await open()).overlay.putOverlay(overlay);
      makeFolder(home);
      writeFileSync(
        liveMarker(home),
        `${JSON.stringify({ date: overlay.date, fetchedAt: overlay.fetchedAt })}\n`,
      );
    },
  };
}
