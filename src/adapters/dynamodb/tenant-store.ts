import { type DynamoDBDocumentClient, paginateQuery } from "@aws-sdk/lib-dynamodb";
import type { SavedScenarioSource, Scenario, Tenant, TenantSettings, TenantStore } from "../../app/ports.ts";
import { scenarioItem, settingsItem } from "./items.ts";
import { type ItemKey, keys, SK_PREFIX } from "./table.ts";
import { TableAccess } from "./table-access.ts";

/**
 * A tenant's settings live in its own partition (`T#<tenant>` / `SETTINGS`). The list of tenants
 * that saved a scenario is one small partition outside every tenant (`TENANTS` / `<tenant>`):
 * a price refresh reads it, then each listed tenant's scenarios with a key query, so finding
 * the saved scenarios never scans the table.
 */
export const TENANTS_PK = "TENANTS";
export const SETTINGS_SK = "SETTINGS";

const settingsKey = (tenant: Tenant): ItemKey => ({ pk: keys.tenant(tenant), sk: SETTINGS_SK });
const tenantKey = (tenant: Tenant): ItemKey => ({ pk: TENANTS_PK, sk: tenant });

export class DynamoTenantStore implements TenantStore, SavedScenarioSource {
  private readonly items: TableAccess;

  constructor(db: DynamoDBDocumentClient, table: string) {
    this.items = new TableAccess(db, table);
  }

  getSettings(tenant: Tenant): Promise<TenantSettings | undefined> {
    return this.items.get(settingsKey(tenant), settingsItem);
  }

  async putSettings(settings: TenantSettings): Promise<void> {
    await this.items.put({ ...settingsItem.parse(settings), ...settingsKey(settings.tenant) });
  }

  async registerTenant(tenant: Tenant): Promise<void> {
    await this.items.put({ ...tenantKey(tenant), tenant });
  }

  async listTenants(): Promise<Tenant[]> {
    const pages = paginateQuery(
      { client: this.items.db },
      {
        TableName: this.items.table,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": TENANTS_PK },
        ProjectionExpression: "sk",
      },
    );
    const tenants: Tenant[] = [];
    for await (const page of pages) for (const item of page.Items ?? []) tenants.push(String(item.sk));
    return tenants;
  }

  listSavedScenarios(tenant: Tenant): Promise<Scenario[]> {
    return this.items.query(tenant, SK_PREFIX.scenario, scenarioItem);
  }
}
