import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Scenario, ScenarioStore, ScenarioSummary, Tenant } from "../../app/ports.ts";
import { scenarioItem, scenarioSummaryItem } from "./items.ts";
import { keys, SK_PREFIX } from "./table.ts";
import { TableAccess } from "./table-access.ts";

export { DynamoIdempotencyStore } from "./idempotency-store.ts";

/** Saved scenarios on the one table (see table.ts for the key layout). */
export class DynamoScenarioStore implements ScenarioStore {
  private readonly items: TableAccess;

  constructor(db: DynamoDBDocumentClient, table: string) {
    this.items = new TableAccess(db, table);
  }

  async putScenario(scenario: Omit<Scenario, "version">, expectedVersion: number): Promise<Scenario> {
    const key = keys.scenario(scenario.tenant, scenario.name);
    const version = await this.items.putVersioned(
      key,
      scenario,
      expectedVersion,
      `scenario "${scenario.name}"`,
    );
    return { ...scenario, version };
  }

  getScenario(tenant: Tenant, name: string): Promise<Scenario | undefined> {
    return this.items.get(keys.scenario(tenant, name), scenarioItem);
  }

  async listScenarios(tenant: Tenant): Promise<ScenarioSummary[]> {
    return this.items.query(tenant, SK_PREFIX.scenario, scenarioSummaryItem, {
      // The summary needs four small fields; the estimate snapshot can be tens of KB.
      ProjectionExpression:
        "pk, sk, #name, #estimate.#template, #estimate.#total, #estimate.#currency, updatedAt, createdBy",
      ExpressionAttributeNames: {
        "#name": "name",
        "#estimate": "estimate",
        "#template": "template",
        "#total": "total",
        "#currency": "currency",
      },
    });
  }

  deleteScenario(tenant: Tenant, name: string): Promise<boolean> {
    return this.items.delete(keys.scenario(tenant, name)).then((old) => old !== undefined);
  }
}
