import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import {
  LimitReached,
  type StoredWorkload,
  type Tenant,
  type WorkloadStore,
  type WorkloadSummary,
} from "../../app/ports.ts";
import { COUNT_SK, keys, SK_PREFIX } from "./table.ts";
import { TableAccess } from "./table-access.ts";
import { TenantCounter } from "./tenant-counter.ts";

const version = z.number().int().positive();

/** A stored workload's item; the model text itself is compiled again by the app when read. */
export const workloadItem = z.object({
  tenant: z.string(),
  name: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/),
  title: z.string(),
  source: z.string().max(64 * 1024),
  updatedBy: z.string(),
  updatedAt: z.string(),
  version,
}) satisfies z.ZodType<StoredWorkload>;

const summaryItem = workloadItem.omit({ tenant: true, source: true }) satisfies z.ZodType<WorkloadSummary>;

/** Workload models on the one table: `T#<tenant>` / `WORKLOAD#<name>` (see table.ts). */
export class DynamoWorkloadStore implements WorkloadStore {
  private readonly items: TableAccess;
  /** How many workloads each tenant has: the cap, exact under concurrency (tenant-counter.ts). */
  readonly counter: TenantCounter;

  constructor(db: DynamoDBDocumentClient, table: string) {
    this.items = new TableAccess(db, table);
    this.counter = new TenantCounter(
      this.items,
      COUNT_SK.workload,
      async (tenant) => (await this.listWorkloads(tenant)).length,
    );
  }

  async putWorkload(
    workload: Omit<StoredWorkload, "version">,
    expectedVersion: number,
    limit?: number,
  ): Promise<StoredWorkload> {
    const key = keys.workload(workload.tenant, workload.name);
    const what = `workload "${workload.name}"`;
    const creates = expectedVersion === 0 && limit !== undefined;
    if (creates && !(await this.counter.take(workload.tenant, limit))) throw new LimitReached(what, limit);
    try {
      const version = await this.items.putVersioned(key, workload, expectedVersion, what);
      return { ...workload, version };
    } catch (error) {
      // Not written: the slot it took is given back.
      if (creates) await this.counter.give(workload.tenant);
      throw error;
    }
  }

  getWorkload(tenant: Tenant, name: string): Promise<StoredWorkload | undefined> {
    return this.items.get(keys.workload(tenant, name), workloadItem);
  }

  listWorkloads(tenant: Tenant): Promise<WorkloadSummary[]> {
    return this.items.query(tenant, SK_PREFIX.workload, summaryItem, {
      // The listing needs no model text (up to 64 KB each).
      ProjectionExpression: "pk, sk, #name, title, version, updatedBy, updatedAt",
      ExpressionAttributeNames: { "#name": "name" },
    });
  }

  async deleteWorkload(tenant: Tenant, name: string): Promise<boolean> {
    const old = await this.items.delete(keys.workload(tenant, name));
    if (old === undefined) return false;
    await this.counter.give(tenant);
    return true;
  }
}
