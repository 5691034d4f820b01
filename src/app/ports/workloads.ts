import type { Tenant } from "./model.ts";

/**
 * A team's own workload model (README, Your own workload), as the tenant stored it: the text they wrote (YAML or
 * JSON), kept as written so `workload show` gives it back, and compiled again whenever it is
 * read, so a model the engine no longer accepts is never priced.
 */
export interface StoredWorkload {
  readonly tenant: Tenant;
  /** The model's `workload:` name, lowercase. */
  readonly name: string;
  readonly title: string;
  readonly source: string;
  readonly updatedBy: string;
  readonly updatedAt: string;
  /** 1 on the first add, one more on each replacement; saved scenarios record it. */
  readonly version: number;
}

export type WorkloadSummary = Pick<StoredWorkload, "name" | "title" | "version" | "updatedBy" | "updatedAt">;

/** At most this many workloads a tenant (README, Your own workload). */
export const MAX_WORKLOADS = 100;

/** A tenant's workload models: `workload add|show|list|delete`, and every command that names one. */
export interface WorkloadStore {
  /** `expectedVersion` 0 creates (ConflictError if the name exists); n replaces version n only. */
  putWorkload(workload: Omit<StoredWorkload, "version">, expectedVersion: number): Promise<StoredWorkload>;
  getWorkload(tenant: Tenant, name: string): Promise<StoredWorkload | undefined>;
  listWorkloads(tenant: Tenant): Promise<WorkloadSummary[]>;
  /** True when something was deleted. */
  deleteWorkload(tenant: Tenant, name: string): Promise<boolean>;
}
