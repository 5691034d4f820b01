import { accessSync, closeSync, constants, fsyncSync, openSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Clock } from "../../app/ports.ts";
import { inProcessDocumentClient, startEmbeddedDynamo } from "./embedded.ts";
import { makeFolder } from "./folders.ts";
import { DynamoIdempotencyStore } from "./idempotency-store.ts";
import { inspectLevelDbFiles } from "./leveldb-files.ts";
import { acquirePidLock } from "./pid-lock.ts";
import { DynamoPriceBookStore } from "./price-book-store.ts";
import { DynamoPriceOverlay } from "./price-overlay.ts";
import { DynamoSpendCache } from "./spend-cache-store.ts";
import { StoreBusyError, StoreDamagedError, storeErrorFrom } from "./store-errors.ts";
import { type DynamoStores, dynamoStores } from "./stores.ts";
import { createTable } from "./table.ts";

export { StoreBusyError, StoreDamagedError, StoreUnavailableError } from "./store-errors.ts";

export interface LocalStore {
  readonly store: DynamoStores;
  readonly idempotency: DynamoIdempotencyStore;
  /** The live-price overlay `costbot prices refresh` stores when no COSTBOT_TABLE is set. */
  readonly overlay: DynamoPriceOverlay;
  /** The CLI's price book (`prices set`, `settings discount=`). */
  readonly priceBook: DynamoPriceBookStore;
  /** Cost Explorer's answers for `actual`, kept for the day (README "Actual spend"). */
  readonly spendCache: DynamoSpendCache;
  readonly endpoint: string;
  /** Flushes what LevelDB has written to the disk: after it, a write survives a power cut. */
  sync(): void;
  close(): Promise<void>;
}

export interface LocalStoreOptions {
  /** Queue behind another process for up to this long (default 30 s). */
  readonly waitMs?: number;
  /** Called once when the wait passes 2 s, with the holder (`pid 1234`). */
  readonly onWait?: (holder: string) => void;
}

/** The store's folder under a costbot home, and the lock file next to it. */
export const storeFolder = (home: string) => join(home, "dynamodb");
export const storeLockFile = (home: string) => join(home, "dynamodb.pid-lock");

/**
 * Takes the store's lock: LevelDB allows one process per folder, so a costbot process holds it
 * for the life of its command and others queue (up to ~30 s). The lock names its process; a
 * lock whose process is gone (kill -9, a crash) is taken over at once.
 */
export async function lockStore(home: string, options: LocalStoreOptions = {}): Promise<() => void> {
  const folder = storeFolder(home);
  try {
    makeFolder(folder);
    // LevelDB reports an unwritable folder late and badly; say it now.
    accessSync(folder, constants.W_OK);
    return await acquirePidLock(storeLockFile(home), {
      ...(options.waitMs === undefined ? {} : { waitMs: options.waitMs }),
      ...(options.onWait ? { onWait: options.onWait } : {}),
      onTimeout: (holder, waited) => new StoreBusyError(folder, holder, waited),
    });
  } catch (error) {
    throw storeErrorFrom(error, folder);
  }
}

/** fsync every file of the folder, then the folder (new files' names). */
export function syncFolder(folder: string): void {
  for (const name of readdirSync(folder)) {
    if (name === "LOCK" || name === "LOG" || name === "LOG.old") continue;
    let fd: number | undefined;
    try {
      fd = openSync(join(folder, name), "r");
      fsyncSync(fd);
    } catch (error) {
      // A file LevelDB removed between our listing and our open needs no flushing.
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }
  const dir = openSync(folder, "r");
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}

/**
 * The CLI's store: the embedded engine on $COSTBOT_HOME/dynamodb, locked for the life of the
 * command. Every failure to open it is a `StoreUnavailableError` whose message names the folder
 * and the cause (permissions, a file in the way, damaged files, another costbot busy).
 */
export async function openLocalStore(
  home: string,
  table = "costbot",
  clock?: Clock,
  options: LocalStoreOptions = {},
): Promise<LocalStore> {
  const folder = storeFolder(home);
  const release = await lockStore(home, options);
  try {
    const damage = inspectLevelDbFiles(folder);
    if (damage) throw new StoreDamagedError(folder, damage);
    const engine = await startEmbeddedDynamo({ path: folder });
    const db = inProcessDocumentClient(engine);
    try {
      await createTable(db, table);
    } catch (error) {
      db.destroy();
      await engine.close();
      throw error;
    }
    return {
      // dynalite has no transactions: saves write one by one without asking first (scenario-store.ts).
      store: dynamoStores(db, table, undefined, { transactions: false }),
      idempotency: new DynamoIdempotencyStore(db, table, clock),
      overlay: new DynamoPriceOverlay(db, table),
      priceBook: new DynamoPriceBookStore(db, table),
      spendCache: new DynamoSpendCache(db, table),
      endpoint: engine.endpoint,
      sync: () => syncFolder(folder),
      close: async () => {
        db.destroy();
        await engine.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw storeErrorFrom(error, folder);
  }
}
