import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { builtInCatalog } from "../../../src/core/catalog/index.ts";
import { MODEL_SIDES, modelPriceKey } from "../../../src/core/catalog/model-prices.ts";
import { UserError } from "../../../src/core/errors.ts";
import { estimate, resolveParams } from "../../../src/core/estimate.ts";
import type { Value } from "../../../src/core/params.ts";
import { parseWorkload } from "../../../src/core/workload/parse.ts";

const catalog = builtInCatalog();
const value = (side: string, id: string) => catalog.price(modelPriceKey(catalog, id, side as never))!.value;
const n = (v: string): Value => ({ kind: "number", value: v, text: v });
const pct = (v: string, text: string): Value => ({ kind: "percent", value: v, text });
const name = (v: string): Value => ({ kind: "name", value: v, text: v });

describe("cache, batch and long-context model prices", () => {
  it("cache prices come from the price library where it carries them", () => {
    // genai-prices 0.1.8: Bedrock Claude Sonnet 4.5 (regional) cache write 4.125, read 0.33 per 1M.
    expect(value("cache_write", "claude-sonnet-4.5")).toBe("4.125");
    expect(value("cache_read", "claude-sonnet-4.5")).toBe("0.33");
    // Nova Pro: cached reads 0.2 per 1M (a quarter of its 0.80 input).
    expect(value("cache_read", "nova-pro")).toBe("0.2");
    expect(catalog.price("model.nova-pro.cache_read")!.source).toMatch(/^@pydantic\/genai-prices 0\.1\.8/);
  });

  it("batch prices follow the provider's published rule (50 %), named in the source", () => {
    // Nova Pro 0.80 / 3.20 on demand → 0.40 / 1.60 in a Bedrock batch.
    expect(value("batch_input", "nova-pro")).toBe("0.4");
    expect(value("batch_output", "nova-pro")).toBe("1.6");
    expect(catalog.price("model.nova-pro.batch_input")!.source).toMatch(
      /Amazon Bedrock batch inference: 50 %/,
    );
    // GPT-5 1.25 / 10 → 0.625 / 5 in OpenAI's Batch API.
    expect(value("batch_input", "gpt-5")).toBe("0.625");
    expect(value("batch_output", "gpt-5")).toBe("5");
    expect(catalog.price("model.gpt-5.batch_output")!.note).toMatch(/costbot's rule/);
  });

  it("Anthropic's cache rule (write 1.25×, read 0.1× input) fills what the library lacks", async () => {
    await catalog.loadAllModels();
    const ruled = catalog.prices().filter((p) => /Anthropic prompt caching/.test(p.source));
    expect(ruled.length).toBeGreaterThan(0);
    for (const p of ruled) {
      const id = p.key.replace(/^model\./, "").replace(/\.cache_(read|write)$/, "");
      const input = catalog.price(catalog.model(id)!.inputKey)!.value;
      const share = p.key.endsWith("cache_write") ? 1.25 : 0.1;
      expect(Number(p.value)).toBeCloseTo(Number(input) * share, 12);
    }
  });

  it("long-context tiers where the library has them", () => {
    // Gemini 2.5 Pro: 1.25 / 10 per 1M, 2.50 / 15 for prompts over 200,000 tokens.
    expect(value("input_long", "gemini-2.5-pro")).toBe("2.5");
    expect(value("output_long", "gemini-2.5-pro")).toBe("15");
    expect(catalog.price("model.gemini-2.5-pro.input_long")!.unit).toBe(
      "input tokens (prompts over 200,000 tokens)",
    );
  });

  it("a side the model lacks is refused with the reason", () => {
    const refused = (side: string, id: string) => {
      try {
        modelPriceKey(catalog, id, side as never);
      } catch (e) {
        expect(e).toBeInstanceOf(UserError);
        return (e as Error).message;
      }
      throw new Error(`${id}.${side} was not refused`);
    };
    expect(refused("cache_read", "llama-3.3-70b")).toMatch(/`llama-3.3-70b` has no cache_read price/);
    expect(refused("cache_write", "gpt-5")).toMatch(/billed as input.*\{model\}\.input/);
    expect(refused("input_long", "nova-pro")).toMatch(/no long-context tier/);
    // costbot's own seed-priced model has none of them.
    expect(refused("batch_input", "deepseek-r1-distill-llama-70b")).toMatch(/no batch price/);
    expect(MODEL_SIDES).toHaveLength(8);
  });
});

describe("examples/cached-chat.yml prices a cache hit ratio", () => {
  const t = (() => {
    const r = parseWorkload(readFileSync("examples/cached-chat.yml", "utf8"), { catalog });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    return r.template;
  })();
  const run = (w: Record<string, Value> = {}) => estimate(t, resolveParams(t, w, catalog), catalog);

  it("at 80 % hits on Claude Sonnet 4.5 (Bedrock): 1,696.20", () => {
    // prompt tokens 100,000 turns × 8,000 = 800M; read 640M × 0.33/M = 211.20;
    // written 160M × 4.125/M = 660.00; answers 50M × 16.5/M = 825.00 → 1,696.20
    expect(run().total).toBe("1696.20");
  });

  it("at 0 % every prompt token is a cache write; a model without caching is refused with its reason", () => {
    // 800M × 4.125/M = 3,300.00 + 825.00 = 4,125.00
    expect(run({ hit: pct("0", "0%") }).total).toBe("4125.00");
    expect(() => run({ model: name("llama-3.3-70b"), turns: n("10") })).toThrow(
      /llama-3.3-70b` has no cache_read/,
    );
  });
});
