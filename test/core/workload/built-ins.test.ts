import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileBuiltIns } from "../../../scripts/compile-workloads.ts";
import { builtInCatalog } from "../../../src/core/catalog/index.ts";
import { estimate, resolveParams } from "../../../src/core/estimate.ts";
import { builtInSource, findTemplate, TEMPLATES } from "../../../src/core/templates/index.ts";
import { parseWorkload } from "../../../src/core/workload/parse.ts";
import { BUILT_IN_MODELS } from "../../../src/core/workloads/models.generated.ts";

describe("the built-in workloads are workload models compiled at build time", () => {
  it("models.generated.ts is what the YAML compiles to (run `npm run build` after editing a .yml)", () => {
    const { models } = compileBuiltIns();
    expect(JSON.parse(JSON.stringify(BUILT_IN_MODELS))).toEqual(JSON.parse(JSON.stringify(models)));
  });

  it("the templates are the six models, in `templates` order", () => {
    expect(TEMPLATES.map((t) => t.name)).toEqual([
      "voice-agent",
      "gpu-platform",
      "bedrock-api",
      "voice-coach",
      "image-gen",
      "self",
    ]);
  });

  it("a built-in's YAML is its file, loaded on demand, and parses as a team's own copy once renamed", async () => {
    const yaml = await builtInSource("voice-agent");
    expect(yaml).toBe(readFileSync("src/core/workloads/voice-agent.yml", "utf8"));
    const copy = yaml!.replace("workload: voice-agent", "workload: my-agent");
    const r = parseWorkload(copy, { catalog: builtInCatalog() });
    expect(r.ok).toBe(true);
    expect(await builtInSource("no-such")).toBeUndefined();
  });

  it("its own name is refused for a team's copy", async () => {
    const r = parseWorkload((await builtInSource("bedrock-api"))!, { catalog: builtInCatalog() });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.message).toMatch(/built-in's name/);
  });

  it("voice-agent's model must read images only when images > 0: nova-micro prices with images=0", () => {
    const voice = findTemplate("voice-agent")!;
    const catalog = builtInCatalog();
    const micro = { kind: "name" as const, value: "nova-micro", text: "nova-micro" };
    const none = { kind: "number" as const, value: "0", text: "0" };
    expect(() => estimate(voice, resolveParams(voice, { model: micro }, catalog), catalog)).toThrow(
      /`model=nova-micro`: nova-micro takes text only.*sends it images/,
    );
    const e = estimate(voice, resolveParams(voice, { model: micro, images: none }, catalog), catalog);
    expect(e.lines[0]!.label).toBe("LLM (nova-micro)");
  });

  it("gpu-platform's presets and voice-coach's revenue and plan come from the format", () => {
    const gpu = findTemplate("gpu-platform")!;
    expect(Object.keys(gpu.presets!)).toEqual(["dev", "prod", "scale"]);
    expect(gpu.defaultPreset).toBe("dev");
    expect(gpu.params.preset).toMatchObject({ kind: "choice", options: ["dev", "prod", "scale"] });
    const coach = findTemplate("voice-coach")!;
    expect(coach.plan).toMatchObject({
      usageKey: "hours",
      variableLines: ["stt", "emotion", "report", "infra"],
    });
    expect(coach.revenueUsd).toBeDefined();
  });
});
