export interface Clock {
  now(): Date;
}

/** Structured logging; adapters pick the sink (console JSON in Lambda, stderr in the CLI). */
export interface Logger {
  info(message: string, context?: Readonly<Record<string, unknown>>): void;
  error(message: string, context?: Readonly<Record<string, unknown>>): void;
}

/** Randomness the app uses, injected so tests can drive it. */
export interface Random {
  /** A number in [0, 1): the jitter of retry waits. */
  fraction(): number;
  /** A short id a user can quote and the log carries (8 hex digits). */
  referenceId(): string;
}

/** Waits `ms` milliseconds; a test passes one that records the wait and returns at once. */
export type Sleep = (ms: number) => Promise<void>;
