import { type Catalog, ModelListNotLoaded } from "../core/catalog/index.ts";

/**
 * Runs a command; when it names a model outside the catalog's eager set, loads the price
 * library's full model list (a lazily imported chunk) and runs it once more. The first run
 * stops while resolving parameters, before anything is stored or posted.
 */
export async function withModelList<T>(catalog: Catalog, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof ModelListNotLoaded)) throw error;
    await catalog.loadAllModels();
    return run();
  }
}
