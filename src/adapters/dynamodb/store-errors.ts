import { statSync } from "node:fs";
import { dirname } from "node:path";
import { StoreUnavailable } from "../../app/ports/stores.ts";

/**
 * Why the CLI's store under $COSTBOT_HOME cannot be used, in one line that names the folder
 * and the cause. Loaded by the CLI entry without the engine or the AWS SDK.
 */
export type StoreTrouble = "permissions" | "in-the-way" | "damaged" | "busy" | "other";

export class StoreUnavailableError extends StoreUnavailable {
  override readonly name: string = "StoreUnavailableError";
  constructor(
    readonly folder: string,
    readonly trouble: StoreTrouble,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Another costbot holds the store for longer than we are willing to wait (about 30 s). */
export class StoreBusyError extends StoreUnavailableError {
  override readonly name = "StoreBusyError";
  constructor(folder: string, holder: string, waitedMs: number, options?: { cause?: unknown }) {
    super(
      folder,
      "busy",
      `another costbot (${holder}) has been using the store at ${folder} for ${Math.round(waitedMs / 1000)} s; try again when it is done`,
      options,
    );
  }
}

/** The files under the folder are not a readable LevelDB database. */
export class StoreDamagedError extends StoreUnavailableError {
  override readonly name = "StoreDamagedError";
  constructor(folder: string, detail: string, options?: { cause?: unknown }) {
    super(
      folder,
      "damaged",
      `the store at ${folder} is damaged (${detail}); run \`costbot store repair\` (it keeps a copy of the damaged folder)`,
      options,
    );
  }
}

function codeOf(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error ? String(error.code) : undefined;
}

function pathOf(error: unknown, fallback: string): string {
  return typeof error === "object" && error !== null && "path" in error ? String(error.path) : fallback;
}

/** The nearest part of `path` that exists and is not a folder: the file in the way. */
function fileInTheWay(path: string): string {
  for (let p = path; p !== dirname(p); p = dirname(p)) {
    try {
      if (!statSync(p).isDirectory()) return p;
    } catch {}
  }
  return path;
}

/** LevelDB's own words for broken files, as classic-level reports them. */
export function looksDamaged(error: unknown): boolean {
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  return code === "LEVEL_CORRUPTION" || code === "LEVEL_IO_ERROR" || /^(Corruption|IO error):/.test(message);
}

/** Turns what went wrong while opening the store into one line for the user. */
export function storeErrorFrom(error: unknown, folder: string): StoreUnavailableError {
  if (error instanceof StoreUnavailableError) return error;
  const code = codeOf(error);
  const where = pathOf(error, folder);
  const cause = { cause: error };
  switch (code) {
    case "EACCES":
    case "EPERM":
      return new StoreUnavailableError(
        folder,
        "permissions",
        `cannot use the store at ${folder}: permission denied on ${where} (set COSTBOT_HOME to a folder you can write)`,
        cause,
      );
    case "EROFS":
      return new StoreUnavailableError(
        folder,
        "permissions",
        `cannot use the store at ${folder}: ${where} is on a read-only file system (set COSTBOT_HOME to a folder you can write)`,
        cause,
      );
    case "ENOTDIR":
    case "EEXIST":
      return new StoreUnavailableError(
        folder,
        "in-the-way",
        `cannot use the store at ${folder}: a file is in the way (${fileInTheWay(where)} must be a folder)`,
        cause,
      );
    case "ENOENT":
      // A folder that cannot be created where it should be (/proc, a vanished mount).
      return new StoreUnavailableError(
        folder,
        "permissions",
        `cannot use the store at ${folder}: ${where} cannot hold files (set COSTBOT_HOME to a folder you can write)`,
        cause,
      );
    case "ENOSPC":
      return new StoreUnavailableError(
        folder,
        "other",
        `cannot use the store at ${folder}: the disk is full`,
        cause,
      );
  }
  if (looksDamaged(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return new StoreDamagedError(folder, message.replace(`${folder}/`, ""), cause);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new StoreUnavailableError(folder, "other", `cannot use the store at ${folder}: ${message}`, cause);
}
