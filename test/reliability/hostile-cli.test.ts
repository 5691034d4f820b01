import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.ts";
import { report } from "./figures.ts";
import { edgeRange, hostileText } from "./hostile-input.ts";

/** The same hostile messages as the chat handlers get, through the CLI in-process. */
const CASES = 10_000;
const home = mkdtempSync(join(tmpdir(), "costbot-hostile-cli-"));

async function cli(args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(
    args,
    { COSTBOT_HOME: home, USER: "fuzz" },
    { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
  );
  return { code, stdout, stderr };
}

describe("hostile input: the CLI", () => {
  it(`answers ${CASES.toLocaleString("en-US")} hostile commands with exit 0 or 2, never our fault`, async () => {
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(hostileText, async (text) => {
        const r = await cli([text]);
        expect(r.code === 0 || r.code === 2, r.stderr).toBe(true);
        expect(r.stderr).not.toMatch(/something went wrong on our side/);
        if (r.code === 2) {
          refused++;
          expect(r.stdout).toBe("");
          expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
        }
      }),
      { numRuns: CASES },
    );
    report("hostile-cli", { cases: CASES, refused });
  }, 600_000);

  it("every sweep range at the edges of decimal precision ends with its points or a refusal, each point distinct", async () => {
    await fc.assert(
      fc.asyncProperty(edgeRange, async (range) => {
        const r = await cli(["sweep", "bedrock-api", `calls=${range}`, "--json"]);
        expect(r.code === 0 || r.code === 2, r.stderr).toBe(true);
        if (r.code === 0) {
          // One row per point, each point a different number of calls.
          const calls = (JSON.parse(r.stdout).points as { value: string }[]).map((p) => p.value);
          expect(calls.length).toBeGreaterThan(0);
          expect(new Set(calls).size).toBe(calls.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});
