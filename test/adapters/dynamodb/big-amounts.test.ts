import { describe, expect, it } from "vitest";
import { dynamoStores } from "../../../src/adapters/dynamodb/stores.ts";
import { handleText } from "../../../src/app/pipeline.ts";
import { builtInCatalog } from "../../../src/core/catalog/index.ts";
import { dec } from "../../../src/core/money.ts";
import { scenario, useEmbeddedDynamo } from "./fixtures.ts";

const engine = useEmbeddedDynamo();

describe("amounts beyond 2^53 are stored and read back exactly (dynalite)", () => {
  it("an amount of 98,765,432,109,876,543.21 comes back to the cent", async () => {
    const store = dynamoStores(engine.db(), await engine.newTable());
    const s = scenario("cli:local", "huge");
    // 98,765,432,109,876,543.21 > Number.MAX_SAFE_INTEGER (9,007,199,254,740,991): a JS number would lose the cents.
    const huge = "98765432109876543.21";
    const estimate = {
      ...s.estimate,
      total: huge,
      lines: [{ ...s.estimate.lines[0]!, amount: huge, share: "1" }],
    };
    await store.putScenario({ ...s, estimate }, 0);
    const read = await store.getScenario("cli:local", "huge");
    expect(read?.estimate.total).toBe("98765432109876543.21");
    expect(read?.estimate.lines[0]?.amount).toBe("98765432109876543.21");
  });

  // In TWD: an estimate stays below 1e15 USD (docs/workload-models.md, "Sizes"), and 32 TWD a
  // dollar takes this one (about 6.4e14 USD) past 2^53.
  it("`voice-agent users=1e8 hours=24 days=31 images=50 image_tokens=1000000 output_tokens=1e7 currency=TWD` is saved, listed and shown with its exact total", async () => {
    const store = dynamoStores(engine.db(), await engine.newTable());
    const deps = {
      catalog: builtInCatalog(),
      store,
      clock: { now: () => new Date(0) },
      log: { info() {}, error() {} },
    };
    const ctx = { tenant: "cli:local", user: "me", surface: "cli" as const };
    const written =
      "voice-agent users=1e8 hours=24 days=31 images=50 image_tokens=1000000 output_tokens=1e7 currency=TWD";
    const priced = await handleText(written, ctx, deps);
    const total = priced.estimate!.total;
    expect(dec(total).gt(Number.MAX_SAFE_INTEGER)).toBe(true);

    const saved = await handleText(`save big ${written}`, ctx, deps);
    expect(saved.status).toBe(0);
    expect((await store.getScenario("cli:local", "big"))?.estimate.total).toBe(total);
    expect((await store.listScenarios("cli:local"))[0]?.total).toBe(total);
    const shown = await handleText("show big", ctx, deps);
    expect(shown.status).toBe(0);
    expect(shown.estimate?.total).toBe(total);
  });
});
