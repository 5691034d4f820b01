import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { beforeEach, describe, expect, it } from "vitest";
import { CorruptItemError } from "../../../src/adapters/dynamodb/items.ts";
import { type DynamoStores, dynamoStores } from "../../../src/adapters/dynamodb/stores.ts";
import { keys } from "../../../src/adapters/dynamodb/table.ts";
import { ConflictError, type StoredWorkload } from "../../../src/app/ports.ts";
import { useEmbeddedDynamo } from "./fixtures.ts";

const engine = useEmbeddedDynamo();
let table: string;
let store: DynamoStores;
beforeEach(async () => {
  table = await engine.newTable();
  store = dynamoStores(engine.db(), table);
});

const workload = (
  tenant: string,
  name: string,
  source = `workload: ${name}\n`,
): Omit<StoredWorkload, "version"> => ({
  tenant,
  name,
  title: `the ${name} title`,
  source,
  updatedBy: "U1",
  updatedAt: "2026-12-01T00:00:00.000Z",
});

describe("workload store (dynalite)", () => {
  it("keeps a model under T#<tenant> / WORKLOAD#<name> at version 1, and reads it back", async () => {
    const saved = await store.putWorkload(workload("slack:T1", "rag-support"), 0);
    expect(saved.version).toBe(1);
    expect(await store.getWorkload("slack:T1", "RAG-Support")).toEqual(saved);
    const raw = await engine.db().send(
      new GetCommand({
        TableName: table,
        Key: { pk: "T#slack:T1", sk: "WORKLOAD#rag-support" },
      }),
    );
    expect(raw.Item?.source).toBe("workload: rag-support\n");
  });

  it("one tenant's workloads are invisible to every other: get, list and delete", async () => {
    await store.putWorkload(workload("slack:T1", "rag-support"), 0);
    await store.putWorkload(workload("teams:0f9c1b2a-1111-2222-3333-444455556666", "gpu-farm"), 0);
    expect(await store.getWorkload("slack:T2", "rag-support")).toBeUndefined();
    expect(await store.getWorkload("cli:local", "rag-support")).toBeUndefined();
    expect((await store.listWorkloads("slack:T1")).map((w) => w.name)).toEqual(["rag-support"]);
    expect(await store.listWorkloads("slack:T2")).toEqual([]);
    expect(await store.deleteWorkload("slack:T2", "rag-support")).toBe(false);
    expect(await store.getWorkload("slack:T1", "rag-support")).toBeDefined();
    // The same name in another tenant is another item.
    await store.putWorkload(workload("slack:T2", "rag-support", "workload: rag-support\ntitle: T2's\n"), 0);
    expect((await store.getWorkload("slack:T1", "rag-support"))?.source).toBe("workload: rag-support\n");
  });

  it("replaces only the version it read; a second create of the same name is a conflict", async () => {
    await store.putWorkload(workload("slack:T1", "rag-support"), 0);
    await expect(store.putWorkload(workload("slack:T1", "rag-support"), 0)).rejects.toBeInstanceOf(
      ConflictError,
    );
    const two = await store.putWorkload(workload("slack:T1", "rag-support", "v2"), 1);
    expect(two.version).toBe(2);
    await expect(store.putWorkload(workload("slack:T1", "rag-support", "stale"), 1)).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect((await store.getWorkload("slack:T1", "rag-support"))?.source).toBe("v2");
  });

  it("lists summaries without the model text, in name order, and deletes", async () => {
    await store.putWorkload(workload("cli:local", "zeta"), 0);
    await store.putWorkload(workload("cli:local", "alpha"), 0);
    expect(await store.listWorkloads("cli:local")).toEqual([
      {
        name: "alpha",
        title: "the alpha title",
        version: 1,
        updatedBy: "U1",
        updatedAt: "2026-12-01T00:00:00.000Z",
      },
      {
        name: "zeta",
        title: "the zeta title",
        version: 1,
        updatedBy: "U1",
        updatedAt: "2026-12-01T00:00:00.000Z",
      },
    ]);
    expect(await store.deleteWorkload("cli:local", "zeta")).toBe(true);
    expect((await store.listWorkloads("cli:local")).map((w) => w.name)).toEqual(["alpha"]);
  });

  it("an item that no longer matches its schema is refused when read, naming its key", async () => {
    const key = keys.workload("slack:T1", "broken");
    await engine.db().send(
      new PutCommand({
        TableName: table,
        Item: { ...key, tenant: "slack:T1", name: "broken", version: 1 },
      }),
    );
    await expect(store.getWorkload("slack:T1", "broken")).rejects.toBeInstanceOf(CorruptItemError);
  });
});
