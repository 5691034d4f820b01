import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { renderText } from "../src/adapters/render/text.ts";
import { estimateReply } from "../src/app/run/estimate.ts";
import { priceScenario } from "../src/app/scenario.ts";
import { runCli } from "../src/cli.ts";
import { builtInCatalog } from "../src/core/catalog/index.ts";
import { findTemplate, TEMPLATES } from "../src/core/templates/index.ts";
import { freshDir, holdStore } from "./fixtures/cli/costbot.ts";

async function cli(home: string, env: Record<string, string>, ...args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(
    args,
    { COSTBOT_HOME: home, USER: "ana", ...env },
    { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
  );
  return { code, stdout, stderr };
}
const freshHome = () => mkdtempSync(join(tmpdir(), "costbot-ui-"));
/** Terminal cells: what the 80-column promise is about (CJK would count 2; none is printed here). */
const widest = (text: string) => Math.max(...text.split("\n").map((l) => [...l].length));

const names = TEMPLATES.map((t) => t.name);
/** Every command of the language, as a CLI user types it (store commands run in order in one home). */
const COMMANDS: string[][] = [
  ...names.map((n) => [n]),
  ...names.map((n) => [n, "detail=full"]),
  ["voice-agent", "currency=TWD"],
  ["what", "if", "users=2000"],
  ["save", "big"],
  ["save", "small", "voice-agent", "users=100"],
  ["list"],
  ["show", "big"],
  ["diff", "small", "big"],
  ["sweep", "bedrock-api", "calls=5000,100,2000"],
  ["sweep", "voice-agent", "users=100..5000:500"],
  ["compare", "voice-agent", "model=nova-pro,nova-lite,claude-sonnet-4.5"],
  ["plan", "voice-agent", "price=5000TWD", "users=100000"],
  ["plan", "voice-coach", "price=10EUR", "margin=0%"],
  ...names.map((n) => ["audit", n]),
  ["templates"],
  ["models"],
  ["models", "claude"],
  ["prices"],
  ["help"],
  ...names.map((n) => ["help", n]),
  ["help", "plan"],
  ["delete", "small"],
];

describe("the CLI fits the terminal (issue 14 item 6)", () => {
  it("with COLUMNS=80 no line of any command is wider than 80", async () => {
    const home = freshHome();
    for (const args of COMMANDS) {
      const r = await cli(home, { COLUMNS: "80" }, ...args);
      expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(0);
      expect(widest(r.stdout), args.join(" ")).toBeLessThanOrEqual(80);
    }
  });

  it("piped (no COLUMNS, not a terminal) nothing is wrapped: models keeps its dates on one line", async () => {
    const r = await cli(freshHome(), {}, "models", "claude");
    expect(r.stdout).toMatch(/Price as of \(source\)/);
    expect(widest(r.stdout)).toBeGreaterThan(80);
    const narrow = await cli(freshHome(), { COLUMNS: "80" }, "models", "claude");
    expect(narrow.stdout).toMatch(/Price as of \(source\) left out to fit 80 columns; --json has everything/);
  });

  it("audit at 80 columns moves each Why below the table, one note per line", async () => {
    const r = await cli(freshHome(), { COLUMNS: "80" }, "audit", "voice-agent");
    expect(r.stdout).toMatch(/^LLM \(nova-pro\) +23,155\.20 +24,192\.00 +\+1,036\.80$/m);
    expect(r.stdout).toMatch(/^• LLM \(nova-pro\): output is 100 × 120 × 1,000 × 30/m);
  });
});

describe("--json for every command (issue 14 item 7)", () => {
  it("every command prints one JSON object with a kind; amounts are decimal strings next to a currency", async () => {
    const home = freshHome();
    for (const args of COMMANDS) {
      const r = await cli(home, {}, ...args, "--json");
      expect(r.code, `${args.join(" ")}: ${r.stdout}${r.stderr}`).toBe(0);
      const json = JSON.parse(r.stdout) as Record<string, unknown>;
      expect(typeof json.kind, args.join(" ")).toBe("string");
      // No amount is a JSON number anywhere: every total/amount field is a string.
      const numbers: string[] = [];
      JSON.stringify(json, (key, value) => {
        if (/^(total|amount|before|after|change|seedTotal|ours|costAtCap|price)$/.test(key))
          if (typeof value === "number") numbers.push(key);
        return value;
      });
      expect(numbers, args.join(" ")).toEqual([]);
      if ("total" in json) expect(json.currency, args.join(" ")).toMatch(/^(USD|TWD|EUR|CNY)$/);
    }
  });

  it("diff has per-line deltas: voice-agent users=100 → 1000 moves Polly 2,160 → 21,600", async () => {
    const home = freshHome();
    await cli(home, {}, "save", "a", "voice-agent", "users=100");
    await cli(home, {}, "save", "b", "voice-agent", "users=1000");
    const d = JSON.parse((await cli(home, {}, "diff", "a", "b", "--json")).stdout);
    // Polly: 120 × 200 × users × 30 characters × 30 USD/M: 100 users 2,160.00; 1,000 users 21,600.00.
    expect(d.lines.find((l: { id: string }) => l.id === "tts")).toEqual({
      id: "tts",
      label: "Amazon Polly (generative)",
      before: "2160.00",
      after: "21600.00",
      change: "19440.00",
    });
    expect([d.currency, d.after]).toEqual(["USD", "55038.32"]);
  });

  it("plan carries every figure the text shows", async () => {
    const p = JSON.parse(
      (await cli(freshHome(), {}, "plan", "voice-coach", "price=100TWD", "--json")).stdout,
    );
    // 0.0097775 USD a minute; 100 TWD = 3.125 USD: break-even 3.125 / 0.0097775 = 319.61 min;
    // cap 0.6 × that = 191.77; 191 credits cost 191 × 0.0097775 × 32 = 59.760 TWD.
    expect(p).toMatchObject({
      kind: "plan",
      currency: "TWD",
      price: "100.00",
      margin: "0.4000",
      breakEvenMinutes: "319.6",
      capMinutes: "191.8",
      costPerMinute: { USD: "0.0097775", TWD: "0.31288" },
    });
    expect(p.credits[0]).toEqual({
      price: "100.00",
      credits: "191",
      hours: "3.2",
      costAtCap: "59.76",
      margin: "0.4024",
      overagePerMinute: "0.5215",
    });
  });

  it("an error is JSON on stdout, {error: {message, code}}, exit 2, nothing on stderr", async () => {
    const r = await cli(freshHome(), {}, "voice-agent", "user=5", "--json");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({
      error: {
        message: "unknown key user for voice-agent, did you mean users?",
        code: "invalid_command",
        hint: "help voice-agent lists its keys",
      },
    });
    const missing = await cli(freshHome(), {}, "show", "nothing", "--json");
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout).error.code).toBe("invalid_command");
  });
});

describe("hints are valid commands for their template, in the surface's words", () => {
  it("the what-if each template's estimate suggests runs as written in the CLI", async () => {
    for (const name of names) {
      const home = freshHome();
      const first = await cli(home, {}, name);
      const hint = /Try costbot (what if [^ ]+) /.exec(first.stdout)?.[1];
      expect(hint, name).toBeDefined();
      const next = await cli(home, {}, ...hint!.split(" "));
      expect(next.code, `${name}: ${hint}: ${next.stderr}`).toBe(0);
      expect(next.stdout, name).toMatch(/^What if /);
    }
  });

  it("Slack's hint says reply in the thread; the CLI's never mentions /cost or a thread", async () => {
    const catalog = builtInCatalog();
    for (const name of names) {
      const input = { template: name, written: {}, currency: "USD" as const };
      const template = findTemplate(name)!;
      const e = await priceScenario(input, template, catalog);
      const slack = renderText(estimateReply(e, template, input, {}, "slack"));
      const cliText = renderText(estimateReply(e, template, input, {}, "cli"));
      expect(slack, name).toMatch(/Reply in this thread with what if \w+=\d/);
      expect(slack, name).not.toMatch(/costbot /);
      expect(cliText, name).not.toMatch(/\/cost |thread/);
    }
  });
});

describe("sweep columns", () => {
  it("values written out of order keep the Lambda column and note, and the columns add up to the total", async () => {
    const r = await cli(freshHome(), {}, "sweep", "bedrock-api", "calls=5000,100,2000");
    // 5,000 calls × 300 = 1,500,000 a month: 750,000 GB-s − 400,000 free = 350,000 × 0.0000166667 = 5.83;
    // 500,000 requests over the free million × 0.20/M = 0.10: Lambda 5.93. S3 (1.00) is the other line.
    expect(r.stdout).toMatch(/AWS Lambda/);
    expect(r.stdout).toMatch(/^ 5000 +1,887\.18 +1,875\.00 +5\.93 +5\.25 +1\.00$/m);
    // 1,875.00 + 5.93 + 5.25 + 1.00 = 1,887.18; the rows run 100, 2000, 5000.
    expect(r.stdout.indexOf("  100 ")).toBeLessThan(r.stdout.indexOf(" 2000 "));
    expect(r.stdout).toMatch(/Other lines/);
    expect(r.stdout).toMatch(/AWS Lambda starts costing at calls=5000/);
  });
});

describe("numbers shown once-rounded, grouped, in the currency's cents (issue 14 item 5)", () => {
  it("plan: thousands separators in minutes, cost at cap in cents, the EUR overage not rounded to 0.01", async () => {
    const twd = (await cli(freshHome(), {}, "plan", "voice-coach", "price=1000TWD")).stdout;
    // 31.25 USD / 0.0097775 = 3,196.11 min (53.3 h).
    expect(twd).toMatch(/Break-even use per user +3,196\.1 min \(53\.3 h\)/);
    // floor(31.25 × 0.6 / 0.0097775) = floor(1,917.66) = 1,917 credits (31.95 h); 1,917 × 0.0097775 × 32 = 599.791 TWD.
    expect(twd).toMatch(/1,000\.00 TWD +1,917 +32\.0 +599\.79 TWD/);
    const eur = (await cli(freshHome(), {}, "plan", "voice-coach", "price=10EUR", "margin=0%")).stdout;
    // At 0 % margin the overage is the cost: 0.0097775 USD × 0.86 EUR/USD = 0.00840865 → 0.008409.
    expect(eur).toMatch(/0\.008409 EUR\/min/);
    expect(eur).not.toMatch(/0\.01 EUR\/min/);
    // plan says the size it priced at.
    expect(eur).toMatch(/Priced at users=2,000, hours=1/);
  });

  it("shares and the margin are rounded once from the exact values", async () => {
    const out = (await cli(freshHome(), {}, "voice-coach")).stdout;
    // (6,250 − 1,253.30) / 6,250 = 0.799472 → 79.9 %, not 80.0 %.
    expect(out).toMatch(/gross margin 79\.9 %/);
    const agent = (await cli(freshHome(), {}, "voice-agent")).stdout;
    // Polly 21,600 / 55,038.32 = 0.3924538 → 39.2 %.
    expect(agent).toMatch(/Amazon Polly \(generative\) +21,600\.00 +39\.2 %/);
  });
});

describe("what a command loads (issue 14 item 8)", () => {
  /** The ES modules the built CLI resolves for one command, traced by a resolve hook. */
  async function loaded(...args: string[]): Promise<string[]> {
    const trace = join(freshHome(), "modules.txt");
    await promisify(execFile)(
      process.execPath,
      ["--import", "./test/fixtures/module-trace/register.mjs", "bin/costbot.mjs", ...args],
      { env: { ...process.env, COSTBOT_HOME: freshHome(), COSTBOT_TRACE_MODULES: trace } },
    );
    return readFileSync(trace, "utf8").trim().split("\n");
  }
  /** What each chunk of the built CLI bundles, from its metafile: the engine and the SDK are inside chunks. */
  const meta = JSON.parse(readFileSync("dist/cli.meta.json", "utf8")) as {
    outputs: Record<string, { inputs: Record<string, unknown> }>;
  };
  const STORE_OR_SDK = /dynalite|classic-level|@aws-sdk|@smithy/;
  const bundles = (url: string) => {
    const chunk = /\/(dist\/cli\/[^/]+\.mjs)$/.exec(url)?.[1];
    return Object.keys((chunk && meta.outputs[chunk]?.inputs) || {}).some((input) =>
      STORE_OR_SDK.test(input),
    );
  };
  const storeOrSdk = (urls: string[]) => urls.filter((u) => STORE_OR_SDK.test(u) || bundles(u));

  it("help, templates, audit and an estimate load neither the store nor the AWS SDK; list does", async () => {
    for (const args of [["help"], ["templates"], ["audit", "voice-agent"], ["bedrock-api"]])
      expect(storeOrSdk(await loaded(...args)), args.join(" ")).toEqual([]);
    // The trace sees the chunks that bundle the engine and the SDK when they load.
    expect(storeOrSdk(await loaded("list")).length).toBeGreaterThan(0);
  });
});

describe("progress on a terminal (issue 14 item 9)", () => {
  async function waitForStore(json: boolean) {
    const home = freshDir();
    const holder = holdStore(home);
    await holder.held;
    let stdout = "";
    let stderr = "";
    const run = runCli(
      json ? ["list", "--json"] : ["list"],
      { COSTBOT_HOME: home, USER: "ana" },
      {
        stdout: (t) => (stdout += t),
        stderr: (t) => {
          stderr += t;
          // The queue says so after 2 s; then let the holder go.
          if (t.includes("waiting for another costbot")) holder.child.stdin?.write("release\n");
        },
        progress: true,
      },
    );
    const code = await run;
    await holder.exited;
    return { code, stdout, stderr };
  }

  it("waiting over a second draws a spinner on stderr, cleared before the next line; stdout stays clean", async () => {
    const r = await waitForStore(false);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^\r[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] working…/);
    // "\r" and erase-line ("ESC [K") clear the spinner before the waiting line.
    expect(r.stderr).toContain(`\r${String.fromCharCode(27)}[Kcostbot: waiting for another costbot`);
    expect(r.stdout).not.toMatch(/working|\r/);
  });

  it("never with --json, and not for a command that answers within a second", async () => {
    const r = await waitForStore(true);
    expect(r.stderr).not.toMatch(/working/);
    expect(JSON.parse(r.stdout).kind).toBe("list");
    const quick = await runCli(
      ["help"],
      { COSTBOT_HOME: freshHome() },
      {
        stdout: () => {},
        stderr: (t) => expect(t).toBe("never written"),
        progress: true,
      },
    );
    expect(quick).toBe(0);
  });
});
