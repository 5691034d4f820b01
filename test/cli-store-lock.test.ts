import { existsSync, readFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { costbot, finished, freshDir, holdStore, start } from "./fixtures/cli/costbot.ts";

/**
 * Issue #14, item 3: costbot processes queue for the store instead of failing, and a lock left
 * by a killed process is taken over as soon as its process is gone.
 */

describe("several costbot processes at once", () => {
  it("40 parallel saves of distinct names all land", async () => {
    const home = freshDir();
    expect((await costbot(home, "bedrock-api")).code).toBe(0);
    const names = Array.from({ length: 40 }, (_, i) => `s${i + 1}`);
    const runs = await Promise.all(names.map((n) => costbot(home, "save", n)));
    for (const [i, r] of runs.entries()) {
      expect(r.code, `save ${names[i]}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Saved ${names[i]}: bedrock-api: 38\\.61 USD`));
      // Waiting is said in one line, never a failure.
      expect(r.stderr).toMatch(
        /^(costbot: waiting for another costbot \(pid \d+\) to finish with the store…\n)?$/,
      );
    }
    // `list` shows 20 a page: the 40 are on pages 1 and 2.
    const page = async (...more: string[]) =>
      JSON.parse((await costbot(home, "list", ...more, "--json")).stdout).scenarios as { name: string }[];
    const list = [...(await page()), ...(await page("page=2"))];
    expect(list.map((s) => s.name).sort()).toEqual([...names].sort());
  });

  it("a lock left by a process killed with -9 is taken over at once (its pid is gone)", async () => {
    const home = freshDir();
    const holder = holdStore(home);
    await holder.held;
    const lockFile = join(home, "dynamodb.pid-lock");
    expect(readFileSync(lockFile, "utf8")).toBe(`${holder.child.pid}@${hostname()}\n`);
    holder.child.kill("SIGKILL");
    await holder.exited;
    // The dead process's lock is still there: the next command must take it over.
    expect(readFileSync(lockFile, "utf8")).toBe(`${holder.child.pid}@${hostname()}\n`);
    const r = await costbot(home, "list");
    expect(r.code).toBe(0);
    // No "waiting" line (it comes after 2 s of waiting) and no busy error: no wait at all.
    expect(r.stderr).toBe("");
    expect(existsSync(lockFile)).toBe(false);
    expect((await costbot(home, "bedrock-api")).code).toBe(0);
    expect((await costbot(home, "save", "after-kill")).code).toBe(0);
  });

  it("a live holder makes the next command queue, say so on stderr, and go on when it is released", async () => {
    const home = freshDir();
    const holder = holdStore(home);
    await holder.held;
    const waiting = start(home, ["list"]);
    const result = finished(waiting);
    let stderr = "";
    await new Promise<void>((resolve) =>
      waiting.stderr?.on("data", (d) => {
        stderr += d;
        if (stderr.includes("\n")) resolve();
      }),
    );
    expect(stderr).toBe(
      `costbot: waiting for another costbot (pid ${holder.child.pid}) to finish with the store…\n`,
    );
    holder.child.stdin?.write("release\n");
    await holder.exited;
    const r = await result;
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/No saved scenarios|Saved scenarios/);
  });
});
