import { appendFileSync, closeSync, constants, openSync, readSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import pkg from "../package.json" with { type: "json" };
import { lazyBudgets } from "./adapters/budgets/lazy.ts";
import { lazyCostExplorer } from "./adapters/costexplorer/lazy.ts";
import { makeFolder } from "./adapters/dynamodb/folders.ts";
import type { LocalStore } from "./adapters/dynamodb/local.ts";
import { localOverlay } from "./adapters/dynamodb/local-overlay.ts";
import { localPriceBook } from "./adapters/dynamodb/local-price-book.ts";
import { looksDamaged, StoreUnavailableError, storeErrorFrom } from "./adapters/dynamodb/store-errors.ts";
import { LAST, withLastEstimateFile } from "./adapters/last-estimate.ts";
import { lazyOverlay, lazyPriceList } from "./adapters/pricing/wiring.ts";
import { errorJson, replyJson } from "./adapters/render/json.ts";
import { renderText } from "./adapters/render/text.ts";
import { fitWidth } from "./adapters/render/width.ts";
import { maxScenariosFrom } from "./app/limits.ts";
import type { Context, Deps, Logger, PipelineStore, ReplySink } from "./app/ports.ts";
import type { Reply } from "./app/reply.ts";
import { takeTurn } from "./app/turn.ts";
import { builtInCatalog } from "./core/catalog/index.ts";

const VERSION = pkg.version;

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** The terminal's width when stdout is one (undefined when piped). */
  readonly terminalColumns?: number;
  /** Set when stderr is a terminal: only then may a spinner draw there. */
  readonly progress?: boolean;
  /** Told when an answer has printed: what is left (keeping the last estimate) may fail quietly. */
  readonly answered?: () => void;
}

const FRAMES = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏";

/**
 * A spinner on stderr for work that takes over a second (opening or waiting for the store, a
 * refresh): TTY only, never with --json or in pipes. A tiny one rather than a library, so `help`
 * and the estimate do not pay for loading it. Anything written to the terminal stops it first.
 * It animates while the process waits; a long synchronous computation freezes it on one frame.
 */
function spinner(io: CliIo, enabled: boolean): { io: CliIo; stop: () => void } {
  if (!enabled) return { io, stop: () => {} };
  let frame = 0;
  let drawn = false;
  let tick: NodeJS.Timeout | undefined;
  const start = setTimeout(() => {
    tick = setInterval(() => {
      io.stderr(`\r${FRAMES[frame++ % FRAMES.length]} working…`);
      drawn = true;
    }, 100);
    tick.unref();
  }, 1000);
  start.unref();
  const stop = () => {
    clearTimeout(start);
    if (tick) clearInterval(tick);
    if (drawn) io.stderr("\r\x1b[K");
    drawn = false;
  };
  const wrap = (write: (t: string) => void) => (t: string) => {
    stop();
    write(t);
  };
  return { io: { ...io, stdout: wrap(io.stdout), stderr: wrap(io.stderr) }, stop };
}

/**
 * The width text is fitted to: `COLUMNS` when set, else the terminal's width (80 when a
 * terminal does not say); piped output is not wrapped.
 */
export function widthFor(env: NodeJS.ProcessEnv, io: CliIo): number | undefined {
  return fitWidth(env.COLUMNS, io.terminalColumns);
}

/** Store methods that change something: only after one of them is the store flushed to the disk. */
const WRITES = /^(put|delete|register)/;

/** Opens the embedded store on first use: `help` and `templates` never start it. */
function lazyStore(open: () => Promise<PipelineStore>, onWrite: () => void): PipelineStore {
  return new Proxy({} as PipelineStore, {
    get:
      (_target, method: keyof PipelineStore) =>
      async (...args: unknown[]) => {
        if (WRITES.test(method)) onWrite();
        const store = await open();
        return (store[method] as (...a: unknown[]) => Promise<unknown>)(...args);
      },
  });
}

/** Failures are logged as JSON lines under $COSTBOT_HOME; the user sees an apology with the reference. */
function fileLogger(file: string): Logger {
  const write = (level: string) => (message: string, context?: Readonly<Record<string, unknown>>) => {
    try {
      // One level at a time: a recursive mkdir spins forever under /proc (local.ts).
      makeFolder(dirname(file));
      appendFileSync(
        file,
        `${JSON.stringify({ time: new Date().toISOString(), level, message, ...context })}\n`,
      );
    } catch {
      // An unwritable $COSTBOT_HOME must not turn a failure into a crash; the reply still says it.
    }
  };
  return { info: () => {}, error: write("error") };
}

/**
 * Budgets in the CLI use the caller's own AWS credentials (the SDK's default chain) and two
 * settings naming the account and the bot's SNS topic; without them `budget` says what to set.
 */
function budgetsFrom(env: NodeJS.ProcessEnv): Pick<Deps, "budgets"> {
  const account = env.COSTBOT_AWS_ACCOUNT_ID;
  const topic = env.COSTBOT_BUDGETS_TOPIC_ARN;
  return account && topic ? { budgets: lazyBudgets(account, topic) } : {};
}

function wantsJson(args: readonly string[]): boolean {
  return args.includes("--json");
}

/**
 * The terminal as a reply sink: results on stdout (text, or JSON with --json), a failed
 * command or a warning as one line on stderr. The CLI's one "thread" is the last estimate.
 * Whatever a command wrote is flushed to the disk before the terminal says so.
 */
function terminal(
  io: CliIo,
  json: boolean,
  width: number | undefined,
  thread: { channel: string; thread: string },
  flush: () => Promise<void>,
  answered: () => void,
): ReplySink {
  const print = async (reply: Reply) => {
    await flush();
    if (reply.status !== 0) {
      // With --json a failure is JSON on stdout too, so a script reads one stream.
      if (json)
        io.stdout(
          `${JSON.stringify(errorJson(reply.summary, reply.code ?? (reply.status === 2 ? "invalid_command" : "internal"), reply.hint, reply.data), null, 2)}\n`,
        );
      else
        io.stderr(`costbot: ${reply.summary}${reply.hint ? ` (${reply.hint.replaceAll("`", "")})` : ""}\n`);
      return;
    }
    // A warning after the answer (the estimate was not kept) stays a line on stderr.
    if (reply.kind === "error") {
      io.stderr(`costbot: ${reply.summary.replaceAll("`", "")}\n`);
      return;
    }
    if (json) io.stdout(`${JSON.stringify(replyJson(reply), null, 2)}\n`);
    else io.stdout(renderText(reply, width));
    answered();
  };
  return {
    async postPublic(reply) {
      await print(reply);
      return { kind: "thread", ...thread };
    },
    async postPrivate(reply) {
      await print(reply);
    },
  };
}

/**
 * `costbot <command>`: the whole command language on this machine. Saved scenarios live in
 * an embedded DynamoDB engine under $COSTBOT_HOME (default ~/.costbot). Exit codes: 0 done,
 * 2 the command was wrong (one line on stderr says why), 1 something failed on our side.
 */
export async function runCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  terminalIo: CliIo,
): Promise<number> {
  const progress = spinner(terminalIo, Boolean(terminalIo.progress) && !wantsJson(args));
  try {
    return await runCommand(args, env, progress.io);
  } finally {
    progress.stop();
  }
}

async function runCommand(args: readonly string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  if (args.length === 1 && (args[0] === "--version" || args[0] === "-v")) {
    io.stdout(`costbot ${VERSION} (catalog ${builtInCatalog().version})\n`);
    return 0;
  }
  const text = args.filter((a) => a !== "--help" && a !== "-h").join(" ") || "help";
  const home = homeOf(env);
  if (args[0] === "store") {
    // Maintenance of the store itself: outside the command language, CLI only.
    const { runStoreCommand } = await import("./adapters/dynamodb/maintenance.ts");
    return runStoreCommand(args.slice(1), home, io);
  }
  // Memoise the promise, not the store: commands like diff look up two scenarios at once.
  let opening: Promise<LocalStore> | undefined;
  const open = async () => {
    // The engine and the AWS SDK load only when a command needs the store.
    opening ??= import("./adapters/dynamodb/local.ts").then((m) =>
      m.openLocalStore(home, "costbot", undefined, {
        onWait: (holder) =>
          io.stderr(`costbot: waiting for another costbot (${holder}) to finish with the store…\n`),
      }),
    );
    try {
      return (await opening).store;
    } catch (error) {
      // One line naming the folder and the cause, shown as it is (not as an apology).
      throw storeErrorFrom(error, join(home, "dynamodb"));
    }
  };
  // A command that only read (list, show) has nothing to flush: fsyncing every file cost it ~50 ms.
  let wrote = false;
  const openLocal = async () => {
    // The price overlay's own reads and writes: flushed as a write.
    wrote = true;
    await open();
    return (await opening)!;
  };
  const flush = async () => {
    if (wrote) (opening && (await opening.catch(() => undefined)))?.sync();
  };
  // Once an answer has printed, a later failure (keeping the last estimate) is not printed as JSON.
  let answerPrinted = false;
  const answered = () => {
    answerPrinted = true;
    io.answered?.();
  };
  const model = modelFile(args);
  if (model && "problem" in model) {
    if (wantsJson(args))
      io.stdout(`${JSON.stringify(errorJson(model.problem, "invalid_command"), null, 2)}\n`);
    else io.stderr(`costbot: ${model.problem}\n`);
    return 2;
  }
  const ctx: Context = {
    tenant: "cli:local",
    user: env.USER || "cli",
    surface: "cli",
    // The CLI has one "thread": the last estimate, which `what if` and `save` work on.
    thread: LAST,
  };
  const deps: Deps = {
    catalog: builtInCatalog(),
    // The last estimate lives in a file, so only commands with saved items start the engine.
    store: withLastEstimateFile(
      home,
      lazyStore(open, () => (wrote = true)),
    ),
    ...budgetsFrom(env),
    // `actual` asks Cost Explorer with the user's own credentials (README "Actual spend").
    costExplorer: lazyCostExplorer(),
    spendCache: {
      getSpend: async (tenant, key) => (await openLocal()).spendCache.getSpend(tenant, key),
      putSpend: async (tenant, key, value, expiresAt) =>
        (await openLocal()).spendCache.putSpend(tenant, key, value, expiresAt),
    },
    // Live prices: `prices refresh` reads the Price List API with the user's credentials; the
    // overlay lives in the deployed table named by COSTBOT_TABLE, else in the embedded store.
    priceList: lazyPriceList(builtInCatalog()),
    rateSource: async () => (await import("./adapters/pricing/ecb.ts")).ecbRates()(),
    overlay: env.COSTBOT_TABLE
      ? lazyOverlay(env.COSTBOT_TABLE, env.DYNAMODB_ENDPOINT)
      : localOverlay(home, openLocal),
    priceBook: localPriceBook(home, async () => (await openLocal()).priceBook),
    clock: { now: () => new Date() },
    log: fileLogger(join(home, "costbot.log")),
    maxScenarios: maxScenariosFrom(env),
  };
  try {
    const turn = {
      text: text.replace(/^\/cost\s+/, ""),
      ...(model ? { model: model.text } : {}),
      ctx,
      origin: "cli command",
    };
    const outcome = await takeTurn(
      turn,
      deps,
      terminal(io, wantsJson(args), widthFor(env, io), ctx.thread!, flush, answered),
    );
    // The estimate kept as the last one is on the disk before the process ends.
    await flush();
    return outcome.status;
  } catch (error) {
    const unavailable = error instanceof StoreUnavailableError;
    const problem = unavailable ? error.message : `something went wrong: ${String(error)}`;
    if (wantsJson(args) && !answerPrinted)
      io.stdout(
        `${JSON.stringify(errorJson(problem, unavailable ? "store_unavailable" : "internal"), null, 2)}\n`,
      );
    else io.stderr(`costbot: ${problem}\n`);
    return 1;
  } finally {
    if (opening) await (await opening.catch(() => undefined))?.close();
  }
}

/** The most `workload add|check <file>` reads; the format allows 64 KB, so a larger file is refused by size. */
const MAX_MODEL_FILE = 1024 * 1024;

/**
 * `workload add|check <file>`: the CLI reads the model; every other surface sends it with the
 * message. Only a regular file is read (a device or a FIFO never ends or never starts), and
 * never more than MAX_MODEL_FILE bytes, whatever its size claims.
 */
function modelFile(args: readonly string[]): { text: string } | { problem: string } | undefined {
  const words = args.filter((a) => !a.startsWith("--"));
  if (words[0] !== "workload" || (words[1] !== "add" && words[1] !== "check") || !words[2]) return undefined;
  const file = words[2];
  let fd: number | undefined;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) return { problem: `cannot read ${file}: it is a folder` };
    if (!stat.isFile())
      return {
        problem: `cannot read ${file}: not a regular file (a workload model is a .yml or .json file)`,
      };
    if (stat.size > MAX_MODEL_FILE)
      return { problem: `${file} is ${stat.size} bytes; a workload model is at most 64 KB` };
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const buffer = Buffer.alloc(MAX_MODEL_FILE + 1);
    let length = 0;
    for (let n = 1; n > 0 && length < buffer.length; length += n)
      n = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > MAX_MODEL_FILE)
      return { problem: `${file} is more than ${MAX_MODEL_FILE} bytes; a workload model is at most 64 KB` };
    return { text: buffer.subarray(0, length).toString("utf8") };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : (code ?? String(error));
    return { problem: `cannot read ${file}: ${why}` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function homeOf(env: NodeJS.ProcessEnv): string {
  return env.COSTBOT_HOME || join(homedir(), ".costbot");
}

export async function main(): Promise<void> {
  // The SDK warns that Node 20 leaves its support window in 2027; CLI users cannot act on it.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  // This process's one command: whether its answer printed decides what a late failure says.
  let answerPrinted = false;
  const io: CliIo = {
    answered: () => {
      answerPrinted = true;
    },
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    ...(process.stdout.isTTY ? { terminalColumns: process.stdout.columns || 80 } : {}),
    ...(process.stderr.isTTY ? { progress: true } : {}),
  };
  // dynalite throws LevelDB's read errors from a callback, past every await: one line, not a trace.
  process.on("uncaughtException", (error) => {
    const folder = join(homeOf(process.env), "dynamodb");
    const why = looksDamaged(error)
      ? storeErrorFrom(error, folder).message
      : `something went wrong: ${String(error)}`;
    if (answerPrinted) {
      io.stderr(`costbot: this estimate was not kept for what if/save: ${why}\n`);
      process.exit(0);
    }
    if (wantsJson(process.argv.slice(2)))
      io.stdout(
        `${JSON.stringify(errorJson(why, looksDamaged(error) ? "store_unavailable" : "internal"), null, 2)}\n`,
      );
    else io.stderr(`costbot: ${why}\n`);
    process.exit(1);
  });
  process.exitCode = await runCli(process.argv.slice(2), process.env, io);
}
