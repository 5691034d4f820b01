import { describe, expect, it } from "vitest";
import { estimateBlocks, lineTable } from "../../src/app/present.ts";
import { builtInCatalog } from "../../src/core/catalog/index.ts";
import { estimate, resolveParams } from "../../src/core/estimate.ts";
import { findTemplate } from "../../src/core/templates/index.ts";

const catalog = builtInCatalog();
const run = (name: string) => {
  const t = findTemplate(name)!;
  return estimate(t, resolveParams(t, {}, catalog), catalog);
};

describe("shares and margins are rounded once, from the exact amounts", () => {
  it("voice-agent's Polly line shows 21,600.00 and 39.2 % of 55,038.32", () => {
    const table = lineTable(run("voice-agent"));
    // 21,600 / 55,038.32 = 0.392453839… → 39.2 % (the old 4-place share 0.3925 showed 39.3 %).
    expect(table.type === "table" && table.rows.find((r) => r[0] === "Amazon Polly (generative)")).toEqual([
      "Amazon Polly (generative)",
      "21,600.00",
      "39.2 %",
    ]);
  });

  it("voice-coach shows revenue 6,250.00 and a gross margin of 79.9 %", () => {
    const blocks = estimateBlocks(run("voice-coach"), findTemplate("voice-coach")!, false);
    // (6,250.00 − 1,253.30) / 6,250.00 = 0.799472 → 79.9 % (the old 4-place 0.7995 showed 80.0 %).
    expect(JSON.stringify(blocks)).toContain("revenue 6,250.00 USD, gross margin 79.9 %");
  });
});
