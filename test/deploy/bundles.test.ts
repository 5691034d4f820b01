import { readFileSync } from "node:fs";
import type { Metafile } from "esbuild";
import { describe, expect, it } from "vitest";
import { metafilePath } from "../../scripts/build.ts";

/** What the global setup's build put in each Lambda bundle, from esbuild's metafile. */
const meta = (name: string): Metafile => JSON.parse(readFileSync(metafilePath(name), "utf8"));

const packageOf = (input: string) =>
  /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(input)?.[1] ?? input;

/** Packages with bytes in any of the bundle's output files (lazy chunks included). */
function packagesIn(name: string): Set<string> {
  const found = new Set<string>();
  for (const output of Object.values(meta(name).outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      if (bytesInOutput > 0) found.add(packageOf(input));
    }
  }
  return found;
}

/** Packages a cold start loads: the entry chunk and every chunk it imports statically. */
function packagesAtColdStart(name: string): Set<string> {
  const { outputs } = meta(name);
  const entry = `dist/${name}/index.mjs`;
  const loaded = new Set([entry]);
  for (const file of loaded) {
    for (const i of outputs[file]!.imports)
      if (i.kind === "import-statement" && !i.external) loaded.add(i.path);
  }
  const found = new Set<string>();
  for (const file of loaded) {
    for (const [input, { bytesInOutput }] of Object.entries(outputs[file]!.inputs)) {
      if (bytesInOutput > 0) found.add(packageOf(input));
    }
  }
  return found;
}

const TEAMS_SDK = ["@microsoft/agents-hosting", "@microsoft/agents-activity", "@azure/msal-node"];
const BOLT = ["@slack/bolt", "@slack/socket-mode", "@slack/oauth"];

describe("Lambda bundles hold only what their function runs", () => {
  it("slack: no Teams SDK, and none of Bolt's unused receivers (undici, iconv-lite, express, MSAL absent)", () => {
    const slack = packagesIn("slack");
    expect(slack).toContain("@slack/bolt");
    for (const absent of [
      ...TEAMS_SDK,
      "undici",
      "iconv-lite",
      "express",
      "body-parser",
      "raw-body",
      "@slack/socket-mode",
      "@slack/oauth",
      "ws",
      "jsonwebtoken",
    ]) {
      expect(slack, absent).not.toContain(absent);
    }
  });

  it("teams: no Bolt", () => {
    const teams = packagesIn("teams");
    expect(teams).toContain("@microsoft/agents-hosting");
    for (const absent of [...BOLT, "@slack/web-api"]) expect(teams, absent).not.toContain(absent);
  });

  it("teams: the acknowledgement's cold start loads node:crypto and our own code only; the SDK, zod, the AWS SDK and pricing are the worker's", () => {
    const cold = packagesAtColdStart("teams");
    for (const absent of [
      ...TEAMS_SDK,
      "jsonwebtoken",
      "jwks-rsa",
      "zod",
      "@aws-sdk/client-dynamodb",
      "@aws-sdk/client-ssm",
    ])
      expect(cold, absent).not.toContain(absent);
    expect([...cold].filter((input) => !input.startsWith("src/adapters/"))).toEqual([
      "src/handlers/teams.ts",
    ]);
    expect(packagesIn("teams")).toContain("@microsoft/agents-hosting");
  });

  it("budget-alerts: each platform's client only in a lazily imported chunk", () => {
    const all = packagesIn("budget-alerts");
    expect(all).toContain("@slack/web-api");
    expect(all).toContain("@microsoft/agents-hosting");
    const cold = packagesAtColdStart("budget-alerts");
    for (const absent of [...TEAMS_SDK, ...BOLT, "@slack/web-api"])
      expect(cold, absent).not.toContain(absent);
  });

  it("the price library's full model list is a lazy chunk: never loaded at a chat function's cold start", () => {
    const full = "src/core/catalog/llm-models-all.json";
    const eager = "src/core/catalog/llm-prices.json";
    for (const name of ["slack", "teams", "cli"]) {
      expect(packagesIn(name), name).toContain(full);
      expect(packagesAtColdStart(name), name).not.toContain(full);
      // Slack's and Teams' cold starts are acknowledgements, which load no pricing at all (issues #12, #23).
      if (name === "slack" || name === "teams") expect(packagesAtColdStart(name), name).not.toContain(eager);
      else expect(packagesAtColdStart(name), name).toContain(eager);
    }
  });

  it("prices: the Price List client only in the prices function, never in a chat function", () => {
    expect(packagesIn("prices")).toContain("@aws-sdk/client-pricing");
    for (const name of ["slack", "teams", "budget-alerts"])
      expect(packagesIn(name), name).not.toContain("@aws-sdk/client-pricing");
  });

  it("Cost Explorer's client: a lazy chunk where `actual` can run, never at a cold start or in the other functions", () => {
    const ce = "@aws-sdk/client-cost-explorer";
    for (const name of ["slack", "teams", "actual-weekly"]) {
      expect(packagesIn(name), name).toContain(ce);
      // Not on the Slack acknowledgement, not on any estimate: only `actual` imports it.
      expect(packagesAtColdStart(name), name).not.toContain(ce);
    }
    // The CLI keeps its dependencies external: its adapter is still a lazily imported chunk.
    const cli = meta("cli").outputs["dist/cli/index.mjs"]!;
    expect(Object.keys(cli.inputs)).not.toContain("src/adapters/costexplorer/cost-explorer.ts");
    expect(cli.imports.filter((i) => i.path === ce).map((i) => i.kind)).not.toContain("import-statement");
    for (const name of ["budget-alerts", "prices"]) expect(packagesIn(name), name).not.toContain(ce);
  });

  it("bundles one zod per major version: a CommonJS require gets the ES module build", () => {
    for (const name of ["slack", "teams", "budget-alerts"]) {
      const zodFiles = Object.keys(meta(name).inputs).filter((i) => /node_modules\/(.*\/)?zod\//.test(i));
      expect(
        zodFiles.filter((f) => f.endsWith(".cjs")),
        name,
      ).toEqual([]);
      // Stubbed modules carry a namespace prefix (zod-english:…): the same copy.
      const copies = new Set(
        zodFiles.map((f) =>
          f
            .replace(/^[a-z-]+:/, "")
            .replace(`${process.cwd()}/`, "")
            .replace(/node_modules\/zod\/.*/, ""),
        ),
      );
      expect(copies.size, name).toBeLessThanOrEqual(name === "slack" ? 1 : 2);
    }
  });
});
