import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { runCli } from "../src/cli.ts";
import { helpText, isBareHelp } from "../src/cli-help.ts";
import { freshDir } from "./fixtures/cli/costbot.ts";

/** What the pipeline prints for `costbot <args>`. */
async function pipelineHelp(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  let out = "";
  const code = await runCli(args, env, { stdout: (t) => (out += t), stderr: (t) => (out += t) });
  expect(code).toBe(0);
  return out;
}

describe("costbot help without the pipeline (src/cli-help.ts)", () => {
  it("prints exactly what the pipeline's help prints, at 80 columns and piped", async () => {
    const home = freshDir();
    for (const env of [{ COSTBOT_HOME: home, COLUMNS: "80" }, { COSTBOT_HOME: home }]) {
      const expected = await pipelineHelp(["help"], env);
      expect(expected).toMatch(/^costbot: what will this AI workload cost\?\n/);
      expect(expected).toContain("Templates: voice-agent, ");
      expect(helpText(env, undefined)).toBe(expected);
    }
  });

  it("takes only help without a topic or flags; anything else goes through the pipeline", () => {
    for (const args of [[], ["help"], ["HELP"], ["--help"], ["-h"], ["help", "--help"]])
      expect(isBareHelp(args), args.join(" ")).toBe(true);
    for (const args of [
      ["help", "voice-agent"],
      ["help", "--json"],
      ["--json"],
      ["bedrock-api"],
      ["templates"],
    ])
      expect(isBareHelp(args), args.join(" ")).toBe(false);
  });

  it("bin/costbot.mjs answers help from the built help entry, the same text", async () => {
    const env = { ...process.env, COSTBOT_HOME: freshDir(), COLUMNS: "80" };
    const { stdout } = await promisify(execFile)(process.execPath, ["bin/costbot.mjs", "help"], { env });
    expect(stdout).toBe(await pipelineHelp(["help"], env));
  });
});
