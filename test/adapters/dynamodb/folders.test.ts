import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeFolder } from "../../../src/adapters/dynamodb/folders.ts";
import { lockStore } from "../../../src/adapters/dynamodb/local.ts";

/** Issue 20: a COSTBOT_HOME that cannot hold files (under /proc) is refused in one line; no mkdir loop. */
describe("a home that cannot hold files", () => {
  it("makeFolder creates missing parents one by one", () => {
    const root = mkdtempSync(join(tmpdir(), "costbot-folders-"));
    makeFolder(join(root, "a", "b", "c"));
    expect(existsSync(join(root, "a", "b", "c"))).toBe(true);
    makeFolder(join(root, "a", "b", "c")); // already there: nothing to do
  });

  it("lockStore under /proc fails at once with the reason, instead of spinning", async () => {
    await expect(lockStore("/proc/costbot-home")).rejects.toThrow(
      "cannot use the store at /proc/costbot-home/dynamodb: /proc/costbot-home cannot hold files (set COSTBOT_HOME to a folder you can write)",
    );
  });

  it("the CLI says so in one line and exits 1", () => {
    // A spin would end only at the kill below (a failure), never a pass.
    const run = spawnSync(process.execPath, ["bin/costbot.mjs", "save", "x", "voice-agent"], {
      env: { ...process.env, COSTBOT_HOME: "/proc/costbot-home", COLUMNS: "80" },
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(run.signal).toBeNull();
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      "costbot: cannot use the store at /proc/costbot-home/dynamodb: /proc/costbot-home cannot hold files (set COSTBOT_HOME to a folder you can write)\n",
    );
  });
});
