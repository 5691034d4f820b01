import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dynamoStores } from "../../src/adapters/dynamodb/stores.ts";
import { LAST, lastEstimateFile, withLastEstimateFile } from "../../src/adapters/last-estimate.ts";
import { ConflictError, type ThreadLink } from "../../src/app/ports.ts";
import { bedrockEstimate, useEmbeddedDynamo } from "./dynamodb/fixtures.ts";

const dynamo = useEmbeddedDynamo();
const home = () => mkdtempSync(join(tmpdir(), "costbot-last-"));

function link(
  written: Record<string, string>,
  where: { channel: string; thread: string } = LAST,
): Omit<ThreadLink, "version"> {
  return {
    tenant: "cli:local",
    ...where,
    input: { template: "bedrock-api", written, currency: "USD" },
    estimate: bedrockEstimate(),
    history: [],
  };
}

describe("the CLI's last estimate, in a file beside the store", () => {
  it("is kept in $COSTBOT_HOME/last-estimate.json, never in the store, and read back whole", async () => {
    const dir = home();
    const table = await dynamo.newTable();
    const store = withLastEstimateFile(dir, dynamoStores(dynamo.db(), table));
    const kept = await store.putThread(link({ calls: "100" }), 0);
    expect(kept.version).toBe(1);
    expect(await store.getThread("cli:local", LAST.channel, LAST.thread)).toEqual(kept);
    expect(JSON.parse(readFileSync(lastEstimateFile(dir), "utf8"))).toEqual({ format: 1, link: kept });
    // No temporary file left behind, and nothing in the table.
    expect(readdirSync(dir)).toEqual(["last-estimate.json"]);
    expect(await dynamoStores(dynamo.db(), table).getThread("cli:local", LAST.channel, LAST.thread)).toBe(
      undefined,
    );
  });

  it("replaces only the version it read: a stale write is a ConflictError, as the store's is", async () => {
    const store = withLastEstimateFile(home(), dynamoStores(dynamo.db(), await dynamo.newTable()));
    await store.putThread(link({ calls: "100" }), 0);
    await store.putThread(link({ calls: "200" }), 1);
    await expect(store.putThread(link({ calls: "300" }), 1)).rejects.toBeInstanceOf(ConflictError);
    await expect(store.putThread(link({ calls: "300" }), 0)).rejects.toBeInstanceOf(ConflictError);
    const now = await store.getThread("cli:local", LAST.channel, LAST.thread);
    expect([now?.version, now?.input.written]).toEqual([2, { calls: "200" }]);
  });

  it("passes every other item to the store", async () => {
    const table = await dynamo.newTable();
    const dir = home();
    const store = withLastEstimateFile(dir, dynamoStores(dynamo.db(), table));
    const elsewhere = { channel: "C1", thread: "1.2" };
    await store.putThread(link({ calls: "100" }, elsewhere), 0);
    const inTable = await dynamoStores(dynamo.db(), table).getThread("cli:local", "C1", "1.2");
    expect(inTable?.input.written).toEqual({ calls: "100" });
    expect(readdirSync(dir)).toEqual([]);
  });

  it("reads a last estimate an older costbot kept in the store while no file exists, and a foreign file as none", async () => {
    const table = await dynamo.newTable();
    const dir = home();
    mkdirSync(join(dir, "dynamodb"));
    const inner = dynamoStores(dynamo.db(), table);
    await inner.putThread(link({ calls: "700" }), 0);
    const store = withLastEstimateFile(dir, inner);
    expect((await store.getThread("cli:local", LAST.channel, LAST.thread))?.input.written).toEqual({
      calls: "700",
    });
    // The next write goes to the file, after the version it read from the store.
    expect((await store.putThread(link({ calls: "800" }), 1)).version).toBe(2);
    expect(JSON.parse(readFileSync(lastEstimateFile(dir), "utf8")).link.input.written).toEqual({
      calls: "800",
    });

    const other = home();
    writeFileSync(lastEstimateFile(other), "{ not json");
    const fresh = withLastEstimateFile(other, inner);
    expect(await fresh.getThread("cli:local", LAST.channel, LAST.thread)).toBeUndefined();
  });
});
