import { chmodSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { costbot, costbotAsOther, freshDir, lines, NO_TRACE } from "./fixtures/cli/costbot.ts";

/**
 * Issue #14, item 1: a COSTBOT_HOME that cannot be written breaks no command that does not need
 * the store, and never shows a stack trace. Permissions are tested as `nobody` when run as root.
 */

/** Commands that need no store, and what each must print. */
const WITHOUT_STORE: readonly [string[], RegExp][] = [
  [["sweep", "bedrock-api", "calls=100,200"], /sweep bedrock-api over calls/],
  [["compare", "voice-agent", "model=nova-pro,nova-lite"], /nova-lite/],
  [["plan", "voice-agent", "price=5000TWD"], /TWD/],
  [["audit", "voice-agent"], /voice-agent/],
  [["help"], /what will this AI workload cost/],
];
/** Commands that do need it. */
const WITH_STORE: readonly string[][] = [["list"], ["show", "x"], ["delete", "x"], ["diff", "x", "y"]];

/** The estimate prints; keeping it (a small file beside the store, which `what if` reads) fails in one line. */
async function expectEstimateWithoutStore(home: string, cause: RegExp, run = costbotAsOther) {
  const r = await run(home, "bedrock-api");
  expect(r.code).toBe(0);
  // 100 × 100 × 30 = 300,000 calls… the default bedrock-api total, as test/cli.test.ts has it.
  expect(r.stdout).toMatch(/^bedrock-api: 38\.61 USD \/ month/);
  expect(lines(r.stderr)).toHaveLength(1);
  expect(r.stderr).toMatch(/not kept for what if\/save/);
  expect(r.stderr).toContain(join(home, "last-estimate.json"));
  expect(r.stderr).toMatch(cause);
  expect(r.stderr).not.toMatch(NO_TRACE);
  // So there is nothing for a what-if to change or for save to keep: the user is told (exit 2).
  for (const args of [
    ["what", "if", "devs=20"],
    ["save", "x"],
  ]) {
    const after = await run(home, ...args);
    expect(after.code, args.join(" ")).toBe(2);
    expect(after.stderr, args.join(" ")).toMatch(/^costbot: there is no (last estimate|estimate)/);
  }
}

async function expectStoreCommandFails(
  home: string,
  args: readonly string[],
  cause: RegExp,
  run = costbotAsOther,
) {
  const r = await run(home, ...args);
  expect(r.code, args.join(" ")).toBe(1);
  expect(r.stdout, args.join(" ")).toBe("");
  expect(lines(r.stderr), args.join(" ")).toHaveLength(1);
  expect(r.stderr).toContain(join(home, "dynamodb"));
  expect(r.stderr).toMatch(cause);
  expect(r.stderr).not.toMatch(NO_TRACE);
}

describe("a COSTBOT_HOME that cannot be written", () => {
  it("read-only: every command that needs no store prints and exits 0; the others exit 1 with one line", async () => {
    const home = join(freshDir(), "home");
    mkdirSync(home);
    chmodSync(home, 0o555);
    await expectEstimateWithoutStore(home, /permission denied/);
    for (const [args, shows] of WITHOUT_STORE) {
      const r = await costbotAsOther(home, ...args);
      expect(r.code, args.join(" ")).toBe(0);
      expect(r.stdout, args.join(" ")).toMatch(shows);
      expect(r.stderr, args.join(" ")).toBe("");
    }
    for (const args of WITH_STORE) await expectStoreCommandFails(home, args, /permission denied/);
    expect(readdirSync(home)).toEqual([]);
  });

  it("a missing parent that cannot be created: the same, naming the folder", async () => {
    const locked = freshDir();
    chmodSync(locked, 0o555);
    const home = join(locked, "missing", "home");
    await expectEstimateWithoutStore(home, /permission denied/);
    await expectStoreCommandFails(home, ["list"], /permission denied/);
  });

  it("a file in the way (COSTBOT_HOME itself, or its dynamodb folder): names the file", async () => {
    const asFile = join(freshDir(), "home");
    writeFileSync(asFile, "not a folder");
    await expectEstimateWithoutStore(asFile, /a file is in the way/, costbot);
    await expectStoreCommandFails(asFile, ["list"], new RegExp(`${asFile} must be a folder`), costbot);

    // Only the store's own folder in the way: the estimate and its what-if need no store.
    const home = freshDir();
    writeFileSync(join(home, "dynamodb"), "not a folder");
    const estimate = await costbot(home, "bedrock-api");
    expect([estimate.code, estimate.stderr]).toEqual([0, ""]);
    const whatIf = await costbot(home, "what", "if", "devs=20");
    expect([whatIf.code, whatIf.stderr]).toEqual([0, ""]);
    expect(whatIf.stdout).toMatch(/^What if devs=20: /);
    await expectStoreCommandFails(home, ["save", "x"], /a file is in the way/, costbot);
  });
});
