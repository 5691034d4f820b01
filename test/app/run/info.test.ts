import { describe, expect, it } from "vitest";
import { handleText } from "../../../src/app/pipeline.ts";
import { chat, usePipeline } from "../support.ts";

const pipeline = usePipeline();
type Rows = readonly (readonly string[])[];
const firstTable = (r: { blocks: readonly { type: string }[] }) =>
  (r.blocks.find((b) => b.type === "table") as { rows: Rows } | undefined)?.rows ?? [];

describe("templates, models and help", () => {
  it("templates lists all six with their default totals (the seed checks of README, Workload templates, and costbot's own bill)", async () => {
    const reply = await handleText("templates", chat("cli:local"), await pipeline.deps());
    expect(firstTable(reply).map((r) => [r[0], r[2]])).toEqual([
      ["voice-agent", "55,038.32"],
      ["gpu-platform", "201.04"],
      ["bedrock-api", "38.61"],
      ["voice-coach", "1,253.30"],
      ["image-gen", "310.45"],
      // 10,000 commands: Lambda 0.01 M × 0.20 + 45 GB-s × 0.0000133334 = 0.0026 → 0.00; HTTP API 0.01;
      // 20,000 writes × 0.625/M + 10,000 reads × 0.125/M = 0.01375 → 0.01; logs 4.8 MB × 0.50/GB → 0.00.
      ["self", "0.02"],
    ]);
    expect(reply.visibility).toBe("private");
  });

  it("models lists prices per 1M tokens with what each takes, its dates and source, and filters", async () => {
    const deps = await pipeline.deps();
    const nova = firstTable(await handleText("models nova", chat("cli:local"), deps));
    // The eager four first, then the library's other Nova models: in-region Bedrock before global.
    expect(nova.map((r) => r[0])).toEqual([
      "nova-lite",
      "nova-micro",
      "nova-premier",
      "nova-pro",
      "bedrock/nova-2-lite",
      "bedrock/nova-2-sonic",
      "bedrock/nova-sonic",
      "bedrock-global/nova-2-lite",
    ]);
    expect(nova.find((r) => r[0] === "nova-pro")!.slice(1)).toEqual([
      "0.8",
      "3.2",
      "text+images",
      "–",
      "undated (genai-prices 0.1.8)",
    ]);
    const seedModel = firstTable(await handleText("models deepseek-r1-distill", chat("cli:local"), deps));
    expect(seedModel[0]!.slice(1, 4)).toEqual(["0.5", "2", "text"]);
    const claude = firstTable(await handleText("models claude", chat("cli:local"), deps));
    expect(claude.length).toBeGreaterThan(20);
    expect(claude.every((r) => r[0]!.includes("claude"))).toBe(true);
    expect(claude.find((r) => r[0] === "bedrock/claude-3.5-sonnet-20240620")?.[4]).toBe("2024-06-20");
    const metaOnBedrock = firstTable(await handleText("models bedrock llama", chat("cli:local"), deps));
    expect(metaOnBedrock.map((r) => r[0])).toContain("bedrock/llama3.2-90b-instruct");
    const miss = await handleText("models novva-pro", chat("cli:local"), deps);
    expect(miss.status).toBe(2);
    expect(miss.summary).toMatch(/did you mean `nova-pro`/);
  });

  it("help <template> lists every key with default, range and meaning, from the template's schema", async () => {
    const reply = await handleText("help voice-agent", chat("cli:local"), await pipeline.deps());
    const rows = firstTable(reply);
    expect(rows.map((r) => r[0])).toContain("turn_seconds");
    expect(rows.find((r) => r[0] === "users")).toEqual([
      "users",
      "1,000 users",
      "1 … 1,000,000,000",
      "monthly active users",
    ]);
    expect(rows.find((r) => r[0] === "tts")?.[2]).toBe("polly-generative | polly-neural | polly-standard");
    const gpu = await handleText("help gpu-platform", chat("cli:local"), await pipeline.deps());
    expect(gpu.blocks.at(-1)).toMatchObject({
      type: "context",
      text: expect.stringMatching(
        /^Presets \(preset=…; any key overrides its preset\): dev \(default\): the parameters. own defaults; prod: gpu_hours=500, /,
      ),
    });
  });

  it("help on a command explains it; help on nothing known suggests the closest", async () => {
    const deps = await pipeline.deps();
    expect((await handleText("help sweep", chat("cli:local"), deps)).summary).toMatch(/at most 50/);
    const miss = await handleText("help swep", chat("cli:local"), deps);
    expect(miss).toMatchObject({ status: 2 });
    expect(miss.summary).toMatch(/did you mean `sweep`/);
  });

  it("detail=full shows every priced quantity with its unit price and every source", async () => {
    const reply = await handleText("bedrock-api detail=full", chat("cli:local"), await pipeline.deps());
    const tables = reply.blocks.filter((b) => b.type === "table") as { rows: Rows }[];
    const components = tables[1]!.rows;
    expect(components.find((r) => r[0] === "api: requests")).toEqual([
      "api: requests",
      "30,000",
      "requests",
      "3.50 USD per 1,000,000 requests",
      "0.105",
    ]);
    const context = reply.blocks.find((b) => b.type === "context") as { text: string };
    // bedrock-api's prices: seed 002's (undated) and the Lambda page's, read on 2026-11-23.
    expect(context.text).toContain("prices as of 2026-11-23; undated: as assumed by seed 002");
    const notes = reply.blocks.filter((b) => b.type === "notes") as { items: readonly string[] }[];
    expect(notes.flatMap((n) => n.items).join("\n")).toMatch(
      /aws\.apigw\.rest: 3\.50 USD per 1,000,000 requests \(as assumed by seed 002_d97c40f400d2d597\.txt, undated; check: https:\/\/aws\.amazon\.com\/api-gateway\/pricing\/\)\n/,
    );
  });
});
