export interface Clock {
  now(): Date;
}

/** Structured logging; adapters pick the sink (console JSON in Lambda, stderr in the CLI). */
export interface Logger {
  info(message: string, context?: Readonly<Record<string, unknown>>): void;
  error(message: string, context?: Readonly<Record<string, unknown>>): void;
}
