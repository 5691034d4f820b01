import { appendFileSync, mkdirSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import pkg from "../package.json" with { type: "json" };
import { lazyBudgets } from "./adapters/budgets/lazy.ts";
import type { LocalStore } from "./adapters/dynamodb/local.ts";
import { lazyOverlay, lazyPriceList } from "./adapters/pricing/wiring.ts";
import { renderText } from "./adapters/render/text.ts";
import { type Context, type Deps, handleText } from "./app/pipeline.ts";
import type { Logger, ScenarioStore } from "./app/ports.ts";
import { linkThread } from "./app/run/estimate.ts";
import { builtInCatalog } from "./core/catalog/index.ts";

const VERSION = pkg.version;

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** Opens the embedded store on first use: `help` and `templates` never start it. */
function lazyStore(open: () => Promise<ScenarioStore>): ScenarioStore {
  return new Proxy({} as ScenarioStore, {
    get:
      (_target, method: keyof ScenarioStore) =>
      async (...args: unknown[]) => {
        const store = await open();
        return (store[method] as (...a: unknown[]) => Promise<unknown>)(...args);
      },
  });
}

/** Failures are logged as JSON lines under $COSTBOT_HOME; the user sees an apology with the reference. */
function fileLogger(file: string): Logger {
  const write = (level: string) => (message: string, context?: Readonly<Record<string, unknown>>) => {
    mkdirSync(dirname(file), { recursive: true });
    appendFileSync(
      file,
      `${JSON.stringify({ time: new Date().toISOString(), level, message, ...context })}\n`,
    );
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
 * `costbot <command>`: the whole command language on this machine. Saved scenarios live in
 * an embedded DynamoDB engine under $COSTBOT_HOME (default ~/.costbot). Exit codes: 0 done,
 * 2 the command was wrong (one line on stderr says why), 1 something failed on our side.
 */
export async function runCli(args: readonly string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  if (args.length === 1 && (args[0] === "--version" || args[0] === "-v")) {
    io.stdout(`costbot ${VERSION} (catalog ${builtInCatalog().version})\n`);
    return 0;
  }
  const text = args.filter((a) => a !== "--help" && a !== "-h").join(" ") || "help";
  const home = env.COSTBOT_HOME || join(homedir(), ".costbot");
  // Memoise the promise, not the store: commands like diff look up two scenarios at once.
  let opening: Promise<LocalStore> | undefined;
  let storeModule: typeof import("./adapters/dynamodb/local.ts") | undefined;
  const open = async () => {
    // The engine and the AWS SDK load only when a command needs the store.
    opening ??= import("./adapters/dynamodb/local.ts").then((m) => m.openLocalStore(home));
    return (await opening).store;
  };
  const ctx: Context = {
    tenant: "cli:local",
    user: env.USER || "cli",
    surface: "cli",
    // The CLI has one "thread": the last estimate, which `what if` and `save` work on.
    thread: { channel: "cli", thread: "last" },
  };
  const deps: Deps = {
    catalog: builtInCatalog(),
    store: lazyStore(open),
    ...budgetsFrom(env),
    // Live prices: `prices refresh` reads the Price List API with the user's credentials; the
    // overlay lives in the deployed table named by COSTBOT_TABLE (none: shipped prices).
    priceList: lazyPriceList(builtInCatalog()),
    rateSource: async () => (await import("./adapters/pricing/ecb.ts")).ecbRates()(),
    ...(env.COSTBOT_TABLE ? { overlay: lazyOverlay(env.COSTBOT_TABLE, env.DYNAMODB_ENDPOINT) } : {}),
    clock: { now: () => new Date() },
    log: fileLogger(join(home, "costbot.log")),
  };
  try {
    const reply = await handleText(text.replace(/^\/cost\s+/, ""), ctx, deps);
    if (reply.status !== 0) {
      io.stderr(`costbot: ${reply.summary}${reply.hint ? ` (${reply.hint.replaceAll("`", "")})` : ""}\n`);
      return reply.status;
    }
    if (reply.scenario && reply.estimate && reply.kind !== "what-if")
      await linkThread(ctx, ctx.thread!, reply, deps);
    if (wantsJson(args))
      io.stdout(`${JSON.stringify(reply.estimate ?? reply.data ?? { summary: reply.summary }, null, 2)}\n`);
    else io.stdout(renderText(reply));
    return 0;
  } catch (error) {
    if (storeModule && error instanceof storeModule.StoreBusyError) {
      io.stderr(`costbot: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    if (opening) await (await opening.catch(() => undefined))?.close();
  }
}

export async function main(): Promise<void> {
  // The SDK warns that Node 20 leaves its support window in 2027; CLI users cannot act on it.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const io: CliIo = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };
  process.exitCode = await runCli(process.argv.slice(2), process.env, io);
}
