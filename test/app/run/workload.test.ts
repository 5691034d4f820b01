import { readFileSync } from "node:fs";
import { BudgetsClient, CreateBudgetCommand } from "@aws-sdk/client-budgets";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { AwsBudgets } from "../../../src/adapters/budgets/aws-budgets.ts";
import { handleText } from "../../../src/app/pipeline.ts";
import type { Deps, WorkloadStore } from "../../../src/app/ports.ts";
import { takeTurn } from "../../../src/app/turn.ts";
import { chat, usePipeline } from "../support.ts";

const pipeline = usePipeline();
const TINY = readFileSync("test/fixtures/workloads/tiny-bot.yml", "utf8");
const T1 = chat("slack:T1");
const add = (deps: Deps, model: string, ctx = T1) => handleText("workload add", ctx, deps, { model });
const total = (reply: { estimate?: { total: string } }) => reply.estimate?.total;

const budgetsMock = mockClient(BudgetsClient);
afterEach(() => budgetsMock.reset());

describe("a team's own workload through the pipeline (dynalite)", () => {
  it("once added, prices like a built-in; at users=100000: 3,000,000 requests × 0.20/1M = 0.60 + 10 on-call = 10.60", async () => {
    const deps = await pipeline.deps();
    const added = await add(deps, TINY);
    expect(added.status).toBe(0);
    expect(added.summary).toMatch(/^Added workload tiny-bot \(version 1\)/);
    // At its defaults: 1,000 × 30 = 30,000 requests × 0.20/1M = 0.006 → 0.01 (half-up, per line) + 10.00.
    expect(total(added)).toBe("10.01");
    const reply = await handleText("tiny-bot users=100000", T1, deps);
    expect(reply.status).toBe(0);
    expect(reply.estimate?.lines.map((l) => [l.id, l.amount])).toEqual([
      ["lambda", "0.60"],
      ["ops", "10.00"],
    ]);
    expect(total(reply)).toBe("10.60");
  });

  it("is invisible to every other tenant: another Slack team, a Teams tenant, the CLI", async () => {
    const deps = await pipeline.deps();
    await add(deps, TINY);
    for (const tenant of ["slack:T2", "teams:0f9c1b2a-1111-2222-3333-444455556666", "cli:local"]) {
      const other = chat(tenant);
      const reply = await handleText("tiny-bot users=100000", other, deps);
      expect(reply.status).toBe(2);
      expect(reply.summary).toMatch(/unknown template or command `tiny-bot`/);
      expect((await handleText("workload show tiny-bot", other, deps)).status).toBe(2);
      expect((await handleText("workload list", other, deps)).summary).toMatch(
        /^No workloads of your own yet/,
      );
      expect((await handleText("help tiny-bot", other, deps)).status).toBe(2);
    }
    // Another tenant's model of the same name is its own: T2's on-call is 25 USD.
    await add(deps, TINY.replace("usd: 10", "usd: 25"), chat("slack:T2"));
    expect(total(await handleText("tiny-bot users=100000", chat("slack:T2"), deps))).toBe("25.60");
    expect(total(await handleText("tiny-bot users=100000", T1, deps))).toBe("10.60");
  });

  it("sweep, compare, save/show/diff and help work on it", async () => {
    const deps = await pipeline.deps();
    await add(deps, TINY);
    const sweep = await handleText("sweep tiny-bot users=1000,100000", T1, deps);
    expect(sweep.status).toBe(0);
    // 1,000 users: 10.01; 100,000 users: 10.60 (see above).
    expect(JSON.stringify(sweep.blocks)).toMatch(/10\.01.*10\.60/);
    const compare = await handleText("compare tiny-bot users=1000,100000", T1, deps);
    expect(compare.status).toBe(0);
    expect((await handleText("save small tiny-bot users=1000", T1, deps)).status).toBe(0);
    expect((await handleText("save big tiny-bot users=100000", T1, deps)).status).toBe(0);
    const diff = await handleText("diff small big", T1, deps);
    expect(diff.summary).toBe("small 10.01 vs big 10.60 USD / month");
    const help = await handleText("help tiny-bot", T1, deps);
    expect(help.status).toBe(0);
    expect(help.summary).toMatch(/^tiny-bot: A chat bot on Lambda/);
    expect(JSON.stringify(help.blocks)).toMatch(/monthly users/);
    // No `plan:` in the model: plan says so, as for a built-in without one.
    expect((await handleText("plan tiny-bot price=100TWD", T1, deps)).status).toBe(2);
  });

  it("what if in the thread of its estimate re-prices with the model (users 100,000 → 200,000: 1.20 + 10 = 11.20)", async () => {
    const deps = await pipeline.deps();
    await add(deps, TINY);
    const thread = { channel: "C1", thread: "1700000000.000100" };
    const ctx = chat("slack:T1", thread);
    const sink = {
      postPublic: async () => ({ kind: "thread" as const, ...thread }),
      postPrivate: async () => {},
    };
    expect((await takeTurn({ text: "tiny-bot users=100000", ctx, origin: "test" }, deps, sink)).status).toBe(
      0,
    );
    const whatIf = await takeTurn({ text: "what if users=200000", ctx, origin: "test" }, deps, sink);
    // 200,000 × 30 = 6,000,000 requests × 0.20 / 1M = 1.20.
    expect(whatIf.reply?.summary).toBe("what if users=200000: 11.20 USD / month (+0.60)");
  });

  it("a saved scenario records the model's version; show re-prices with the current one and says it changed", async () => {
    const deps = await pipeline.deps();
    await add(deps, TINY);
    await handleText("save launch tiny-bot users=100000", T1, deps);
    expect((await deps.store.getScenario("slack:T1", "launch"))?.input.workloadVersion).toBe(1);
    const unchanged = await handleText("show launch", T1, deps);
    expect(JSON.stringify(unchanged.blocks)).not.toMatch(/changed since/);
    const replaced = await add(deps, TINY.replace("usd: 10", "usd: 25"));
    expect(replaced.summary).toMatch(/^Replaced workload tiny-bot \(version 1 → 2\)/);
    const shown = await handleText("show launch", T1, deps);
    // 0.60 + 25.00 now; it was 10.60.
    expect(total(shown)).toBe("25.60");
    const text = JSON.stringify(shown.blocks);
    expect(text).toMatch(/it was 10\.60 USD then/);
    expect(text).toMatch(
      /The workload model `tiny-bot` changed since: saved with version 1, priced now with version 2/,
    );
  });

  it("budget create from a scenario of it: the limit is its USD total (10.60)", async () => {
    const deps = {
      ...(await pipeline.deps()),
      budgets: new AwsBudgets(
        new BudgetsClient({ region: "us-east-1" }),
        "123456789012",
        "arn:aws:sns:us-east-1:123456789012:t",
      ),
    };
    budgetsMock.on(CreateBudgetCommand).resolves({});
    const ctx = { ...T1, channel: { platform: "slack" as const, channel: "C1" } };
    await add(deps, TINY, ctx);
    await handleText("save launch tiny-bot users=100000", ctx, deps);
    const reply = await handleText("budget create bot from=launch", ctx, deps);
    expect(reply.status).toBe(0);
    expect(budgetsMock.commandCalls(CreateBudgetCommand)[0]!.args[0].input.Budget?.BudgetLimit).toEqual({
      Amount: "10.60",
      Unit: "USD",
    });
  });

  it("the 101st workload of a tenant is refused and nothing is stored", async () => {
    const deps = await pipeline.deps();
    for (let i = 0; i < 100; i++)
      await deps.store.putWorkload(
        {
          tenant: "slack:T1",
          name: `w-${i}`,
          title: "t",
          source: "x",
          updatedBy: "U1",
          updatedAt: "2026-12-01",
        },
        0,
      );
    const reply = await add(deps, TINY);
    expect(reply.status).toBe(2);
    expect(reply.summary).toBe(
      "this workspace has 100 workloads, the most it can keep (100); `tiny-bot` was not added",
    );
    expect(await deps.store.getWorkload("slack:T1", "tiny-bot")).toBeUndefined();
    // Replacing one it already has is still allowed at the limit.
    expect((await add(deps, TINY.replace("workload: tiny-bot", "workload: w-7"))).status).toBe(0);
  });

  it("a model with problems is refused whole: each problem with its place and line:column, nothing stored", async () => {
    const deps = await pipeline.deps();
    const bad = TINY.replace("quantity: calls,", "quantity: cals,").replace("usd: 10", "usd: 10 / 0");
    const reply = await add(deps, bad);
    expect(reply.status).toBe(2);
    // Line 13 of the fixture, the `quantity:` value at column 40.
    expect(reply.summary).toMatch(
      /lines\[0\]\.cost\[0\]\.quantity \(13:\d+\): unknown name `cals`, did you mean `calls`\?/,
    );
    expect(await deps.store.getWorkload("slack:T1", "tiny-bot")).toBeUndefined();
    const reserved = await add(deps, TINY.replace("workload: tiny-bot", "workload: budget"));
    expect(reserved.summary).toMatch(/`budget` is a command word or a built-in's name/);
    const builtIn = await add(deps, TINY.replace("workload: tiny-bot", "workload: self"));
    expect(builtIn.summary).toMatch(/`self` is a command word or a built-in's name/);
    expect((await handleText("workload add", T1, deps)).summary).toMatch(
      /^workload add needs the model: .*code block/,
    );
  });

  it("a stored model the engine no longer accepts is refused when read, with its reason", async () => {
    const deps = await pipeline.deps();
    await deps.store.putWorkload(
      {
        tenant: "slack:T1",
        name: "tiny-bot",
        title: "Tiny bot",
        source: TINY.replace("aws.lambda.requests", "aws.lambda.retired"),
        updatedBy: "U1",
        updatedAt: "2026-12-01",
      },
      0,
    );
    const reply = await handleText("tiny-bot", T1, deps);
    expect(reply.status).toBe(2);
    expect(reply.summary).toMatch(
      /^your workload `tiny-bot` \(version 1\) no longer validates: .*aws\.lambda\.retired/,
    );
  });

  it("a misspelled built-in is still refused in one line with the closest name (the store has none of it)", async () => {
    const deps = await pipeline.deps();
    const reply = await handleText("voise-agent", T1, deps);
    expect(reply.status).toBe(2);
    expect(reply.summary).toBe("unknown template or command `voise-agent`, did you mean `voice-agent`?");
    await add(deps, TINY);
    expect((await handleText("tiny-bto users=5", T1, deps)).summary).toMatch(/did you mean `tiny-bot`\?$/);
  });

  it("a command on a built-in never reads the tenant's workloads", async () => {
    const deps = await pipeline.deps();
    const reads: string[] = [];
    const counting: WorkloadStore = {
      ...deps.store,
      getWorkload: (tenant, name) => {
        reads.push(name);
        return deps.store.getWorkload(tenant, name);
      },
    };
    const watched = { ...deps, store: { ...deps.store, ...counting } };
    for (const text of ["voice-agent users=5", "sweep voice-agent users=1000,2000", "help self", "templates"])
      expect((await handleText(text, T1, watched)).status).toBe(0);
    expect(reads).toEqual([]);
    await handleText("tiny-bot", T1, watched);
    expect(reads).toEqual(["tiny-bot"]);
  });
});
