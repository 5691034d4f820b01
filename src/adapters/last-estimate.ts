import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { ConflictError, type PipelineStore, type ThreadLink } from "../app/ports.ts";
import { storeErrorFrom } from "./dynamodb/store-errors.ts";

/** The CLI's one thread: the last estimate, which `what if` and `save` work on (src/cli.ts). */
export const LAST = { channel: "cli", thread: "last" } as const;

export const lastEstimateFile = (home: string) => join(home, "last-estimate.json");

/**
 * The CLI's last estimate in a small JSON file beside the store ($COSTBOT_HOME/last-estimate.json),
 * so an estimate and a what-if never start the embedded DynamoDB (README, "Performance"); every
 * other item goes to `store`, opened only when a command reads or writes one. A last estimate
 * kept in the store by an older costbot is still found while no file exists.
 */
export function withLastEstimateFile(home: string, store: PipelineStore): PipelineStore {
  const file = lastEstimateFile(home);
  const isLast = (channel: string, thread: string) => channel === LAST.channel && thread === LAST.thread;
  const getThread: PipelineStore["getThread"] = async (tenant, channel, thread) => {
    if (!isLast(channel, thread)) return store.getThread(tenant, channel, thread);
    const kept = readLink(file);
    if (kept) return kept.tenant === tenant ? kept : undefined;
    return storeExists(home) ? store.getThread(tenant, channel, thread) : undefined;
  };
  const putThread: PipelineStore["putThread"] = async (link, expectedVersion) => {
    if (!isLast(link.channel, link.thread)) return store.putThread(link, expectedVersion);
    const current = readLink(file) ?? (await getThread(link.tenant, link.channel, link.thread));
    if ((current?.version ?? 0) !== expectedVersion) throw new ConflictError("the last estimate");
    const next: ThreadLink = { ...link, version: expectedVersion + 1 };
    writeAtomically(file, `${JSON.stringify({ format: 1, link: next })}\n`);
    return next;
  };
  return new Proxy(store, {
    get: (target, method: keyof PipelineStore) =>
      method === "getThread" ? getThread : method === "putThread" ? putThread : target[method],
  });
}

function storeExists(home: string): boolean {
  try {
    return statSync(join(home, "dynamodb")).isDirectory();
  } catch {
    return false;
  }
}

/** The kept link, or undefined when there is none (or the file is not one this costbot wrote). */
function readLink(file: string): ThreadLink | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    // No file, or no folder to hold one (COSTBOT_HOME is a file): nothing was kept.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw storeErrorFrom(error, file);
  }
  try {
    const { format, link } = JSON.parse(text) as { format?: unknown; link?: Partial<ThreadLink> };
    const whole =
      format === 1 &&
      typeof link?.tenant === "string" &&
      typeof link.version === "number" &&
      typeof link.input === "object" &&
      typeof link.estimate === "object" &&
      Array.isArray(link.history);
    return whole ? (link as ThreadLink) : undefined;
  } catch {
    // Written by rename, so never torn; anything else there is not ours: as if absent.
    return undefined;
  }
}

/** Written to a temporary file, flushed, then renamed over the old one: a crash leaves one or the other. */
function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(join(file, ".."), { recursive: true });
    const fd = openSync(temporary, "w", 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  } catch (error) {
    throw storeErrorFrom(error, file);
  }
}
