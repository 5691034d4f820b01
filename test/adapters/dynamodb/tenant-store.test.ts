import { describe, expect, it } from "vitest";
import { DynamoPriceOverlay } from "../../../src/adapters/dynamodb/price-overlay.ts";
import { dynamoStores } from "../../../src/adapters/dynamodb/stores.ts";
import { buildOverlay } from "../../../src/app/price-overlay.ts";
import { builtInCatalog } from "../../../src/core/catalog/index.ts";
import { scenario, useEmbeddedDynamo } from "./fixtures.ts";

const dynamo = useEmbeddedDynamo();

describe("tenant settings and the saved scenarios a price refresh reads (dynalite)", () => {
  it("settings round-trip per tenant; another tenant's are not seen", async () => {
    const store = dynamoStores(dynamo.db(), await dynamo.newTable());
    expect(await store.getSettings("slack:T1")).toBeUndefined();
    const settings = {
      tenant: "slack:T1",
      driftPercent: "12.5",
      updatedBy: "U1",
      updatedAt: "2026-12-01T00:00:00Z",
    };
    await store.putSettings(settings);
    expect(await store.getSettings("slack:T1")).toEqual(settings);
    expect(await store.getSettings("slack:T2")).toBeUndefined();
  });

  it("lists the tenants that saved a scenario once each, and each one's scenarios whole, with where they were saved", async () => {
    const store = dynamoStores(dynamo.db(), await dynamo.newTable());
    const savedIn = { platform: "slack" as const, channel: "C1", thread: "1700000000.000100" };
    await store.putScenario({ ...scenario("slack:T1", "a"), savedIn }, 0);
    await store.putScenario(scenario("slack:T1", "b"), 0);
    await store.putScenario(scenario("slack:T2", "c"), 0);
    for (const tenant of ["slack:T1", "slack:T1", "slack:T2"]) await store.registerTenant(tenant);
    // A settings item and a thread link in the same partition are not scenarios.
    await store.putSettings({ tenant: "slack:T1", updatedBy: "U1", updatedAt: "2026-12-01T00:00:00Z" });
    expect((await store.listTenants()).sort()).toEqual(["slack:T1", "slack:T2"]);
    const t1 = await store.listSavedScenarios("slack:T1");
    expect(t1.map((s) => s.name)).toEqual(["a", "b"]);
    expect(t1[0]!.savedIn).toEqual(savedIn);
    expect(t1[1]!.savedIn).toBeUndefined();
    expect(t1[0]!.input).toEqual({ template: "bedrock-api", written: { users: "5k" }, currency: "USD" });
  });

  it("the overlay before a date is the newest dated refresh strictly before it", async () => {
    const table = await dynamo.newTable();
    const overlays = new DynamoPriceOverlay(dynamo.db(), table);
    expect(await overlays.getOverlayBefore("2026-12-01")).toBeUndefined();
    const shipped = builtInCatalog();
    const at = (day: string) => buildOverlay(shipped, [], new Date(`${day}T06:00:00Z`));
    await overlays.putOverlay(at("2026-11-28"));
    await overlays.putOverlay(at("2026-11-30"));
    await overlays.putOverlay(at("2026-12-01"));
    expect((await overlays.getOverlayBefore("2026-12-01"))?.date).toBe("2026-11-30");
    expect((await overlays.getOverlayBefore("2026-11-30"))?.date).toBe("2026-11-28");
    expect((await overlays.getOverlayBefore("2026-12-05"))?.date).toBe("2026-12-01");
    expect(await overlays.getOverlayBefore("2026-11-28")).toBeUndefined();
  });
});
