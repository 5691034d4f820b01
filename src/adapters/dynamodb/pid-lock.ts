import { linkSync, mkdirSync, readFileSync, rmdirSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";

export interface PidLockOptions {
  /**
   * How long one holder may keep us waiting before we give up. A queue that moves (the holder
   * changes) restarts the count: 40 processes queue for as long as they keep getting through.
   */
  readonly waitMs?: number;
  /** After this long in the queue, `onWait` is called (once). */
  readonly noticeAfterMs?: number;
  readonly onWait?: (holder: string) => void;
  /** Called when the wait is over; the error names the holder. */
  readonly onTimeout: (holder: string, waitedMs: number) => Error;
}

export interface Holder {
  readonly pid: number;
  readonly host: string;
}

const HOST = hostname();
/** A takeover is a read, a compare and an unlink: one older than this was interrupted. */
const TAKEOVER_STALE_MS = 5_000;

export function readHolder(lockPath: string): Holder | undefined {
  let text: string;
  try {
    text = readFileSync(lockPath, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const match = /^(\d+)@(.*)\n?$/.exec(text);
  // Ours are written whole through a hard link (below): anything else names no live process.
  return match ? { pid: Number(match[1]), host: match[2] ?? "" } : { pid: 0, host: HOST };
}

/** True while the process exists (EPERM: it does, under another user). */
export function isAlive(holder: Holder): boolean {
  if (holder.host !== HOST) return true; // another machine's process: we cannot tell
  if (holder.pid <= 0) return false;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

const describeHolder = (h: Holder) => (h.host === HOST ? `pid ${h.pid}` : `pid ${h.pid} on ${h.host}`);

/**
 * A lock file naming its holder (`<pid>@<host>`). It is created whole (written to a private
 * file, then hard-linked into place, which fails if the lock exists), so a reader never sees
 * a half-written one. Waiters poll; a holder whose process is gone (kill -9, a crash) is
 * replaced at once, under a short takeover lock so two waiters cannot both remove it and so
 * nobody removes a lock a live process has just taken.
 */
export async function acquirePidLock(lockPath: string, options: PidLockOptions): Promise<() => void> {
  const { waitMs = 30_000, noticeAfterMs = 2_000 } = options;
  const mine = `${process.pid}@${HOST}\n`;
  const draft = `${lockPath}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  writeFileSync(draft, mine);
  const started = Date.now();
  let noticed = false;
  let current: { holder: string; since: number } | undefined;
  try {
    for (;;) {
      try {
        linkSync(draft, lockPath);
        return () => {
          // Only our own lock: a takeover after a long stall would have replaced it.
          if (readHolderSafe(lockPath) === mine) unlinkSync(lockPath);
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const holder = readHolder(lockPath);
      if (holder === undefined) continue; // released between our link and our read
      if (!isAlive(holder)) {
        takeOver(lockPath, holder);
        continue;
      }
      const now = Date.now();
      const named = describeHolder(holder);
      if (current?.holder !== named) current = { holder: named, since: now };
      if (now - current.since >= waitMs) throw options.onTimeout(named, now - current.since);
      if (!noticed && now - started >= noticeAfterMs) {
        noticed = true;
        options.onWait?.(named);
      }
      await sleep(25 + Math.floor(Math.random() * 50));
    }
  } finally {
    try {
      unlinkSync(draft);
    } catch {}
  }
}

function readHolderSafe(lockPath: string): string | undefined {
  try {
    return readFileSync(lockPath, "utf8");
  } catch {
    return undefined;
  }
}

/** Removes the lock of a process that is gone, if it is still that process's lock. */
function takeOver(lockPath: string, dead: Holder): void {
  const guard = `${lockPath}.takeover`;
  try {
    mkdirSync(guard);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    // Someone else is taking over; a guard left by a process killed mid-takeover is removed.
    try {
      if (Date.now() - statSync(guard).mtimeMs > TAKEOVER_STALE_MS) rmdirSync(guard);
    } catch {}
    return;
  }
  try {
    const now = readHolder(lockPath);
    // Nobody but the holder removes a lock outside this guard, and the holder is gone.
    if (now && now.pid === dead.pid && now.host === dead.host) unlinkSync(lockPath);
  } finally {
    rmdirSync(guard);
  }
}
