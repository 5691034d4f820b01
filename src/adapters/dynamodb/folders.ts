import { existsSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";

/**
 * Creates the folder and its missing parents one by one. Node's `mkdirSync(…, { recursive: true })`
 * loops forever at 100 % CPU where a parent cannot hold folders (anywhere under /proc); one level
 * at a time, such a home fails at once with the system's own error.
 */
export function makeFolder(folder: string): void {
  const missing: string[] = [];
  for (let at = resolve(folder); !existsSync(at); at = dirname(at)) {
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  for (const dir of missing) {
    try {
      mkdirSync(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || !existsSync(dir)) throw error;
    }
  }
}
