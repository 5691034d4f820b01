import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import type { StoredWorkload, Tenant, WorkloadStore, WorkloadSummary } from "../../app/ports.ts";
import { keys, SK_PREFIX } from "./table.ts";
import { TableAccess } from "./table-access.ts";

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

  constructor(db: DynamoDBDocumentClient, table: string) {
    this.items = new TableAccess(db, table);
  }

  async putWorkload(
    workload: Omit<StoredWorkload, "version">,
    expectedVersion: number,
  ): Promise<StoredWorkload> {
    const key = keys.workload(workload.tenant, workload.name);
    const version = await this.items.putVersioned(
      key,
      workload,
      expectedVersion,
      `workload "${workload.name}"`,
    );
    return { ...workload, version };
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

  deleteWorkload(tenant: Tenant, name: string): Promise<boolean> {
    return this.items.delete(keys.workload(tenant, name)).then((old) => old !== undefined);
  }
}
