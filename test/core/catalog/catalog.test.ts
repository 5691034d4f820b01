import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LLM_SNAPSHOT_MODELS, readLibraryPrice } from "../../../scripts/llm-models.ts";
import { builtInCatalog } from "../../../src/core/catalog/index.ts";
import snapshot from "../../../src/core/catalog/llm-prices.json" with { type: "json" };
import { estimate, resolveParams } from "../../../src/core/estimate.ts";
import type { Value } from "../../../src/core/params.ts";
import { TEMPLATES } from "../../../src/core/templates/index.ts";

const catalog = builtInCatalog();

describe("catalog", () => {
  it("every price names a source and an ISO as-of date", () => {
    for (const m of catalog.models()) {
      for (const key of [m.inputKey, m.outputKey]) {
        const p = catalog.price(key);
        expect(p, key).toBeDefined();
        expect(p!.source.length, key).toBeGreaterThan(5);
        expect(p!.asOf, key).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
  });

  it("every template, at its defaults and each preset, finds every price it asks for", () => {
    for (const t of TEMPLATES) {
      for (const preset of Object.keys(t.presets ?? { none: {} })) {
        const written: Record<string, Value> = t.presets
          ? { preset: { kind: "name", value: preset, text: preset } }
          : {};
        const e = estimate(t, resolveParams(t, written, catalog), catalog);
        expect(
          e.lines.filter((l) => l.flagged),
          `${t.name} ${preset}`,
        ).toEqual([]);
        for (const s of e.sources) expect(s.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
  });

  it("names the models the issue asks for, with the seeds' prices where the seeds assume them", () => {
    const perM = (id: string, side: "input" | "output") => {
      const p = catalog.price(`model.${id}.${side}`)!;
      return Number(p.value) * (1_000_000 / p.per);
    };
    for (const id of [
      "nova-micro",
      "nova-lite",
      "nova-pro",
      "gemini-flash-lite",
      "gemini-3-flash",
      "gemini-2.5-flash",
    ]) {
      expect(catalog.model(id), id).toBeDefined();
    }
    expect([perM("nova-pro", "input"), perM("nova-pro", "output")]).toEqual([0.8, 3.2]);
    expect(perM("nova-lite", "output")).toBe(0.24);
    expect([
      perM("deepseek-r1-distill-llama-70b", "input"),
      perM("deepseek-r1-distill-llama-70b", "output"),
    ]).toEqual([0.5, 2]);
    expect([perM("gemini-flash-lite", "input"), perM("gemini-flash-lite", "output")]).toEqual([0.1, 0.4]);
    expect([perM("gemini-3-flash", "input"), perM("gemini-3-flash", "output")]).toEqual([0.5, 3]);
    expect(perM("text-embedding-3-small", "input")).toBe(0.02);
    expect(catalog.model("gemini-flash-lite-latest")?.id).toBe("gemini-flash-lite");
    expect(catalog.model("amazon.nova-pro-v1:0")?.id).toBe("nova-pro");
  });

  it("the LLM snapshot still matches the installed @pydantic/genai-prices (re-run npm run catalog:snapshot after upgrading)", () => {
    const pkg = JSON.parse(readFileSync("node_modules/@pydantic/genai-prices/package.json", "utf8")) as {
      version: string;
    };
    expect(pkg.version).toBe(snapshot.version);
    for (const m of LLM_SNAPSHOT_MODELS) {
      const lib = readLibraryPrice(m);
      const snap = snapshot.models.find((s) => s.id === m.id)!;
      expect({ in: snap.inputPerMTok, out: snap.outputPerMTok }, m.id).toEqual({
        in: lib.inputPerMTok,
        out: lib.outputPerMTok,
      });
    }
  });
});

describe("dates that mean something", () => {
  it("c8g.large at 38.38 a month is seed 000's on-demand-or-RI figure, not the EC2 on-demand page's", () => {
    const c8g = catalog.price("aws.ec2.c8g.large.monthly")!;
    expect(c8g.value).toBe("38.38");
    expect(c8g.source).toBe("as assumed by seed 000_170c4680b054d463.txt, undated");
    expect(c8g.note).toMatch(/^on-demand or RI, per seed 000/);
    expect(c8g.undated).toBe(true);
  });

  it("an entry copied from an undated seed says so; seeds 003 and 004 keep the dates they state", () => {
    const undatedSeed = /^(seed 00[012]|as assumed by seed 00[012])/;
    for (const p of catalog.prices()) {
      if (p.source.includes("seed 000") || p.source.includes("seed 001") || p.source.includes("seed 002")) {
        expect(p.source, p.key).toMatch(undatedSeed);
        expect(p.source, p.key).toMatch(/^as assumed by seed 00[012]_\w+\.txt, undated/);
        expect(p.undated, p.key).toBe(true);
      }
    }
    expect(catalog.price("aws.polly.generative")!.source).toBe(
      "as assumed by seed 000_170c4680b054d463.txt, undated; check: https://aws.amazon.com/polly/pricing/",
    );
    // Read off the vendor's page on the day the catalog was recorded: dated.
    expect(catalog.price("aws.polly.neural")).toMatchObject({ asOf: "2026-11-23" });
    expect(catalog.price("aws.polly.neural")!.undated).toBeUndefined();
    expect(catalog.price("elevenlabs.scribe-v2")).toMatchObject({ asOf: "2026-02-07" });
    expect(catalog.price("elevenlabs.scribe-v2")!.undated).toBeUndefined();
    expect(catalog.price("aws.sagemaker.gp2")).toMatchObject({ asOf: "2023-12-01" });
    expect(catalog.rateEntries.find((r) => r.currency === "CNY")).toMatchObject({ undated: true });
  });
});
