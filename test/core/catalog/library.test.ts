import { readFileSync } from "node:fs";
import { findProvider } from "@pydantic/genai-prices";
import { describe, expect, it } from "vitest";
import { loadModelsNamed } from "../../../src/app/model-list.ts";
import { builtInCatalog, createCatalog, ModelListNotLoaded } from "../../../src/core/catalog/index.ts";
import all from "../../../src/core/catalog/llm-models-all.json" with { type: "json" };
import eager from "../../../src/core/catalog/llm-prices.json" with { type: "json" };
import { UserError } from "../../../src/core/errors.ts";
import { estimate, resolveParams } from "../../../src/core/estimate.ts";
import { coerceValue, defaultValue, type ModelParam, model, type Value } from "../../../src/core/params.ts";
import { TEMPLATES } from "../../../src/core/templates/index.ts";

const name = (text: string) => ({ kind: "name" as const, value: text.toLowerCase(), text });
const perM = (catalog: ReturnType<typeof builtInCatalog>, id: string) => {
  const m = catalog.model(id)!;
  const p = (k: string) => Number(catalog.price(k)!.value) * (1_000_000 / catalog.price(k)!.per);
  return [p(m.inputKey), p(m.outputKey)];
};

async function fullCatalog() {
  const catalog = builtInCatalog();
  await catalog.loadAllModels();
  return catalog;
}

describe("every model of the price library", () => {
  it("the snapshots hold every token-priced model of the installed library's Bedrock, OpenAI, Anthropic, Google and Mistral lists", () => {
    const pkg = JSON.parse(readFileSync("node_modules/@pydantic/genai-prices/package.json", "utf8")) as {
      version: string;
    };
    expect([eager.version, all.version]).toEqual([pkg.version, pkg.version]);
    const held = new Set([...eager.models, ...all.models].map((m) => `${m.provider} ${m.libraryModel}`));
    const skipped = new Set(all.skipped.map((m) => `${m.provider} ${m.libraryModel}`));
    const missing: string[] = [];
    let count = 0;
    for (const providerId of ["aws", "openai", "anthropic", "google", "mistral"]) {
      for (const m of findProvider({ providerId })!.models) {
        const key = `${providerId} ${m.id}`;
        const prices = Array.isArray(m.prices) ? m.prices.map((c) => c.prices) : [m.prices];
        const perToken = prices.some((p) => p.input_mtok !== undefined);
        count++;
        if (perToken ? !held.has(key) : !skipped.has(key)) missing.push(key);
      }
    }
    expect(missing, "re-run npm run catalog:snapshot").toEqual([]);
    // 93 Bedrock + 93 OpenAI + 23 Anthropic + 56 Google + 43 Mistral in 0.1.8.
    expect(count).toBe(308);
    expect(held.size + skipped.size).toBe(308);
  });

  it("Meta's Llama models are there, through Bedrock", async () => {
    const catalog = await fullCatalog();
    const llama = catalog.models().filter((m) => m.vendor === "meta");
    expect(llama.length).toBe(11);
    expect(catalog.model("llama-3.2-90b")?.id).toBe("bedrock/llama3.2-90b-instruct");
  });

  it("resolves the names people type, a bare name meaning Bedrock in-region where Bedrock sells the model", async () => {
    const catalog = await fullCatalog();
    const resolve = (n: string) => catalog.model(n)?.id;
    expect(resolve("claude-sonnet-4.6")).toBe("bedrock/claude-sonnet-4.6");
    expect(resolve("sonnet-4.6")).toBe("bedrock/claude-sonnet-4.6");
    expect(resolve("Claude-Sonnet-4.6")).toBe("bedrock/claude-sonnet-4.6");
    expect(resolve("anthropic/claude-sonnet-4.6")).toBe("anthropic/claude-sonnet-4.6");
    expect(resolve("global.anthropic.claude-sonnet-4-6-v1:0")).toBe("bedrock-global/claude-sonnet-4.6");
    expect(resolve("gpt-5.1")).toBe("openai/gpt-5.1");
    expect(resolve("nova-2-lite")).toBe("bedrock/nova-2-lite");
    expect(resolve("gemini-3.1-pro")).toBe("google/gemini-3.1-pro-preview");
    // costbot's own names keep their meaning (saved scenarios and the templates' defaults use them).
    expect(resolve("claude-sonnet-4.5")).toBe("claude-sonnet-4.5");
    expect(resolve("nova-pro")).toBe("nova-pro");
    // An exact name beats a derived one: gpt-3.5-turbo-instruct is not gpt-3.5-turbo.
    expect(resolve("gpt-3.5-turbo")).toBe("openai/gpt-3.5-turbo");
    // Bedrock in-region is 10 % over Anthropic's own price: 3 × 1.1 = 3.3, 15 × 1.1 = 16.5.
    expect(perM(catalog, "claude-sonnet-4.6")).toEqual([3.3, 16.5]);
    expect(perM(catalog, "anthropic/claude-sonnet-4.6")).toEqual([3, 15]);
  });

  it("an ambiguous name is refused with the candidates", async () => {
    const catalog = await fullCatalog();
    expect(catalog.modelMatches("3.5-sonnet").map((m) => m.id)).toEqual([
      "bedrock/claude-3.5-sonnet-20240620",
      "bedrock/claude-3.5-sonnet-20241022",
    ]);
    const spec = model({ default: "nova-pro", description: "m" });
    expect(() => coerceValue("model", spec, name("3.5-sonnet"), catalog)).toThrow(
      new UserError(
        "`model=3.5-sonnet` could mean `bedrock/claude-3.5-sonnet-20240620`, `bedrock/claude-3.5-sonnet-20241022`; name one of them",
      ),
    );
  });

  it("release and price dates where the library has them, and a price's source says when it is undated", async () => {
    const catalog = await fullCatalog();
    expect(catalog.model("bedrock/claude-3.5-sonnet-20240620")?.released).toBe("2024-06-20");
    expect(
      catalog.model("mistral/pixtral-large-2502")?.released ??
        catalog.model("bedrock/pixtral-large-2502")?.released,
    ).toBe("2025-02");
    const sonnet = catalog.model("anthropic/claude-sonnet-4.6")!;
    expect(sonnet.priceSince).toBe("2026-03-13");
    expect(catalog.price(sonnet.inputKey)?.asOf).toBe("2026-03-13");
    const nova = catalog.price(catalog.model("nova-pro")!.inputKey)!;
    expect(nova.asOf).toBe("2026-09-23");
    expect(nova.source).toMatch(/undated in the library; as published in 0\.1\.8 on 2026-09-23/);
  });
});

describe("the full list stays out of cold start", () => {
  it("the eager catalog knows the templates' defaults and loads the rest only when asked", async () => {
    const more = {
      models: [...(await import("../../../src/core/catalog/library-models.ts")).LIBRARY_MODELS.models],
      prices: [...(await import("../../../src/core/catalog/library-models.ts")).LIBRARY_MODELS.prices],
    };
    let loads = 0;
    const base = builtInCatalog();
    const catalog = createCatalog({
      prices: base.prices().filter((p) => !p.key.includes("/")),
      allowances: [],
      models: base.models().filter((m) => (m.rank ?? 0) === 0),
      rates: base.rateEntries,
      version: "t",
      date: "2026-01-01",
      more: async () => {
        loads++;
        return more;
      },
    });
    for (const t of TEMPLATES)
      for (const spec of Object.values(t.params))
        if (spec.kind === "model") expect(catalog.model(spec.default), `${t.name}`).toBeDefined();
    const spec: ModelParam = model({ default: "nova-pro", description: "m" });
    expect(() => coerceValue("model", spec, name("gpt-5.1"), catalog)).toThrow(ModelListNotLoaded);
    // The app loads the full list before resolving a name the eager catalog lacks, then resolves.
    const resolved = async (model: string) => {
      await loadModelsNamed(catalog, [model]);
      return coerceValue("model", spec, name(model), catalog);
    };
    const id = await resolved("gpt-5.1");
    expect(id).toBe("openai/gpt-5.1");
    await resolved("gpt-5.2");
    expect(loads).toBe(1);
    await expect(resolved("gpt-9")).rejects.toThrow(/unknown model `gpt-9`/);
  });
});

describe("fit checks", () => {
  const voiceAgent = TEMPLATES.find((t) => t.name === "voice-agent")!;
  const modelParams = TEMPLATES.flatMap((t) =>
    Object.entries(t.params)
      .filter(([, s]) => s.kind === "model")
      .map(([key, s]) => ({ template: t.name, key, spec: s as ModelParam })),
  );

  it("every built-in's model parameters refuse an embedding model with a reason and a suggestion", async () => {
    const catalog = await fullCatalog();
    expect(modelParams.map((p) => `${p.template}.${p.key}`)).toEqual(
      [
        "voice-agent.model",
        "bedrock-api.model",
        "voice-coach.emotion_model",
        "voice-coach.report_model",
        "self.model",
      ].filter((k) => modelParams.some((p) => `${p.template}.${p.key}` === k)),
    );
    for (const { template, key, spec } of modelParams) {
      for (const embedding of [
        "text-embedding-3-small",
        "openai/text-embedding-ada-002",
        "google/gemini-embedding-001",
      ]) {
        expect(() => coerceValue(key, spec, name(embedding), catalog), `${template} ${key}`).toThrow(
          /is an embedding model: it returns vectors, not answers, so it cannot price chat turns; pick one that fits, e\.g\. `/,
        );
      }
      expect(coerceValue(key, spec, name("nova-pro"), catalog)).toBe("nova-pro");
    }
  });

  it("voice-agent sends images: a text-only model is refused, naming the cheapest eager model that takes images", async () => {
    const catalog = await fullCatalog();
    // The need holds only while images > 0 (docs/workload-models.md, "Model parameters"): it is
    // checked on the values being priced, not on the parameter alone.
    const price = (written: Record<string, Value>) =>
      estimate(voiceAgent, resolveParams(voiceAgent, written, catalog), catalog);
    expect(() => price({ model: name("llama-3.3-70b") })).toThrow(
      new UserError(
        "`model=llama-3.3-70b`: llama-3.3-70b takes text only (as far as the library says), and this workload sends it images; pick one that fits, e.g. `nova-lite`",
      ),
    );
    // nova-micro: the library's own description says "text-only".
    expect(() => price({ model: name("nova-micro") })).toThrow(/nova-micro takes text only/);
    expect(() =>
      price({ model: name("nova-micro"), images: { kind: "number", value: "0", text: "0" } }),
    ).not.toThrow();
    const spec = voiceAgent.params.model as ModelParam;
    expect(() => coerceValue("model", spec, name("text-embedding-3-small"), catalog)).toThrow(
      /embedding model/,
    );
    for (const ok of [
      "nova-pro",
      "nova-lite",
      "claude-sonnet-4.6",
      "gpt-5.1",
      "gemini-3.1-pro",
      "llama-4-maverick",
    ])
      expect(() => coerceValue("model", spec, name(ok), catalog), ok).not.toThrow();
  });

  it("audio and embedding needs", async () => {
    const catalog = await fullCatalog();
    const audio: ModelParam = model({ default: "gemini-2.5-flash", description: "m", needs: ["audio"] });
    expect(coerceValue("m", audio, name("gemini-2.5-flash"), catalog)).toBe("gemini-2.5-flash");
    expect(coerceValue("m", audio, name("openai/gpt-audio"), catalog)).toBe("openai/gpt-audio");
    expect(() => coerceValue("m", audio, name("nova-pro"), catalog)).toThrow(
      /nova-pro takes text and images only/,
    );
    const embed: ModelParam = model({
      default: "text-embedding-3-small",
      description: "m",
      needs: ["embedding"],
    });
    expect(coerceValue("m", embed, name("text-embedding-3-large"), catalog)).toBe("text-embedding-3-large");
    expect(() => coerceValue("m", embed, name("nova-pro"), catalog)).toThrow(
      "`m=nova-pro`: nova-pro is a chat model, and this parameter prices an embedding model; pick one that fits, e.g. `text-embedding-3-small`",
    );
  });

  it("a template default that does not fit is refused too", () => {
    const catalog = builtInCatalog();
    const bad: ModelParam = model({ default: "text-embedding-3-small", description: "m", needs: ["images"] });
    expect(() => coerceValue("m", bad, name("nova-pro"), catalog)).not.toThrow();
    expect(() => defaultValue(bad, catalog)).toThrow(/embedding model/);
  });
});
