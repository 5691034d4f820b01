import { readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { costbot, freshDir, lines, NO_TRACE } from "./fixtures/cli/costbot.ts";

/**
 * Issue #14, item 2: damaged data is found (before LevelDB's recovery can hide it) and
 * `costbot store repair` makes the store usable again, keeping a copy of the damaged folder.
 */

/** Two saved scenarios: `one` (38.61) then `two` (what if devs=20: 76.21). */
async function homeWithTwoSaves(): Promise<string> {
  const home = freshDir();
  for (const args of [["bedrock-api"], ["save", "one"], ["what", "if", "devs=20"], ["save", "two"]]) {
    expect((await costbot(home, ...args)).code, args.join(" ")).toBe(0);
  }
  return home;
}

function newest(folder: string, ext: RegExp): string {
  const files = readdirSync(folder).filter((n) => ext.test(n));
  const path = files
    .map((n) => join(folder, n))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs || b.localeCompare(a))[0];
  if (!path) throw new Error(`no ${ext} file in ${folder}`);
  return path;
}

async function expectDamagedThenRepaired(home: string, file: string, keeps: readonly string[]) {
  const folder = join(home, "dynamodb");
  const name = file.split("/").pop() as string;
  const damaged = `${name} is truncated`;
  const asFound = readFileSync(file);
  for (const args of [["list"], ["store", "check"]]) {
    const r = await costbot(home, ...args);
    expect(r.code, args.join(" ")).toBe(1);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(new RegExp(`the store at ${folder} is damaged \\(${damaged}`));
    expect(r.stderr).toContain("run `costbot store repair`");
    expect(r.stderr).not.toMatch(NO_TRACE);
  }
  // The estimate and its what-if still work: the last estimate is a file beside the store.
  const estimate = await costbot(home, "bedrock-api");
  expect([estimate.code, estimate.stderr]).toEqual([0, ""]);
  expect(estimate.stdout).toMatch(/^bedrock-api: 38\.61 USD/);
  expect((await costbot(home, "what", "if", "devs=20")).code).toBe(0);

  const repair = await costbot(home, "store", "repair");
  expect(repair.code).toBe(0);
  const copy = /kept in (\S+)\.\n$/.exec(repair.stdout)?.[1];
  expect(copy).toMatch(/dynamodb\.damaged-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$/);
  // The copy is the folder as repair found it: the damaged file is in it, byte for byte.
  expect(readFileSync(join(copy as string, name))).toEqual(asFound);

  expect((await costbot(home, "store", "check")).stdout).toMatch(/is healthy/);
  const list = JSON.parse((await costbot(home, "list", "--json")).stdout).scenarios as { name: string }[];
  // `list` is newest first: `keeps` is in the order they were saved.
  expect(list.map((s) => s.name)).toEqual([...keeps].reverse());
  expect((await costbot(home, "bedrock-api")).stderr).toBe("");
  expect((await costbot(home, "save", "three")).code).toBe(0);
  const after = JSON.parse((await costbot(home, "list", "--json")).stdout).scenarios as { name: string }[];
  expect(after.map((s) => s.name)).toEqual(["three", ...[...keeps].reverse()]);
}

describe("a damaged store", () => {
  it("a truncated log (the latest save torn) is found, not silently dropped; repair keeps what is whole", async () => {
    const home = await homeWithTwoSaves();
    // The save of `two` was the last write: its record is at the end of the newest log.
    const log = newest(join(home, "dynamodb"), /\.log$/);
    truncateSync(log, statSync(log).size - 10);
    // A save writes the scenario, then its list summary: the torn record is the summary of `two`,
    // so `two` itself is whole, and repair writes its summary again.
    await expectDamagedThenRepaired(home, log, ["one", "two"]);
  });

  it("a truncated table file: found, repaired from what can be read, the copy kept", async () => {
    const home = await homeWithTwoSaves();
    // Each open turns the previous log into a table file: the newest holds the save of `two`.
    expect((await costbot(home, "list")).code).toBe(0);
    const table = newest(join(home, "dynamodb"), /\.ldb$/);
    truncateSync(table, Math.floor(statSync(table).size / 2));
    // Only the saves open the store (the last estimate is a file): `one` went to a table at the
    // second open, `two` (scenario and list summary) to this one at the third. Repair keeps
    // `one` whole and loses `two` consistently: neither `show two` nor `list` finds it.
    await expectDamagedThenRepaired(home, table, ["one"]);
  });

  it("damage inside a table (its footer whole): one line, not a trace; the estimate prints; check finds it", async () => {
    const home = await homeWithTwoSaves();
    expect((await costbot(home, "list")).code).toBe(0);
    // The largest table holds the scenarios in its first data block: invert 300 bytes of it.
    const folder = join(home, "dynamodb");
    const table = readdirSync(folder)
      .filter((n) => n.endsWith(".ldb"))
      .map((n) => join(folder, n))
      .sort((a, b) => statSync(b).size - statSync(a).size)[0] as string;
    const bytes = readFileSync(table);
    for (let i = 100; i < 400; i++) bytes[i] = (bytes[i] as number) ^ 0xff;
    writeFileSync(table, bytes);
    for (const args of [["list"], ["store", "check"]]) {
      const r = await costbot(home, ...args);
      expect(r.code, args.join(" ")).toBe(1);
      expect(lines(r.stderr)).toHaveLength(1);
      expect(r.stderr).toMatch(
        new RegExp(`the store at ${folder} is damaged \\(Corruption: .*costbot store repair`),
      );
      expect(r.stderr).not.toMatch(NO_TRACE);
    }
    const estimate = await costbot(home, "bedrock-api");
    expect([estimate.code, estimate.stderr]).toEqual([0, ""]);
    expect(estimate.stdout).toMatch(/^bedrock-api: 38\.61 USD/);
  });

  it("store takes check or repair, and a store not created yet is fine", async () => {
    const home = freshDir();
    const wrong = await costbot(home, "store", "fix");
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/`store` takes `check` or `repair`/);
    const check = await costbot(home, "store", "check");
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/No store at .* yet/);
  });
});
