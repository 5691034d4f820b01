import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { handleText } from "../../src/app/pipeline.ts";
import type { Deps, PipelineStore } from "../../src/app/ports.ts";
import { builtInTemplates, requireWorkload, tenantTemplates } from "../../src/app/workloads.ts";
import { builtInCatalog, type Catalog, createCatalog } from "../../src/core/catalog/index.ts";
import { chat, usePipeline } from "./support.ts";

const pipeline = usePipeline();
const TINY = readFileSync("test/fixtures/workloads/tiny-bot.yml", "utf8");
const T1 = chat("slack:T1");

/** The store, counting the reads a command makes of each kind. */
function counted(store: PipelineStore) {
  const reads: Record<string, number> = {};
  const proxy = new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (
        typeof value !== "function" ||
        (!String(name).startsWith("get") && !String(name).startsWith("list"))
      )
        return typeof value === "function" ? value.bind(target) : value;
      return (...args: unknown[]) => {
        reads[String(name)] = (reads[String(name)] ?? 0) + 1;
        return value.apply(target, args);
      };
    },
  });
  return { store: proxy, reads };
}

/** A catalog as a cold start has it: the eager models only; the full list loads on demand (counted). */
async function coldCatalog(): Promise<{ catalog: Catalog; loads: () => number }> {
  const { LIBRARY_MODELS } = await import("../../src/core/catalog/library-models.ts");
  const base = builtInCatalog();
  let loads = 0;
  const catalog = createCatalog({
    prices: base.prices().filter((p) => !p.key.includes("/")),
    allowances: [],
    models: base.models().filter((m) => (m.rank ?? 0) === 0),
    rates: base.rateEntries,
    version: "t",
    date: "2026-01-01",
    more: async () => {
      loads++;
      return LIBRARY_MODELS;
    },
  });
  return { catalog, loads: () => loads };
}

describe("templates.resolve: how a command finds its workload", () => {
  it("a built-in costs no read; a team's own is read once per command, with its version", async () => {
    const deps = await pipeline.deps();
    expect((await handleText("workload add", T1, deps, { model: TINY })).status).toBe(0);
    const { store, reads } = counted(deps.store);
    const templates = tenantTemplates("slack:T1", store, deps.catalog);
    const builtIn = await templates.resolve("voice-agent");
    expect(builtIn !== "unknown" && [builtIn.template.name, builtIn.version]).toEqual([
      "voice-agent",
      undefined,
    ]);
    expect(reads).toEqual({});
    const own = await templates.resolve("tiny-bot");
    const again = await templates.resolve("TINY-BOT");
    expect(own !== "unknown" && [own.template.name, own.version]).toEqual(["tiny-bot", 1]);
    expect(again).toBe(own);
    expect(reads).toEqual({ getWorkload: 1 });
  });

  it("an unknown name is 'unknown', and its refusal names the team's own beside the built-ins", async () => {
    const deps = await pipeline.deps();
    await handleText("workload add", T1, deps, { model: TINY });
    const { store, reads } = counted(deps.store);
    const templates = tenantTemplates("slack:T1", store, deps.catalog);
    // A command word can never be a workload: refused without a read.
    expect(await templates.resolve("budget")).toBe("unknown");
    expect(reads).toEqual({});
    expect(await templates.resolve("tiny-bto")).toBe("unknown");
    expect(reads).toEqual({ getWorkload: 1, listWorkloads: 1 });
    await expect(requireWorkload(templates, "tiny-bto")).rejects.toThrow(
      /unknown template `tiny-bto`, did you mean `tiny-bot`/,
    );
    // Where no store is at hand (a drift check), the built-ins alone.
    expect(await builtInTemplates.resolve("tiny-bot")).toBe("unknown");
  });
});

describe("the full model list is loaded before a command resolves its values, never by running it again", () => {
  it("what if model=gpt-5.1 in a thread reads the thread once and loads the list once", async () => {
    const deps = await pipeline.deps();
    const { catalog, loads } = await coldCatalog();
    const thread = chat("slack:T1", { channel: "C1", thread: "1.0" });
    const cold: Deps = { ...deps, catalog };
    const first = await handleText("bedrock-api", thread, cold);
    expect(first.status).toBe(0);
    const { linkThread } = await import("../../src/app/threads.ts");
    await linkThread(thread, thread.thread!, first, cold);
    expect(loads()).toBe(0);
    const { store, reads } = counted(deps.store);
    const whatIf = await handleText("what if model=gpt-5.1", thread, { ...cold, store });
    expect(whatIf.status, whatIf.summary).toBe(0);
    expect(whatIf.estimate?.params.model).toBe("openai/gpt-5.1");
    expect(loads()).toBe(1);
    // Before, the what-if stopped at the unknown model and ran again from the top: two reads.
    expect(reads.getThread).toBe(1);
  });
});
