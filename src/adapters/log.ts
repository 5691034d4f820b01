import { AsyncLocalStorage } from "node:async_hooks";
import type { Logger } from "../app/ports.ts";

type Fields = Readonly<Record<string, unknown>>;

/**
 * The fields of the request being handled (Lambda request id, Slack event id…). Handlers run
 * each invocation inside `withLogContext`, and every line any logger writes during it, from
 * any module and across awaits, carries them; deps built once per cold start need no change.
 */
const requestContext = new AsyncLocalStorage<Fields>();

/** Runs `work` with `fields` on every log line it writes; nested calls add to the outer fields. */
export function withLogContext<T>(fields: Fields, work: () => T): T {
  return requestContext.run({ ...requestContext.getStore(), ...fields }, work);
}

/** The current request's fields (empty outside a request). */
export function logContext(): Fields {
  return requestContext.getStore() ?? {};
}

export interface JsonLogger extends Logger {
  warn(message: string, context?: Fields): void;
  debug(message: string, context?: Fields): void;
  /** A logger whose lines also carry `fields`. */
  child(fields: Fields): JsonLogger;
}

/**
 * One JSON object per line (stdout for info and debug, stderr for warnings and errors):
 * CloudWatch Logs Insights can filter on every field. `base` fields (the function's name) go
 * on every line, then the request's fields, then the call's own. `debug` lines are written
 * only when `debug` is on.
 */
export function jsonLogger(
  base: Fields = {},
  out: (line: string) => void = (line) => console.log(line),
  err: (line: string) => void = (line) => console.error(line),
  options: { readonly debug?: boolean } = {},
): JsonLogger {
  const line = (level: string, message: string, context?: Fields) =>
    redact(JSON.stringify({ level, message, ...base, ...requestContext.getStore(), ...context }, jsonSafe));
  return {
    info: (message, context) => out(line("info", message, context)),
    debug: (message, context) => {
      if (options.debug) out(line("debug", message, context));
    },
    warn: (message, context) => err(line("warn", message, context)),
    error: (message, context) => err(line("error", message, context)),
    child: (fields) => jsonLogger({ ...base, ...fields }, out, err, options),
  };
}

const REDACTED = "[redacted]";

/**
 * What no log line may carry, at any level. At `debug`, Bolt logs whole events: the raw body
 * (a slash command's `response_url`, which lets anyone post into the channel for 30 minutes)
 * and the headers (`X-Slack-Signature`). The rules run over the finished JSON line, so they
 * catch a value however it was nested: as JSON, as JSON inside a string (escaped quotes), or
 * form-encoded (`response_url=https%3A…`, `%22response_url%22%3A%22…`). Every pattern is
 * linear: no nested or overlapping quantifiers.
 */
const REDACTIONS: readonly [RegExp, string][] = [
  // response_url (and any other *_url Slack hands out for replies), whatever the encoding.
  [/(response_url(?:\\*"|%22)?\s*(?::|=|%3A)\s*(?:\\*"|%22)?)(?:(?!%22|%26)[^"&\\\s,}])+/gi, `$1${REDACTED}`],
  // Slack's request signature (v0=<64 hex>), in a header or anywhere else.
  [/v0=[0-9a-f]{64}/gi, `v0=${REDACTED}`],
  // Slack tokens (bot, user, app-level, config, refresh).
  [/\bxox[abeprs]-[0-9A-Za-z-]+/g, `xox-${REDACTED}`],
  [/\bxapp-[0-9A-Za-z-]+/g, `xapp-${REDACTED}`],
  // Bearer tokens and JWTs (Bot Framework, Entra).
  [/\beyJ[0-9A-Za-z_-]+\.[0-9A-Za-z_-]+\.[0-9A-Za-z_-]*/g, `jwt-${REDACTED}`],
];

/** A log line with response URLs, signatures, tokens and JWTs replaced by [redacted]. */
export function redact(line: string): string {
  return REDACTIONS.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), line);
}

/** Errors and bigints would otherwise vanish from JSON ({} and a TypeError). */
function jsonSafe(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  if (typeof value === "bigint") return value.toString();
  return value;
}

/**
 * Bolt's and the Slack Web API's Logger interface on top of a JSON logger, so the SDKs' own
 * lines are JSON with the request id too. They log free-form arguments: joined into the message.
 */
export interface SdkLogger {
  debug(...msg: unknown[]): void;
  info(...msg: unknown[]): void;
  warn(...msg: unknown[]): void;
  error(...msg: unknown[]): void;
  setLevel(level: string): void;
  getLevel(): string;
  setName(name: string): void;
}

const LEVELS = ["debug", "info", "warn", "error"] as const;

export function sdkLogger(log: JsonLogger, name: string, initialLevel = "warn"): SdkLogger {
  let level = LEVELS.includes(initialLevel as never) ? initialLevel : "warn";
  let source = name;
  const enabled = (l: (typeof LEVELS)[number]) => LEVELS.indexOf(l) >= LEVELS.indexOf(level as never);
  const text = (msg: unknown[]) =>
    msg
      .map((m) => (typeof m === "string" ? m : m instanceof Error ? m.message : JSON.stringify(m)))
      .join(" ");
  return {
    debug: (...msg) => enabled("debug") && log.debug(text(msg), { source }),
    info: (...msg) => enabled("info") && log.info(text(msg), { source }),
    warn: (...msg) => enabled("warn") && log.warn(text(msg), { source }),
    error: (...msg) => enabled("error") && log.error(text(msg), { source }),
    setLevel: (l) => {
      level = LEVELS.includes(l as never) ? l : level;
    },
    getLevel: () => level,
    setName: (n) => {
      source = n;
    },
  };
}
