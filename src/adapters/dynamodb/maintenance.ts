import { cpSync, existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { inspectLevelDbFiles } from "./leveldb-files.ts";
import { lockStore, storeFolder, syncFolder } from "./local.ts";
import { StoreDamagedError, StoreUnavailableError, storeErrorFrom } from "./store-errors.ts";

export interface MaintenanceIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export type Health =
  | { readonly state: "absent" }
  | { readonly state: "healthy"; readonly entries: number }
  | { readonly state: "damaged"; readonly detail: string };

/**
 * LevelDB's binding, loaded when a maintenance command runs. classic-level is CommonJS: its
 * exports are the default of a dynamic import, both from source and in the CLI bundle, whose
 * split chunk of a CommonJS module exports nothing else (scripts/build.ts bundles the engine).
 */
async function classicLevel() {
  const module = await import("classic-level");
  return (module as unknown as { default: typeof module }).default.ClassicLevel;
}

/**
 * Reads the whole store: the files' structure first (without opening, which would replay a torn
 * log and hide the loss), then every entry through LevelDB itself, each value parsed as the
 * JSON dynalite writes. The caller holds the store's lock.
 */
export async function inspectStore(folder: string): Promise<Health> {
  if (!existsSync(join(folder, "CURRENT")) && !readdirSync(folder).some((n) => /\.(ldb|sst|log)$/.test(n))) {
    return { state: "absent" };
  }
  const structural = inspectLevelDbFiles(folder);
  if (structural) return { state: "damaged", detail: structural };
  const ClassicLevel = await classicLevel();
  const db = new ClassicLevel<string, string>(folder, { createIfMissing: false });
  let entries = 0;
  try {
    await db.open();
    for await (const [key, value] of db.iterator({ fillCache: false })) {
      try {
        JSON.parse(value);
      } catch {
        return { state: "damaged", detail: `the entry ${key.slice(0, 40)} is not readable` };
      }
      entries++;
    }
  } catch (error) {
    return {
      state: "damaged",
      detail: error instanceof Error ? error.message.replace(`${folder}/`, "") : String(error),
    };
  } finally {
    await db.close().catch(() => {});
  }
  return { state: "healthy", entries };
}

/** `<home>/dynamodb.damaged-2026-12-04T16-31-05Z`: where repair keeps the folder as it found it. */
function copyName(home: string, now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d+Z$/, "Z")
    .replaceAll(":", "-");
  let name = join(home, `dynamodb.damaged-${stamp}`);
  for (let n = 2; existsSync(name); n++) name = join(home, `dynamodb.damaged-${stamp}-${n}`);
  return name;
}

/**
 * `costbot store check`: exit 0 when the store is whole (or not created yet), 1 with one line
 * naming `costbot store repair` when it is damaged.
 * `costbot store repair`: copies the damaged folder aside, runs LevelDB's repair (it rebuilds
 * the tables from every record it can still read and sets unreadable files aside under `lost/`),
 * then reads everything again; exit 0 when the store is whole afterwards.
 */
export async function runStoreCommand(
  args: readonly string[],
  home: string,
  io: MaintenanceIo,
  now = () => new Date(),
): Promise<number> {
  const action = args.filter((a) => a !== "--json")[0];
  if (args.length === 0 || args.length > 1 || (action !== "check" && action !== "repair")) {
    io.stderr("costbot: `store` takes `check` or `repair`, e.g. `costbot store check`\n");
    return 2;
  }
  const folder = storeFolder(home);
  let release: (() => void) | undefined;
  try {
    release = await lockStore(home, {
      onWait: (holder) =>
        io.stderr(`costbot: waiting for another costbot (${holder}) to finish with the store…\n`),
    });
    const before = await inspectStore(folder);
    if (before.state === "absent") {
      io.stdout(`No store at ${folder} yet: the first estimate creates it.\n`);
      return 0;
    }
    if (before.state === "healthy") {
      // Readable, but a save cut short (kill -9) can leave a scenario `list` does not show.
      const problems = await scenarioProblems(folder);
      if (!problems) {
        io.stdout(
          `The store at ${folder} is healthy (${before.entries} entries)${action === "repair" ? "; nothing to repair" : ""}.\n`,
        );
        return 0;
      }
      if (action === "check") {
        io.stderr(
          `costbot: the store at ${folder} is readable, but ${problems}; run \`costbot store repair\`\n`,
        );
        return 1;
      }
      await rebuildScenarioSummaries(folder);
      syncFolder(folder);
      io.stdout(
        `Repaired the store at ${folder}: ${problems}; the list and the count match the scenarios again.\n`,
      );
      return 0;
    }
    if (action === "check") throw new StoreDamagedError(folder, before.detail);
    const copy = copyName(home, now());
    cpSync(folder, copy, { recursive: true, preserveTimestamps: true });
    const ClassicLevel = await classicLevel();
    await ClassicLevel.repair(folder);
    // Repair can leave an empty, unreferenced table file behind; an open deletes what is obsolete.
    const db = new ClassicLevel(folder, { createIfMissing: false });
    await db.open();
    await db.close();
    syncFolder(folder);
    const after = await inspectStore(folder);
    if (after.state === "damaged") {
      io.stderr(
        `costbot: repair could not make ${folder} readable (${after.detail}); the damaged folder is kept in ${copy}: move both aside to start an empty store\n`,
      );
      return 1;
    }
    // Repair can keep a scenario and lose its list summary (or the reverse): rebuild them.
    await rebuildScenarioSummaries(folder);
    syncFolder(folder);
    const entries = after.state === "healthy" ? after.entries : 0;
    io.stdout(
      `Repaired the store at ${folder} (was: ${before.detail}); ${entries} entries readable. The damaged folder is kept in ${copy}.\n`,
    );
    return 0;
  } catch (error) {
    const problem = error instanceof StoreUnavailableError ? error : storeErrorFrom(error, folder);
    io.stderr(`costbot: ${problem.message}\n`);
    return 1;
  } finally {
    release?.();
  }
}

/** The CLI's one tenant. */
const CLI_TENANT = "cli:local";

/** Runs `work` on the store's scenario and workload stores, on the embedded engine over `folder`. */
async function withStores<T>(
  folder: string,
  work: (
    scenarios: import("./scenario-store.ts").DynamoScenarioStore,
    workloads: import("./workload-store.ts").DynamoWorkloadStore,
  ) => Promise<T>,
  table = "costbot",
): Promise<T> {
  const { startEmbeddedDynamo, inProcessDocumentClient } = await import("./embedded.ts");
  const { DynamoScenarioStore } = await import("./scenario-store.ts");
  const { DynamoWorkloadStore } = await import("./workload-store.ts");
  const { createTable } = await import("./table.ts");
  const engine = await startEmbeddedDynamo({ path: folder });
  const db = inProcessDocumentClient(engine);
  try {
    await createTable(db, table);
    return await work(new DynamoScenarioStore(db, table), new DynamoWorkloadStore(db, table));
  } finally {
    db.destroy();
    await engine.close();
  }
}

/** What is inconsistent among the CLI's scenarios, list summaries and counters, in words; undefined when nothing. */
async function scenarioProblems(folder: string): Promise<string | undefined> {
  return withStores(folder, async (scenarios, workloads) => {
    const found = await scenarios.consistency(CLI_TENANT);
    const problems: string[] = [];
    if (found.unlisted.length)
      problems.push(
        `${found.unlisted.length} saved scenario(s) missing from \`list\` (${found.unlisted.join(", ")})`,
      );
    if (found.stale.length)
      problems.push(`${found.stale.length} listed name(s) with no scenario (${found.stale.join(", ")})`);
    if (found.counted !== undefined)
      problems.push(`the scenario count says ${found.counted}, there are ${found.scenarios}`);
    const counted = await workloads.counter.read(CLI_TENANT);
    const stored = (await workloads.listWorkloads(CLI_TENANT)).length;
    if (counted !== undefined && counted !== stored)
      problems.push(`the workload count says ${counted}, there are ${stored}`);
    return problems.length ? problems.join("; ") : undefined;
  });
}

/** The CLI's one tenant gets list summaries and counts that match its scenarios and workloads again. */
async function rebuildScenarioSummaries(folder: string): Promise<void> {
  await withStores(folder, async (scenarios, workloads) => {
    await scenarios.rebuildRecentScenarios(CLI_TENANT);
    await scenarios.counter.recount(CLI_TENANT);
    await workloads.counter.recount(CLI_TENANT);
  });
}
