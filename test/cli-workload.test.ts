import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { worstCaseModel } from "../scripts/bench-workload.ts";

/** The real CLI, as a user runs it: the built bundle through bin/costbot.mjs, in its own process. */
async function costbot(home: string, cwd: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [join(process.cwd(), "bin/costbot.mjs"), ...args],
      { cwd, env: { ...process.env, COSTBOT_HOME: home, USER: "ana" } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const fresh = () => mkdtempSync(join(tmpdir(), "costbot-workload-"));

describe("costbot workload (the real CLI)", { timeout: 120_000 }, () => {
  it("a copy of voice-agent under a new name prices to the same lines as voice-agent", async () => {
    const home = fresh();
    const dir = fresh();
    const shown = await costbot(home, dir, "workload", "show", "voice-agent");
    expect(shown.code).toBe(0);
    // The shipped file exactly: what `> mine.yml` keeps is the model, nothing around it.
    expect(shown.stdout).toBe(readFileSync("src/core/workloads/voice-agent.yml", "utf8"));
    writeFileSync(
      join(dir, "mine.yml"),
      shown.stdout.replace(/^workload: voice-agent$/m, "workload: our-voice"),
    );

    const added = await costbot(home, dir, "workload", "add", "mine.yml");
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^Added workload our-voice \(version 1\)/);

    const ours = await costbot(home, dir, "our-voice", "users=20000", "model=nova-lite", "--json");
    const builtIn = await costbot(home, dir, "voice-agent", "users=20000", "model=nova-lite", "--json");
    expect(ours.code).toBe(0);
    expect(builtIn.code).toBe(0);
    const a = JSON.parse(ours.stdout);
    const b = JSON.parse(builtIn.stdout);
    expect(a.template).toBe("our-voice");
    expect(a.lines).toEqual(b.lines);
    expect(a.total).toBe(b.total);
  });

  it("add again replaces and says so; list, help, delete", async () => {
    const home = fresh();
    const dir = fresh();
    const source = readFileSync("examples/rag-support.yml", "utf8");
    writeFileSync(join(dir, "rag.yml"), source);
    expect((await costbot(home, dir, "workload", "add", "rag.yml")).stdout).toMatch(/version 1\)/);
    // The same file again is no new version: scenarios saved with version 1 stay current.
    const same = await costbot(home, dir, "workload", "add", "rag.yml");
    expect(same.stdout).toMatch(/^Workload rag-support is unchanged \(version 1\)/);
    writeFileSync(join(dir, "rag.yml"), source.replace("title: ", "title: Our "));
    const again = await costbot(home, dir, "workload", "add", "rag.yml");
    expect(again.stdout).toMatch(/^Replaced workload rag-support \(version 1 → 2\)/);
    const list = await costbot(home, dir, "workload", "list");
    expect(list.stdout).toMatch(/rag-support .* 2 /);
    const help = await costbot(home, dir, "help", "rag-support");
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/agents/);
    expect((await costbot(home, dir, "workload", "show", "rag-support")).stdout).toBe(
      source.replace("title: ", "title: Our "),
    );
    expect((await costbot(home, dir, "workload", "delete", "rag-support")).code).toBe(0);
    const gone = await costbot(home, dir, "rag-support");
    expect(gone.code).toBe(2);
    expect(gone.stderr).toMatch(/unknown template or command `rag-support`/);
  });

  it("check prices at the defaults and stores nothing", async () => {
    const home = fresh();
    const dir = fresh();
    writeFileSync(join(dir, "rag.yml"), readFileSync("examples/rag-support.yml", "utf8"));
    const checked = await costbot(home, dir, "workload", "check", "rag.yml");
    expect(checked.code).toBe(0);
    expect(checked.stdout).toMatch(/rag-support is a valid workload model \(checked, not stored\)/);
    expect((await costbot(home, dir, "rag-support")).code).toBe(2);
  });

  it("exit 2 with one clear line for every bad input", async () => {
    const home = fresh();
    const dir = fresh();
    const voice = readFileSync("src/core/workloads/voice-agent.yml", "utf8");
    const files: Record<string, string> = {
      "builtin-name.yml": voice,
      "command-word.yml": voice.replace(/^workload: voice-agent$/m, "workload: sweep"),
      "bad-expr.yml": voice
        .replace(/^workload: voice-agent$/m, "workload: bad-expr")
        .replace(/quantity: (\S+)/, "quantity: usrs * 2"),
      "not-yaml.yml": "workload: [unclosed",
      "too-big.yml": `# ${"x".repeat(70 * 1024)}\n${voice}`,
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const cases: [string[], RegExp][] = [
      [["workload", "add", "missing.yml"], /cannot read missing\.yml: no such file/],
      [
        ["workload", "add", "builtin-name.yml"],
        /workload .*`voice-agent` is a command word or a built-in's name/,
      ],
      [["workload", "add", "command-word.yml"], /`sweep` is a command word or a built-in's name/],
      [["workload", "add", "bad-expr.yml"], /unknown name `usrs`, did you mean `users`\?/],
      [["workload", "check", "not-yaml.yml"], /not valid YAML: /],
      [["workload", "add", "too-big.yml"], /at most 64 KB/],
      [["workload", "add"], /workload add needs a file/],
      [["workload", "show", "nope"], /no workload named `nope`/],
      [["workload", "delete", "voice-agent"], /is a built-in; it cannot be deleted/],
      [["workload", "delete", "nope"], /no workload named `nope`/],
      [["workload", "rename", "x"], /workload add\|check\|show\|list\|delete/],
      [["workload", "list", "users=5"], /takes no key=value/],
    ];
    for (const [args, message] of cases) {
      const r = await costbot(home, dir, ...args);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe("");
    }
    // Nothing was stored by any of them.
    expect((await costbot(home, dir, "workload", "list")).stdout).toMatch(/^No workloads of your own yet/);
  });

  it("reads only a regular file: a device or a FIFO is refused at once, with --json too", async () => {
    const home = fresh();
    const dir = fresh();
    execFileSync("mkfifo", [join(dir, "pipe.yml")]);
    // Before: /dev/zero was read until the process died; a FIFO with no writer hung forever.
    for (const file of ["/dev/zero", join(dir, "pipe.yml")]) {
      const r = await costbot(home, dir, "workload", "check", file);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/not a regular file/);
    }
    const json = await costbot(home, dir, "workload", "check", "/dev/zero", "--json");
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({
      error: {
        message: "cannot read /dev/zero: not a regular file (a workload model is a .yml or .json file)",
        code: "invalid_command",
      },
    });
  });

  it("the worst 64 KB model within the limits checks and sweeps; past the limits it is refused (answers, not times)", async () => {
    const home = fresh();
    const dir = fresh();
    writeFileSync(join(dir, "worst.yml"), worstCaseModel());
    const checked = await costbot(home, dir, "workload", "check", "worst.yml");
    expect(checked.code).toBe(0);
    expect(checked.stdout).toMatch(/^worst-case is a valid workload model \(checked, not stored\)/);
    expect((await costbot(home, dir, "workload", "add", "worst.yml")).code).toBe(0);
    const swept = await costbot(home, dir, "sweep", "worst-case", "p1=1.01..1.5:0.01", "--json");
    expect(swept.code).toBe(0);
    expect(JSON.parse(swept.stdout).points).toHaveLength(50);
    writeFileSync(
      join(dir, "more.yml"),
      worstCaseModel(60_000).replace(/^let:$/m, `let:\n  extra: p0${" / p1".repeat(60)}`),
    );
    const more = await costbot(home, dir, "workload", "check", "more.yml");
    expect(more.code).toBe(2);
    expect(more.stderr).toMatch(
      /the model has 5\d\d operations \(\+ - \* \/, comparisons, calls\); at most 500/,
    );
  });

  it("--json lists a refused model's problems with path, line, column, message and hint", async () => {
    const home = fresh();
    const dir = fresh();
    const source = readFileSync("examples/rag-support.yml", "utf8");
    writeFileSync(join(dir, "bad.yml"), source.replace(/^let:$/m, "lets:"));
    for (const action of ["check", "add"]) {
      const r = await costbot(home, dir, "workload", action, "bad.yml", "--json");
      expect(r.code).toBe(2);
      const line = source.split("\n").indexOf("let:") + 1;
      expect(JSON.parse(r.stdout).error.problems).toEqual([
        { path: "lets", line, column: 1, message: "unknown key `lets`, did you mean `let`?", hint: null },
      ]);
    }
    expect((await costbot(home, dir, "workload", "list")).stdout).toMatch(/^No workloads of your own yet/);
  });
});
