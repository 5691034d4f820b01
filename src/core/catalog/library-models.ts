/**
 * Every other model of the price library (≈270): a chunk of its own that the bundles load only
 * when a model outside the eager set is named (Catalog.loadAllModels), never at cold start.
 */

import { snapshotEntries } from "./llm.ts";
import all from "./llm-models-all.json" with { type: "json" };

export const LIBRARY_MODELS = snapshotEntries(all);
