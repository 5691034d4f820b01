import type { Logger } from "../../app/ports.ts";

/** One JSON object per line on stdout/stderr: CloudWatch Logs indexes the fields. */
export function jsonLogger(base: Readonly<Record<string, unknown>> = {}): Logger {
  const write =
    (level: "info" | "error", sink: (line: string) => void) =>
    (message: string, context?: Readonly<Record<string, unknown>>) =>
      sink(JSON.stringify({ level, message, ...base, ...context }));
  return { info: write("info", console.log), error: write("error", console.error) };
}
