import { describe, expect, it } from "vitest";
import { runHelp } from "../../../src/app/run/info.ts";
import { builtInCatalog } from "../../../src/core/catalog/index.ts";
import { estimate, resolveParams } from "../../../src/core/estimate.ts";
import type { Value } from "../../../src/core/params.ts";
import { findTemplate } from "../../../src/core/templates/index.ts";
import { formatProblem, parseWorkload } from "../../../src/core/workload/parse.ts";

const catalog = builtInCatalog();
const name = (text: string): Value => ({ kind: "name", value: text, text });
const num = (text: string): Value => ({ kind: "number", value: text, text });

// agents × 1,000 requests at aws.lambda.requests (0.20 USD per 1M) + 10 USD on-call.
const PILOT = `workload: helpdesk
title: Helpdesk bot
params:
  agents: { default: 200, min: 1, max: 1e6, integer: true, unit: agents, description: support agents }
presets:
  pilot: { agents: 20 }
  big: { agents: 100000 }
lines:
  - id: lambda
    label: Lambda ({agents} agents)
    cost:
      - { label: requests, quantity: agents * 1000, price: aws.lambda.requests }
  - id: oncall
    label: On-call
    cost:
      - { label: rota, usd: 10 }
`;

function template(text: string) {
  const r = parseWorkload(text, { catalog });
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join("\n"));
  return r.template;
}

describe("presets apply only when named or when the model names a default_preset", () => {
  it("without default_preset, an estimate at defaults uses the parameters' own defaults", () => {
    const t = template(PILOT);
    const e = estimate(t, resolveParams(t, {}, catalog), catalog);
    // 200 agents × 1,000 = 200,000 requests × 0.20/1M = 0.04; + 10.00 on-call = 10.04
    // (before: pilot's 20 agents applied unasked → 20,000 × 0.20/1M = 0.004 → 0.00 + 10 = 10.00)
    expect(e.lines[0]!.label).toBe("Lambda (200 agents)");
    expect(e.total).toBe("10.04");
    expect(e.params.agents).toBe(200);
  });

  it("preset=big applies when named: 100,000 agents, and the label groups thousands", () => {
    const t = template(PILOT);
    const e = estimate(t, resolveParams(t, { preset: name("big") }, catalog), catalog);
    // 100,000 × 1,000 = 1e8 requests × 0.20/1M = 20.00; + 10.00 = 30.00
    expect(e.lines[0]!.label).toBe("Lambda (100,000 agents)");
    expect(e.total).toBe("30.00");
  });

  it("with default_preset, that preset applies at defaults", () => {
    const t = template(`${PILOT}default_preset: pilot\n`);
    const e = estimate(t, resolveParams(t, {}, catalog), catalog);
    // 20 × 1,000 = 20,000 × 0.20/1M = 0.004 → 0.00; + 10.00
    expect(e.lines[0]!.label).toBe("Lambda (20 agents)");
    expect(e.total).toBe("10.00");
  });

  it("help shows each preset's values and says no preset applies by default", () => {
    const t = template(PILOT);
    // `none`: the parameters' own defaults (before: the first preset, pilot).
    expect(t.defaultPreset).toBe("none");
    const help = runHelp("gpu-platform", findTemplate("gpu-platform"));
    expect(help.blocks.at(-1)).toMatchObject({ text: expect.stringMatching(/dev \(default\)/) });
  });

  it("a preset cannot be named `none` (it means: no preset)", () => {
    const r = parseWorkload(PILOT.replace("big:", "none:"), { catalog });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems.map(formatProblem)).toContain(
        "presets.none (7:3): `none` means no preset; name this preset otherwise",
      );
  });
});

const MODEL = `workload: vision-bot
title: Vision bot
params:
  images: { default: 2, min: 0, max: 100, integer: true, unit: images, description: images per call }
  model: { model: MODEL, needs: { images: "images > 0" }, description: the answering model }
lines:
  - id: llm
    label: LLM ({model})
    cost:
      - { label: input tokens, quantity: 1000 + images * 800, price: "{model}.input" }
`;

describe("needs follow the values; a model default resolves like model= at run time", () => {
  it("a conditional need is checked on the values being priced", () => {
    const t = template(MODEL.replace("MODEL", "nova-pro"));
    const at = (written: Record<string, Value>) => () =>
      estimate(t, resolveParams(t, written, catalog), catalog);
    expect(at({ model: name("nova-micro") })).toThrow(/`model=nova-micro`: nova-micro takes text only/);
    // images=0: nothing sends images, so nova-micro fits. 1,000 tokens × 0.035/1M = 0.000035 → 0.00
    expect(at({ model: name("nova-micro"), images: num("0") })().total).toBe("0.00");
  });

  it("a default that does not fit its own need is refused when the model is checked", () => {
    const r = parseWorkload(MODEL.replace("MODEL", "nova-micro"), { catalog });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems[0]!.message).toMatch(
        /^at the defaults: `model=nova-micro`: nova-micro takes text only/,
      );
  });

  it("any catalog model is a default, by id or alias: gpt-4o-mini once the list is loaded", async () => {
    const full = builtInCatalog();
    await full.loadAllModels();
    const r = parseWorkload(MODEL.replace("MODEL", "gpt-4o-mini"), { catalog: full });
    expect(r.ok, r.ok ? "" : r.problems.map(formatProblem).join("\n")).toBe(true);
    if (r.ok) expect(resolveParams(r.template, {}, full).model).toBe("openai/gpt-4o-mini");
  });

  it("a bare name resolves Bedrock in-region first (claude-3.5-haiku), as model= does", async () => {
    const full = builtInCatalog();
    await full.loadAllModels();
    expect(full.model("claude-3.5-haiku")?.id).toBe("bedrock/claude-3.5-haiku-20241022");
    const r = parseWorkload(MODEL.replace("MODEL", "claude-3.5-haiku"), { catalog: full });
    if (r.ok) expect(resolveParams(r.template, {}, full).model).toBe("bedrock/claude-3.5-haiku-20241022");
    else throw new Error(r.problems.map(formatProblem).join("\n"));
  });

  it("a typo suggests the nearest model first: nova-prp → nova-pro", () => {
    const r = parseWorkload(MODEL.replace("MODEL", "nova-prp"), { catalog });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.message).toBe("unknown model `nova-prp`, did you mean `nova-pro`?");
  });
});
