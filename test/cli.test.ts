import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { runCli } from "../src/cli.ts";

async function cli(home: string, ...args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(
    args,
    { COSTBOT_HOME: home, USER: "ana" },
    {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
    },
  );
  return { code, stdout, stderr };
}
const freshHome = () => mkdtempSync(join(tmpdir(), "costbot-cli-"));

describe("costbot CLI", () => {
  it("prints an aligned table with shares and block bars, exit 0", async () => {
    const r = await cli(freshHome(), "voice-agent", "users=1000", "model=nova-pro");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^voice-agent: 55,038\.32 USD \/ month/);
    expect(r.stdout).toMatch(/LLM \(nova-pro\) +24,192\.00 +44\.0 %/);
    expect(r.stdout).toMatch(/█/);
    expect(r.stderr).toBe("");
  });

  it("--json prints the Estimate with the field names of README, Using the CLI (bedrock-api total 38.61)", async () => {
    const r = await cli(freshHome(), "bedrock-api", "--json");
    const e = JSON.parse(r.stdout);
    expect(Object.keys(e)).toEqual(
      expect.arrayContaining(["template", "params", "currency", "total", "lines", "notes"]),
    );
    expect([e.total, e.currency]).toEqual(["38.61", "USD"]);
    expect(e.lines.map((l: { id: string; amount: string }) => [l.id, l.amount])).toEqual([
      ["lambda", "0.00"],
      ["bedrock", "37.50"],
      ["api", "0.11"],
      ["s3", "1.00"],
    ]);
  });

  it("currency=TWD converts every line, then rounds each, then sums (1 USD = 32 TWD)", async () => {
    const e = JSON.parse((await cli(freshHome(), "bedrock-api", "currency=TWD", "--json")).stdout);
    // 0.105 USD = 3.36 TWD exactly; 37.50 → 1,200; 1 → 32.
    expect(e.lines.map((l: { amount: string }) => l.amount)).toEqual(["0.00", "1200.00", "3.36", "32.00"]);
    expect([e.total, e.currency]).toEqual(["1235.36", "TWD"]);
  });

  it("refuses the sweep whose step 40 digits cannot add (issue 16 item 1) with exit 2 instead of hanging", async () => {
    const r = await cli(
      freshHome(),
      "sweep",
      "voice-agent",
      "users=1e39..1000000000000000000000000000000000000001:0.03",
    );
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    // Digit positions 39 (1e39) down to -2 (0.03): 42 digits.
    expect(r.stderr).toMatch(/needs 42 significant digits; at most 39/);
  });

  it("a user error exits 2 with one line on stderr and nothing on stdout", async () => {
    const r = await cli(freshHome(), "voice-agent", "user=5");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/unknown key `user` for voice-agent, did you mean `users`\?/);
  });

  it("keeps scenarios between runs under $COSTBOT_HOME, and what-if works on the last estimate", async () => {
    const home = freshHome();
    expect((await cli(home, "bedrock-api")).code).toBe(0);
    const whatIf = await cli(home, "what", "if", "devs=20");
    // 20 × 100 × 30 = 60,000 calls: Bedrock 60,000 × 0.00125 = 75.00, API 0.06 M × 3.50 = 0.21, S3 1.00.
    expect(whatIf.stdout).toMatch(/What if devs=20: 76\.21 USD \/ month/);
    expect((await cli(home, "save", "twenty")).code).toBe(0);
    const list = await cli(home, "list");
    expect(list.stdout).toMatch(/twenty +bedrock-api +76\.21 USD +\d{4}-\d\d-\d\d +ana/);
    expect((await cli(home, "show", "twenty", "--json")).stdout).toMatch(/"total": "76.21"/);
    expect((await cli(home, "delete", "twenty")).code).toBe(0);
    expect((await cli(home, "show", "twenty")).code).toBe(2);
  });

  it("--version names the version and the catalog; templates --json lists each template's default total", async () => {
    const home = freshHome();
    expect((await cli(home, "--version")).stdout).toMatch(
      /^costbot \d+\.\d+\.\d+ \(catalog 2026-11-23\+genai-prices-0\.1\.8\)\n$/,
    );
    const list = JSON.parse((await cli(home, "templates", "--json")).stdout) as {
      currency: string;
      templates: { name: string; defaultTotal: string }[];
    };
    expect(list.currency).toBe("USD");
    expect(list.templates.find((t) => t.name === "bedrock-api")?.defaultTotal).toBe("38.61");
  });

  it("help, templates and models need no store", async () => {
    const home = freshHome();
    for (const args of [["help"], ["templates"], ["models"], ["help", "voice-agent"], []]) {
      expect((await cli(home, ...args)).code, args.join(" ")).toBe(0);
    }
    expect(() => readFileSync(join(home, "dynamodb", "CURRENT"))).toThrow();
  });

  it("the installed bin runs the built CLI: `costbot bedrock-api --json` prints the string 38.61", async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["bin/costbot.mjs", "bedrock-api", "--json"],
      {
        env: { ...process.env, COSTBOT_HOME: freshHome() },
      },
    );
    expect(JSON.parse(stdout).total).toBe("38.61");
  });
});
