import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { handleText } from "../../../src/app/pipeline.ts";
import type { Deps } from "../../../src/app/ports.ts";
import { MAX_SCENARIO_BYTES } from "../../../src/app/run/scenarios.ts";
import { chat, usePipeline } from "../support.ts";

const pipeline = usePipeline();
const TINY = readFileSync("test/fixtures/workloads/tiny-bot.yml", "utf8");
const T1 = chat("slack:T1");
const add = (deps: Deps, model: string) => handleText("workload add", T1, deps, { model });

describe("workload models through the pipeline: versions, names, sizes, help", () => {
  it("adding the same model again keeps its version; a saved scenario stays current", async () => {
    const deps = await pipeline.deps();
    expect((await add(deps, TINY)).summary).toMatch(/^Added workload tiny-bot \(version 1\)/);
    expect((await handleText("save mine tiny-bot", T1, deps)).status).toBe(0);
    // Before: "Replaced workload tiny-bot (version 1 → 2)", and `show mine` said the model changed.
    expect((await add(deps, TINY)).summary).toMatch(/^Workload tiny-bot is unchanged \(version 1\)/);
    expect((await deps.store.getWorkload("slack:T1", "tiny-bot"))?.version).toBe(1);
    const shown = await handleText("show mine", T1, deps);
    expect(JSON.stringify(shown.blocks)).not.toMatch(/changed/i);
  });

  it("model=3.5-sonnet is answered with the models it may mean, not 'is not a number'", async () => {
    const deps = await pipeline.deps();
    const reply = await handleText("voice-agent model=3.5-sonnet", T1, deps);
    expect(reply.status).toBe(2);
    expect(reply.summary).toBe(
      "`model=3.5-sonnet` could mean `bedrock/claude-3.5-sonnet-20240620`, `bedrock/claude-3.5-sonnet-20241022`; name one of them",
    );
  });

  it("the widest model a team can write saves within one DynamoDB item (before: an internal error)", async () => {
    const deps = await pipeline.deps();
    // 30 lines × 10 components; every label and unit is 16 slots of a 25-character amount:
    // 400 characters each, cut to 300 when rendered, so no estimate outgrows its item.
    const slots = "{fee}".repeat(16);
    const lines = Array.from(
      { length: 30 },
      (_, i) =>
        `  - id: l${i}\n    label: "${slots}"\n    cost:\n${Array.from({ length: 10 }, () => `      - { label: "${slots}", unit: "${slots}", usd: 1 }`).join("\n")}`,
    ).join("\n");
    const model = `workload: wide\ntitle: Wide\nparams:\n  fee: { amount: 1234567890.12345678901TWD, description: fee }\nlines:\n${lines}\n`;
    const added = await add(deps, model);
    expect(added.status, added.summary).toBe(0);
    expect(added.estimate!.lines[0]!.label).toHaveLength(300);
    expect(added.estimate!.lines[0]!.label.endsWith("…")).toBe(true);
    const saved = await handleText("save wide-one wide", T1, deps);
    expect(saved.status, saved.summary).toBe(0);
    const stored = await deps.store.getScenario("slack:T1", "wide-one");
    expect(Buffer.byteLength(JSON.stringify(stored))).toBeLessThan(MAX_SCENARIO_BYTES);
  });

  it("help workload gives the format in brief and points to docs/workload-models.md", async () => {
    const deps = await pipeline.deps();
    const help = await handleText("help workload", T1, deps);
    expect(help.summary).toMatch(/docs\/workload-models\.md/);
    expect(help.summary).toMatch(/default_preset/);
  });
});
