import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  ConditionalCheckFailedException,
  DescribeTableCommand,
  ResourceNotFoundException,
} from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { afterEach, describe, expect, it } from "vitest";
import {
  documentClient,
  inProcessDocumentClient,
  startEmbeddedDynamo,
} from "../../../src/adapters/dynamodb/embedded.ts";
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

/** The names of the commands a client sends from now on. */
function commandsSent(db: DynamoDBDocumentClient): string[] {
  const names: string[] = [];
  db.middlewareStack.add(
    (next, context) => (args) => {
      names.push(String(context.commandName));
      return next(args);
    },
    { step: "initialize" },
  );
  return names;
}

describe("createTable on every start", () => {
  it("creates a missing table; finds an existing one with one DescribeTable, no refused CreateTable", async () => {
    const { engine, db, stop } = await start();
    cleanups.push(stop);
    const first = commandsSent(db);
    await createTable(db, "costbot");
    expect(first).toEqual(["DescribeTableCommand", "CreateTableCommand", "DescribeTableCommand"]);
    const again = documentClient(engine.endpoint);
    cleanups.push(async () => again.destroy());
    const second = commandsSent(again);
    await createTable(again, "costbot");
    expect(second).toEqual(["DescribeTableCommand"]);
  });
});

describe("inProcessDocumentClient", () => {
  it("reads and writes the same table an HTTP client sees, on a folder kept across restarts", async () => {
    const path = await mkdtemp(join(tmpdir(), "costbot-dynalite-"));
    cleanups.push(() => rm(path, { recursive: true, force: true }));
    const engine = await startEmbeddedDynamo({ path });
    const local = inProcessDocumentClient(engine);
    const http = documentClient(engine.endpoint);
    cleanups.push(async () => {
      local.destroy();
      http.destroy();
      await engine.close();
    });
    await createTable(local, "costbot");
    const saved = await dynamoStores(local, "costbot").putScenario(scenario("cli:local", "kept"), 0);
    expect(await dynamoStores(http, "costbot").getScenario("cli:local", "kept")).toEqual(saved);
    await http.send(new PutCommand({ TableName: "costbot", Item: { pk: "p", sk: "s", n: 1 } }));
    expect(
      (await local.send(new GetCommand({ TableName: "costbot", Key: { pk: "p", sk: "s" } }))).Item,
    ).toEqual({
      pk: "p",
      sk: "s",
      n: 1,
    });
  });

  it("the engine's refusals arrive as the SDK's own errors", async () => {
    const engine = await startEmbeddedDynamo();
    const local = inProcessDocumentClient(engine);
    cleanups.push(async () => {
      local.destroy();
      await engine.close();
    });
    await expect(local.send(new DescribeTableCommand({ TableName: "none" }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
    await createTable(local, "costbot");
    const put = () =>
      local.send(
        new PutCommand({
          TableName: "costbot",
          Item: { pk: "p", sk: "s" },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
    await put();
    await expect(put()).rejects.toBeInstanceOf(ConditionalCheckFailedException);
  });

  it("closing the engine waits for a request still running: its LevelDB is not closed under the read", async () => {
    const engine = await startEmbeddedDynamo();
    const local = inProcessDocumentClient(engine);
    cleanups.push(async () => local.destroy());
    await createTable(local, "costbot");
    for (let i = 0; i < 60; i++)
      await local.send(
        new PutCommand({ TableName: "costbot", Item: { pk: "p", sk: `s${String(i).padStart(2, "0")}` } }),
      );
    // As a command that stopped at another request's failure leaves it: not awaited before closing.
    const query = local.send(
      new QueryCommand({
        TableName: "costbot",
        KeyConditionExpression: "pk = :p",
        ExpressionAttributeValues: { ":p": "p" },
      }),
    );
    await engine.close();
    expect((await query).Count).toBe(60);
  }, 20_000);
});
