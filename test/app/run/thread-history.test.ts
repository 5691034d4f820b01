import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { dynamoStores } from "../../../src/adapters/dynamodb/stores.ts";
import { keys, RETENTION_SECONDS } from "../../../src/adapters/dynamodb/table.ts";
import { handleText } from "../../../src/app/pipeline.ts";
import type { Deps } from "../../../src/app/ports.ts";
import { MAX_THREAD_HISTORY } from "../../../src/app/run/estimate.ts";
import { linkThread } from "../../../src/app/threads.ts";
import { builtInCatalog } from "../../../src/core/catalog/index.ts";
import { useEmbeddedDynamo } from "../../adapters/dynamodb/fixtures.ts";
import { chat, memoryLogger } from "../support.ts";

const dynamo = useEmbeddedDynamo();
const where = { channel: "C1", thread: "1700000000.000100" };
const ctx = chat("slack:T1", where);

/** Real stores on dynalite sharing one movable clock with the app. */
async function thread() {
  const table = await dynamo.newTable();
  const clock = { t: new Date("2026-11-23T10:00:00.000Z"), now: () => clock.t };
  const deps: Deps = {
    catalog: builtInCatalog(),
    store: dynamoStores(dynamo.db(), table, clock),
    clock,
    log: memoryLogger(),
  };
  await linkThread(ctx, where, await handleText("bedrock-api devs=0010", ctx, deps), deps);
  const raw = async () =>
    (
      await dynamo
        .db()
        .send(new GetCommand({ TableName: table, Key: keys.thread("slack:T1", where.channel, where.thread) }))
    ).Item!;
  return { deps, clock, raw };
}

describe("a thread's what-if history stays bounded", () => {
  it("after 5,000 what-ifs the item holds the base and the last 50, and stays far below 400 KB", {
    timeout: 600_000,
  }, async () => {
    const { deps, raw } = await thread();
    // Every tenth what-if is as long as a command may be (1,980 leading zeros): unbounded and
    // unnormalized, 200 of those alone would pass DynamoDB's 400 KB.
    for (let i = 1; i <= 5000; i++) {
      const devs = i % 10 === 0 ? `${"0".repeat(1980)}${i}` : String(i);
      const reply = await handleText(`what if devs=${devs}`, ctx, deps);
      expect(reply.kind, reply.summary).toBe("what-if");
    }
    const item = await raw();
    expect(item.history).toHaveLength(MAX_THREAD_HISTORY);
    // The last 50 are what-ifs 4,951 … 5,000, their values canonical (no leading zeros).
    expect(item.history.map((h: { text: string }) => h.text)).toEqual(
      Array.from({ length: 50 }, (_, k) => `devs=${4951 + k}`),
    );
    expect(item.input.written.devs).toBe("5000");
    // The base is the estimate that started the thread, as it was written.
    expect(item.base).toEqual({ template: "bedrock-api", written: { devs: "0010" }, currency: "USD" });
    expect(item.version).toBe(5001); // the link, then one write per what-if
    // 50 entries of ~60 bytes and one estimate: well under 50 KB (the JSON overstates the size).
    expect(JSON.stringify(item).length).toBeLessThan(50_000);
  });

  it("the 51st what-if drops the oldest entry, and one of 2,000 characters is stored canonical", async () => {
    const { deps, raw } = await thread();
    for (let i = 1; i <= MAX_THREAD_HISTORY; i++) await handleText(`what if devs=${i}`, ctx, deps);
    const long = `${"0".repeat(1900)}7.50k`; // 7.5 thousand
    const reply = await handleText(`what if devs=${long} calls=0100`, ctx, deps);
    expect(reply.summary).toContain(`what if devs=${long}`); // the reply echoes the words as written
    const item = await raw();
    expect(item.history).toHaveLength(50);
    expect(item.history[0].text).toBe("devs=2");
    expect(item.history[49]).toEqual({
      text: "devs=7500 calls=100",
      by: "U1",
      at: "2026-11-23T10:00:00.000Z",
    });
    expect(item.input.written).toEqual({ devs: "7500", calls: "100" });
  });
});

describe("thread links expire after their last use", () => {
  it("the link and every what-if write expiresAt 90 days after the write", async () => {
    const { deps, clock, raw } = await thread();
    // 2026-11-23T10:00:00Z is 1,795,428,000 s since the epoch; 90 days are 7,776,000 s.
    expect(RETENTION_SECONDS.thread).toBe(7_776_000);
    expect((await raw()).expiresAt).toBe(1_795_428_000 + 7_776_000);
    clock.t = new Date("2026-12-23T10:00:00.000Z"); // 30 days (2,592,000 s) later
    await handleText("what if devs=20", ctx, deps);
    expect((await raw()).expiresAt).toBe(1_795_428_000 + 2_592_000 + 7_776_000);
  });
});
