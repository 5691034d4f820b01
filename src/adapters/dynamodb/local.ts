import { mkdirSync } from "node:fs";
import { join } from "node:path";
import lockfile from "proper-lockfile";
import type { Clock } from "../../app/ports.ts";
import { documentClient, startEmbeddedDynamo } from "./embedded.ts";
import { DynamoIdempotencyStore } from "./idempotency-store.ts";
import { type DynamoStores, dynamoStores } from "./stores.ts";
import { createTable } from "./table.ts";

export interface LocalStore {
  readonly store: DynamoStores;
  readonly idempotency: DynamoIdempotencyStore;
  readonly endpoint: string;
  close(): Promise<void>;
}

/** Another costbot holds the store for longer than we are willing to wait. */
export class StoreBusyError extends Error {
  override readonly name = "StoreBusyError";
  constructor(
    readonly folder: string,
    options?: { cause?: unknown },
  ) {
    super(`another costbot is using ${folder}; try again in a moment`, options);
  }
}

/**
 * The CLI's store: the embedded engine on a folder under $COSTBOT_HOME. LevelDB allows one
 * process per folder (a second one hangs rather than failing), so the folder is locked for
 * the life of the command; a lock left by a crashed process goes stale after 10 s.
 */
export async function openLocalStore(home: string, table = "costbot", clock?: Clock): Promise<LocalStore> {
  const folder = join(home, "dynamodb");
  mkdirSync(folder, { recursive: true });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(folder, {
      stale: 10_000,
      retries: { retries: 25, minTimeout: 40, maxTimeout: 200 },
    });
  } catch (cause) {
    throw new StoreBusyError(folder, { cause });
  }
  try {
    const engine = await startEmbeddedDynamo({ path: folder });
    const db = documentClient(engine.endpoint);
    await createTable(db, table);
    return {
      store: dynamoStores(db, table),
      idempotency: new DynamoIdempotencyStore(db, table, clock),
      endpoint: engine.endpoint,
      close: async () => {
        db.destroy();
        await engine.close();
        await release();
      },
    };
  } catch (error) {
    await release();
    throw error;
  }
}
