import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { documentClient, startEmbeddedDynamo } from "../../../src/adapters/dynamodb/embedded.ts";
import { storeFolder } from "../../../src/adapters/dynamodb/local.ts";
import { runStoreCommand } from "../../../src/adapters/dynamodb/maintenance.ts";
import { dynamoStores } from "../../../src/adapters/dynamodb/stores.ts";
import { createTable, keys } from "../../../src/adapters/dynamodb/table.ts";
import { scenario } from "./fixtures.ts";

/** Issue 20: a save cut short (kill -9) between its writes is found by `store check` and mended by `store repair`. */
async function withTable<T>(home: string, work: (db: ReturnType<typeof documentClient>) => Promise<T>) {
  const engine = await startEmbeddedDynamo({ path: storeFolder(home) });
  const db = documentClient(engine.endpoint);
  try {
    await createTable(db, "costbot");
    return await work(db);
  } finally {
    db.destroy();
    await engine.close();
  }
}

function io() {
  const out = { stdout: "", stderr: "" };
  return { out, io: { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t) } };
}

describe("store check / store repair: scenarios the list does not show", () => {
  it("finds a scenario written without its list summary, repairs it, and then it is listed and counted", async () => {
    const home = mkdtempSync(join(tmpdir(), "costbot-orphans-"));
    await withTable(home, async (db) => {
      const store = dynamoStores(db, "costbot");
      await store.putScenario({ ...scenario("cli:local", "kept") }, 0, 50);
      // What a kill -9 after the first write of a save leaves: the scenario item alone, the counter not taken.
      const orphan = { ...scenario("cli:local", "orphan"), createdAt: "2025-02-01T00:00:00.000Z" };
      await db.send(
        new PutCommand({
          TableName: "costbot",
          Item: { ...orphan, ...keys.scenario("cli:local", "orphan"), version: 1 },
        }),
      );
      expect((await store.listScenarios("cli:local")).map((s) => s.name)).toEqual(["kept"]);
    });

    const check = io();
    expect(await runStoreCommand(["check"], home, check.io)).toBe(1);
    expect(check.out.stderr).toBe(
      `costbot: the store at ${storeFolder(home)} is readable, but 1 saved scenario(s) missing from \`list\` (orphan); the scenario count says 1, there are 2; run \`costbot store repair\`\n`,
    );

    const repair = io();
    expect(await runStoreCommand(["repair"], home, repair.io)).toBe(0);
    expect(repair.out.stdout).toMatch(
      /^Repaired the store at .*: 1 saved scenario\(s\) missing from `list` \(orphan\);/,
    );

    const again = io();
    expect(await runStoreCommand(["check"], home, again.io)).toBe(0);
    expect(again.out.stdout).toMatch(/is healthy/);
    await withTable(home, async (db) => {
      const store = dynamoStores(db, "costbot");
      expect((await store.listScenarios("cli:local")).map((s) => s.name)).toEqual(["orphan", "kept"]);
      expect(await store.countScenarios("cli:local")).toBe(2);
    });
  });

  it("finds a counter left one too high (killed after taking a slot) and sets it from the scenarios", async () => {
    const home = mkdtempSync(join(tmpdir(), "costbot-counter-"));
    await withTable(home, async (db) => {
      await dynamoStores(db, "costbot").putScenario(scenario("cli:local", "one"), 0, 50);
      await db.send(
        new PutCommand({
          TableName: "costbot",
          Item: { pk: "T#cli:local", sk: "META#COUNT#SCENARIO", count: 2 },
        }),
      );
    });
    const check = io();
    expect(await runStoreCommand(["check"], home, check.io)).toBe(1);
    expect(check.out.stderr).toMatch(/the scenario count says 2, there are 1; run `costbot store repair`/);
    expect(await runStoreCommand(["repair"], home, io().io)).toBe(0);
    expect(await runStoreCommand(["check"], home, io().io)).toBe(0);
  });
});
