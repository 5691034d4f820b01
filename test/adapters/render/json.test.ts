import { describe, expect, it } from "vitest";
import { estimateJson } from "../../../src/adapters/render/json.ts";
import { builtInCatalog } from "../../../src/core/catalog/index.ts";
import { estimate, resolveParams } from "../../../src/core/estimate.ts";
import { findTemplate } from "../../../src/core/templates/index.ts";

const catalog = builtInCatalog();
const run = (name: string) => {
  const t = findTemplate(name)!;
  return estimate(t, resolveParams(t, {}, catalog), catalog);
};

// Amounts stay decimal strings next to `currency`; ratios are strings rounded once to 4 places (issue 14 item 7).
describe("--json keeps its numbers exact", () => {
  it("prints voice-agent's total, Polly's amount and its share rounded once to 4 places", () => {
    const json = estimateJson(run("voice-agent")) as {
      total: string;
      lines: { id: string; amount: string; share: string }[];
    };
    expect(json.total).toBe("55038.32");
    // 21,600 / 55,038.32 = 0.392453839… → 0.3925 at 4 places.
    expect(json.lines.find((l) => l.id === "tts")).toMatchObject({ amount: "21600.00", share: "0.3925" });
  });

  it("prints voice-coach's revenue and margin as decimal strings: (6,250 − 1,253.30) / 6,250 = 0.799472 → 0.7995", () => {
    expect(estimateJson(run("voice-coach")).revenue).toEqual({ amount: "6250.00", margin: "0.7995" });
  });
});
