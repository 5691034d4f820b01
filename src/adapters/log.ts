import type { Logger } from "../app/ports.ts";

/**
 * One JSON object per line (stdout for info, stderr for errors): CloudWatch Logs Insights
 * can filter on every field. `base` fields (the function's name) go on every line.
 */
export function jsonLogger(
  base: Readonly<Record<string, unknown>> = {},
  out: (line: string) => void = (line) => console.log(line),
  err: (line: string) => void = (line) => console.error(line),
): Logger {
  const line = (level: string, message: string, context?: Readonly<Record<string, unknown>>) =>
    JSON.stringify({ level, message, ...base, ...context });
  return {
    info: (message, context) => out(line("info", message, context)),
    error: (message, context) => err(line("error", message, context)),
  };
}
