import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { afterEach, describe, expect, it } from "vitest";
import { documentClient, startEmbeddedDynamo } from "../../../src/adapters/dynamodb/embedded.ts";
import { dynamoStores } from "../../../src/adapters/dynamodb/stores.ts";
import { createTable } from "../../../src/adapters/dynamodb/table.ts";
import { scenario } from "./fixtures.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(path?: string) {
  const engine = await startEmbeddedDynamo(path === undefined ? {} : { path });
  const db = documentClient(engine.endpoint);
  const stop = async () => {
    db.destroy();
    await engine.close();
  };
  return { engine, db, stop };
}

describe("startEmbeddedDynamo", () => {
  it("listens on a free loopback port", async () => {
    const { engine, stop } = await start();
    cleanups.push(stop);
    expect(engine.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(engine.endpoint).not.toMatch(/:0$/);
  });

  it("keeps data on disk: a scenario written before a restart on the same path is read back after it", async () => {
    const path = await mkdtemp(join(tmpdir(), "costbot-dynalite-"));
    cleanups.push(() => rm(path, { recursive: true, force: true }));
    const saved = await (async () => {
      const { db, stop } = await start(path);
      try {
        await createTable(db, "costbot");
        return await dynamoStores(db, "costbot").putScenario(scenario("cli:local", "kept"), 0);
      } finally {
        await stop();
      }
    })();

    const { db, stop } = await start(path);
    cleanups.push(stop);
    await createTable(db, "costbot"); // already there: must be a no-op, not an error
    expect(await dynamoStores(db, "costbot").getScenario("cli:local", "kept")).toEqual(saved);
  });
});

describe("createTable", () => {
  it("is idempotent and leaves an ACTIVE pay-per-request table keyed on pk/sk", async () => {
    const { db, stop } = await start();
    cleanups.push(stop);
    await createTable(db, "costbot");
    await createTable(db, "costbot");
    const { Table } = await db.send(new DescribeTableCommand({ TableName: "costbot" }));
    expect(Table?.TableStatus).toBe("ACTIVE");
    expect(Table?.BillingModeSummary?.BillingMode).toBe("PAY_PER_REQUEST");
    expect(Table?.KeySchema).toEqual([
      { AttributeName: "pk", KeyType: "HASH" },
      { AttributeName: "sk", KeyType: "RANGE" },
    ]);
  });
});
