import { describe, expect, it } from "vitest";
import { handleText } from "../../src/app/pipeline.ts";
import { linkThread } from "../../src/app/threads.ts";
import { chat, usePipeline } from "./support.ts";

const pipeline = usePipeline();
const amounts = (r: { estimate?: { lines: readonly { id: string; amount: string }[] } }) =>
  Object.fromEntries((r.estimate?.lines ?? []).map((l) => [l.id, Number(l.amount)]));

describe("pipeline: estimates and threaded what-ifs", () => {
  it("a what-if in an estimate's thread answers with the new total and the delta per line", async () => {
    const deps = await pipeline.deps();
    const where = { channel: "C1", thread: "1700000000.000100" };
    const first = await handleText("voice-agent users=1000 model=nova-pro", chat("slack:T1"), deps);
    expect(first.estimate?.total).toBe("55038.32");
    await linkThread(chat("slack:T1"), where, first, deps);

    const next = await handleText("what if users=5000 model=nova-lite", chat("slack:T1", where), deps);
    // By hand (the seed check, README, Workload templates): 18,000,000 turns; Nova Lite 144e9 in × 0.06/M + 1.8e9 out × 0.24/M = 9,072;
    // 1.5M Transcribe minutes = 6,000 + 11,250 + 5,100; 3.6e9 Polly chars × 30/M; 9M Agora min.
    expect(amounts(next)).toMatchObject({ llm: 9072, stt: 22350, tts: 108000, rtc: 6821.92, alb: 17 });
    expect(next.kind).toBe("what-if");
    const table = next.blocks.find((b) => b.type === "table");
    expect(table?.type === "table" && table.rows.at(-1)).toEqual([
      "Total",
      "55,038.32",
      "151,090.26",
      "+96,051.94",
    ]);
  });

  it("successive what-ifs build on each other and are kept in the thread's history", async () => {
    const deps = await pipeline.deps();
    const where = { channel: "C1", thread: "1.1" };
    await linkThread(chat("slack:T1"), where, await handleText("bedrock-api", chat("slack:T1"), deps), deps);
    await handleText("what if devs=1000", chat("slack:T1", where), deps);
    const second = await handleText("calls=40 days=25", chat("slack:T1", where), deps);
    // 1,000 × 40 × 25 = 1,000,000 calls: 500,000 GB-s, 100,000 billed at $0.0000166667.
    expect(second.estimate?.params).toMatchObject({ devs: 1000, calls: 40, days: 25 });
    expect(amounts(second).lambda).toBe(1.67);
    const link = await deps.store.getThread("slack:T1", "C1", "1.1");
    expect(link?.history.map((h) => h.text)).toEqual(["devs=1000", "calls=40 days=25"]);
    expect(link?.version).toBe(3);
  });

  it("a what-if that changes the currency compares before and after in that currency", async () => {
    const deps = await pipeline.deps();
    const where = { channel: "C1", thread: "5.5" };
    await linkThread(chat("slack:T1"), where, await handleText("bedrock-api", chat("slack:T1"), deps), deps);
    const reply = await handleText("what if currency=TWD devs=20", chat("slack:T1", where), deps);
    const table = reply.blocks.find((b) => b.type === "table");
    // 38.61 USD and 76.21 USD, each line converted at 32 TWD and rounded: 1,235.36 → 2,438.72.
    expect(table?.type === "table" && table.rows.at(-1)).toEqual([
      "Total",
      "1,235.36",
      "2,438.72",
      "+1,203.36",
    ]);
    expect(reply.blocks.find((b) => b.type === "text")).toMatchObject({
      text: "Changed: devs 10 → 20, shown in TWD",
    });
    const only = await handleText("what if currency=USD", chat("slack:T1", where), deps);
    expect(only.estimate).toMatchObject({ currency: "USD", total: "76.21" });
  });

  it("a what-if in a thread with no scenario gets a helpful private reply", async () => {
    const deps = await pipeline.deps();
    const reply = await handleText(
      "what if users=5",
      chat("slack:T1", { channel: "C1", thread: "9.9" }),
      deps,
    );
    expect(reply).toMatchObject({ kind: "error", visibility: "private", status: 2 });
    expect(reply.summary).toMatch(/no estimate/);
    expect(reply.hint).toMatch(/\/cost/);
  });

  it("a what-if from another tenant never reads the first tenant's thread", async () => {
    const deps = await pipeline.deps();
    const where = { channel: "C1", thread: "2.2" };
    await linkThread(chat("slack:T1"), where, await handleText("bedrock-api", chat("slack:T1"), deps), deps);
    const reply = await handleText("what if devs=20", chat("slack:T2", where), deps);
    expect(reply.status).toBe(2);
    expect((await deps.store.getThread("slack:T1", "C1", "2.2"))?.version).toBe(1);
  });

  it("concurrent what-ifs in one thread all land: none is lost to a version conflict", async () => {
    const deps = await pipeline.deps();
    const where = { channel: "C1", thread: "3.3" };
    await linkThread(chat("slack:T1"), where, await handleText("bedrock-api", chat("slack:T1"), deps), deps);
    const replies = await Promise.all(
      [11, 12, 13].map((d) => handleText(`what if devs=${d}`, chat("slack:T1", where), deps)),
    );
    expect(replies.map((r) => r.status)).toEqual([0, 0, 0]);
    const link = await deps.store.getThread("slack:T1", "C1", "3.3");
    expect(link?.history).toHaveLength(3);
    expect(link?.version).toBe(4);
  });
});

describe("pipeline: saved scenarios", () => {
  it("save, list, show, diff and delete, scoped to the tenant", async () => {
    const deps = await pipeline.deps();
    const ctx = chat("slack:T1");
    expect((await handleText("save small bedrock-api", ctx, deps)).status).toBe(0);
    expect((await handleText("save big bedrock-api devs=1000", ctx, deps)).status).toBe(0);
    const list = await handleText("list", ctx, deps);
    // Newest first; both were saved at the fixed clock's instant, and such ties list in reverse name order.
    expect((list.data as { scenarios: { name: string }[] }).scenarios.map((s) => s.name)).toEqual([
      "small",
      "big",
    ]);
    expect((await handleText("list", chat("slack:T2"), deps)).summary).toMatch(/No saved scenarios/);
    expect((await handleText("show small", chat("slack:T2"), deps)).status).toBe(2);

    const show = await handleText("show big", ctx, deps);
    // 3,000,000 calls: 2M requests × 0.20/M + 1.1M GB-s × 0.0000166667 = 18.73; Bedrock 3,750; API 10.50; S3 1.
    expect(show.estimate?.total).toBe("3780.23");

    const diff = await handleText("diff small big", ctx, deps);
    const table = diff.blocks.find((b) => b.type === "table");
    expect(table?.type === "table" && table.rows.at(-1)).toEqual(["Total", "38.61", "3,780.23", "+3,741.62"]);

    expect((await handleText("delete small", ctx, deps)).status).toBe(0);
    expect((await handleText("delete small", ctx, deps)).status).toBe(2);
  });

  it("save refuses a name that exists, and keeps the first scenario", async () => {
    const deps = await pipeline.deps();
    const ctx = chat("slack:T1");
    await handleText("save plan-a bedrock-api", ctx, deps);
    const again = await handleText("save PLAN-A bedrock-api devs=99", ctx, deps);
    expect(again.status).toBe(2);
    expect((await deps.store.getScenario("slack:T1", "plan-a"))?.estimate.total).toBe("38.61");
  });

  it("bad input writes nothing", async () => {
    const deps = await pipeline.deps();
    const ctx = chat("slack:T1");
    for (const text of [
      "save x bedrock-api devs=0",
      "save x voice-agent model=gpt-nine",
      "save x nope",
      "save bad/name bedrock-api",
    ]) {
      expect((await handleText(text, ctx, deps)).status, text).toBe(2);
    }
    expect(await deps.store.listScenarios("slack:T1")).toEqual([]);
  });

  it("save in a thread saves the thread's current scenario, what-ifs included", async () => {
    const deps = await pipeline.deps();
    const where = { channel: "C9", thread: "4.4" };
    await linkThread(chat("slack:T1"), where, await handleText("voice-coach", chat("slack:T1"), deps), deps);
    await handleText("what if users=4000", chat("slack:T1", where), deps);
    await handleText("save coach-4k", chat("slack:T1", where), deps);
    const saved = await deps.store.getScenario("slack:T1", "coach-4k");
    expect(saved?.input.written).toEqual({ users: "4000" });
    // Double the users of the seed check: every line but `fixed` doubles: 2 × 1,173.30 + 80.
    expect(saved?.estimate.total).toBe("2426.60");
  });
});

describe("pipeline: failures", () => {
  it("an internal failure is logged with a reference and the user gets an apology naming it", async () => {
    const deps = await pipeline.deps();
    const broken = {
      ...deps,
      store: { ...deps.store, listScenarios: () => Promise.reject(new Error("disk on fire")) },
    };
    const reply = await handleText("list", chat("slack:T1"), broken);
    expect(reply.status).toBe(1);
    const reference = /reference (\w+)/.exec(reply.summary)?.[1];
    expect(deps.log.errors).toEqual([expect.objectContaining({ reference, message: "command failed" })]);
    expect(reply.summary).not.toMatch(/disk on fire/);
  });
});
