import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll } from "vitest";
import {
  documentClient,
  type EmbeddedDynamo,
  startEmbeddedDynamo,
} from "../../../src/adapters/dynamodb/embedded.ts";
import { createTable } from "../../../src/adapters/dynamodb/table.ts";
import type { Scenario } from "../../../src/app/ports.ts";
import { builtInCatalog } from "../../../src/core/catalog/index.ts";
import { type Estimate, estimate, resolveParams } from "../../../src/core/estimate.ts";
import { findTemplate } from "../../../src/core/templates/index.ts";

/** A real estimate from the pricing core, so the schema is checked against what is really stored. */
export function bedrockEstimate(): Estimate {
  const catalog = builtInCatalog();
  const t = findTemplate("bedrock-api")!;
  return estimate(t, resolveParams(t, {}, catalog), catalog);
}

export function scenario(tenant: string, name: string, createdBy = "U1"): Omit<Scenario, "version"> {
  const e = bedrockEstimate();
  return {
    tenant,
    name,
    input: { template: "bedrock-api", written: { users: "5k" }, currency: "USD" },
    estimate: e,
    createdBy,
    createdAt: "2025-01-01T00:00:00.000Z",
    updatedAt: "2025-01-01T00:00:00.000Z",
  };
}

/**
 * One in-memory dynalite per test file on a free loopback port, and a fresh table per
 * test (`newTable()`), so tests never see each other's items.
 */
export function useEmbeddedDynamo() {
  let engine: EmbeddedDynamo;
  let db: DynamoDBDocumentClient;
  let tables = 0;
  beforeAll(async () => {
    engine = await startEmbeddedDynamo();
    db = documentClient(engine.endpoint);
  });
  afterAll(async () => {
    db.destroy();
    await engine.close();
  });
  return {
    db: () => db,
    async newTable(): Promise<string> {
      const name = `costbot-test-${++tables}`;
      await createTable(db, name);
      return name;
    },
  };
}
