import { dynamoStores } from "../../src/adapters/dynamodb/stores.ts";
import type { Context, Deps } from "../../src/app/pipeline.ts";
import type { Logger } from "../../src/app/ports.ts";
import { builtInCatalog } from "../../src/core/catalog/index.ts";
import { useEmbeddedDynamo } from "../adapters/dynamodb/fixtures.ts";

/** A logger that remembers what it was told, so tests can assert on failures. */
export function memoryLogger(): Logger & { errors: unknown[] } {
  const errors: unknown[] = [];
  return { errors, info: () => {}, error: (message, context) => errors.push({ message, ...context }) };
}

/** The pipeline's real dependencies over a real DynamoDB engine (dynalite on loopback). */
export function usePipeline() {
  const dynamo = useEmbeddedDynamo();
  return {
    async deps(
      now = new Date("2026-11-23T10:00:00Z"),
    ): Promise<Deps & { log: ReturnType<typeof memoryLogger> }> {
      const table = await dynamo.newTable();
      return {
        catalog: builtInCatalog(),
        store: dynamoStores(dynamo.db(), table),
        clock: { now: () => now },
        log: memoryLogger(),
      };
    },
  };
}

export function chat(tenant: string, thread?: { channel: string; thread: string }): Context {
  return { tenant, user: "U1", surface: "slack", ...(thread ? { thread } : {}) };
}
