import type { Logger } from "../../app/ports.ts";

/** One JSON object per line: CloudWatch Logs Insights can filter on every field. */
export function jsonLogger(
  out: (line: string) => void = (line) => console.log(line),
  err: (line: string) => void = (line) => console.error(line),
): Logger {
  const line = (level: string, message: string, context?: Readonly<Record<string, unknown>>) =>
    JSON.stringify({ level, message, ...context });
  return {
    info: (message, context) => out(line("info", message, context)),
    error: (message, context) => err(line("error", message, context)),
  };
}
