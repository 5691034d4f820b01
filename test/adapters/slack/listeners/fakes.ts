import { ErrorCode, type WebClient } from "@slack/web-api";
import { vi } from "vitest";
import type { SlackDeps } from "../../../../src/adapters/slack/deps.ts";
import type { IdempotencyStore } from "../../../../src/app/ports.ts";
import { usePipeline } from "../../../app/support.ts";

/** Claims kept in memory: the listener's retry guard without a table. */
export function memoryClaims(): IdempotencyStore {
  const claimed = new Set<string>();
  return {
    claim: async (key) => !claimed.has(key) && Boolean(claimed.add(key)),
    release: async (key) => void claimed.delete(key),
    complete: async () => {},
  };
}

/** Real pipeline ports (dynalite) and in-memory claims, as the Slack listeners take them. */
export function useSlackDeps() {
  const pipeline = usePipeline();
  return async (): Promise<SlackDeps & { pipeline: Awaited<ReturnType<typeof pipeline.deps>> }> => ({
    pipeline: await pipeline.deps(),
    idempotency: memoryClaims(),
  });
}

/** A Web API client whose chat.postMessage answers with `ts` (or fails as told). */
export function fakeClient(ts = "1700000000.000100") {
  const postMessage = vi.fn(async (_args: Record<string, unknown>) => ({ ok: true, ts }));
  const postEphemeral = vi.fn(async (_args: Record<string, unknown>) => ({ ok: true }));
  return {
    client: { chat: { postMessage, postEphemeral } } as unknown as WebClient,
    postMessage,
    postEphemeral,
  };
}

/** The error @slack/web-api throws for an API answer like {ok: false, error: "not_in_channel"}. */
export function platformError(error: string) {
  return Object.assign(new Error(`An API error occurred: ${error}`), {
    code: ErrorCode.PlatformError,
    data: { ok: false, error },
  });
}
