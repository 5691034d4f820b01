import { App, type Authorize, type Logger, LogLevel, type Receiver } from "@slack/bolt";
import type { SlackDeps } from "./deps.ts";
import { registerListeners } from "./listeners/index.ts";
import { nodeFetch } from "./node-fetch.ts";
import { cachedBotInstallation, cachedUserNames } from "./tenant.ts";

export interface SlackAppOptions {
  readonly botToken: string;
  readonly botId?: string;
  readonly botUserId?: string;
  /** The Web API's base URL; a fake on loopback in tests. */
  readonly slackApiUrl?: string;
  readonly logLevel?: "debug" | "info" | "warn" | "error";
  /** AwsLambdaReceiver on Lambda; absent with `socketMode`. */
  readonly receiver?: Receiver;
  /** Socket Mode for local runs: the app-level token (xapp-…). */
  readonly appToken?: string;
  /** Per-call Web API timeout; 2.5 s when absent (an answer inside Slack's 3 s), longer in the worker. */
  readonly webApiTimeoutMs?: number;
  /** Bolt's and the Web API client's logger (JSON with request ids on Lambda); Bolt's console logger when absent. */
  readonly logger?: Logger;
}

/** A person's id as Slack writes it (`U…`, or `W…` in Enterprise Grid). */
const SLACK_USER_ID = /^[UW][A-Z0-9]{1,31}$/;

const LOG_LEVELS = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
} as const;

/**
 * The bot's identity comes from configuration, or from the `authorizations` Slack puts in
 * every event, never from auth.test: a cold start must not spend its 3 seconds on it.
 */
function fixedBot(options: SlackAppOptions): Authorize<boolean> {
  return async (_source, body) => {
    const authorizations = (body as { authorizations?: { user_id?: string; is_bot?: boolean }[] } | undefined)
      ?.authorizations;
    const fromEvent = authorizations?.find((a) => a.is_bot)?.user_id;
    return {
      botToken: options.botToken,
      ...(options.botId ? { botId: options.botId } : {}),
      ...(options.botUserId || fromEvent ? { botUserId: options.botUserId ?? fromEvent } : {}),
    };
  };
}

/** The one Bolt app, on Lambda (given a receiver) or in Socket Mode (given an app token). */
export function createSlackApp(options: SlackAppOptions, deps: SlackDeps): App {
  const transport = options.receiver
    ? { receiver: options.receiver }
    : { socketMode: true as const, appToken: options.appToken };
  const app = new App({
    ...transport,
    authorize: fixedBot(options),
    logLevel: LOG_LEVELS[options.logLevel ?? "warn"],
    ...(options.logger ? { logger: options.logger } : {}),
    // Conversation state would live in this process's memory, which Lambda does not keep.
    convoStore: false,
    clientOptions: {
      ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
      // node:http(s) rather than the global fetch (undici): see node-fetch.ts.
      fetch: nodeFetch(),
      // A retried post could post twice (chat.postMessage has no idempotency key): no retries.
      retryConfig: { retries: 0 },
      // The worker answers after the acknowledgement, so a slow Slack may take longer than the
      // 3 s Slack waits for an answer; bounded by the function's timeout (serverless.yml).
      timeout: options.webApiTimeoutMs ?? 2500,
      // A 429 fails at once with its Retry-After (post.ts retries once if it fits the request's
      // time); without this the client sleeps out any Retry-After, 30 s or more, and pauses every other call.
      rejectRateLimitedCalls: true,
    },
  });
  // A click names no installation: its tenant is the bot token's (auth.test, once per cold start).
  const botInstallation =
    deps.botInstallation ??
    cachedBotInstallation(async () => ({ ...(await app.client.auth.test({ token: options.botToken })) }));
  const names =
    deps.userName ??
    cachedUserNames(async (user) => ({
      ...(await app.client.users.info({ token: options.botToken, user })),
    }));
  // Slack is asked only about what looks like a user id, and only by a command that shows the
  // name (a save), so no other command waits for users.info.
  const userName = async (user: string) => (SLACK_USER_ID.test(user) ? names(user) : undefined);
  registerListeners(app, { ...deps, pipeline: { ...deps.pipeline, userName }, botInstallation });
  app.error(async (error) => {
    // Logged, not rethrown: Slack would re-deliver the event, and the claim makes that a no-op.
    deps.pipeline.log.error("slack listener failed", {
      name: error.name,
      code: (error as { code?: unknown }).code,
      message: error.message,
      stack: error.stack,
    });
  });
  return app;
}
