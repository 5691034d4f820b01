import type { Template } from "../../core/template.ts";

/** The template a command names: a built-in, or one of the tenant's own with its stored version. */
export interface ResolvedTemplate {
  readonly template: Template;
  /** The version of the tenant's own workload it was compiled from; absent for a built-in. */
  readonly version?: number;
}

/**
 * How a command finds its workload (README, Architecture): asked once, before the runner, which
 * is handed the Template itself. A built-in costs no read; another name reads the tenant's store.
 */
export interface TemplateLookup {
  /** A built-in, the tenant's own workload of that name (compiled again), or "unknown". */
  resolve(name: string): Promise<ResolvedTemplate | "unknown">;
  /** Names for did-you-mean: the built-ins, and the tenant's own once a miss has listed them. */
  known(): readonly string[];
}
