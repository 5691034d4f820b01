import { describe, expect, it } from "vitest";
import {
  CorruptItemError,
  estimateSchema,
  parseItem,
  scenarioItem,
} from "../../../src/adapters/dynamodb/items.ts";
import { builtInCatalog } from "../../../src/core/catalog/index.ts";
import { estimate, resolveParams } from "../../../src/core/estimate.ts";
import { TEMPLATES } from "../../../src/core/templates/index.ts";
import { bedrockEstimate, scenario } from "./fixtures.ts";

const catalog = builtInCatalog();
const key = { pk: "T#slack:T1", sk: "SCENARIO#plan" };

describe("estimateSchema", () => {
  it.each(TEMPLATES.map((t) => [t.name, t] as const))(
    "accepts the core's own %s estimate unchanged",
    (_, t) => {
      const e = estimate(t, resolveParams(t, {}, catalog), catalog);
      expect(estimateSchema.parse(e)).toEqual(e);
    },
  );

  it("keeps fields a newer version added, at the top and inside lines", () => {
    const e = bedrockEstimate();
    const newer = { ...e, confidence: "high", lines: e.lines.map((l) => ({ ...l, region: "us-east-1" })) };
    expect(estimateSchema.parse(newer)).toEqual(newer);
  });

  it("rejects an estimate whose lines lack their amounts", () => {
    const e = bedrockEstimate();
    const broken = { ...e, lines: e.lines.map(({ amount: _, ...rest }) => rest) };
    expect(estimateSchema.safeParse(broken).success).toBe(false);
  });
});

describe("parseItem", () => {
  it("drops the table's own attributes (pk, sk) from the domain object", () => {
    const item = { ...key, ...scenario("slack:T1", "plan"), version: 1 };
    expect(parseItem(scenarioItem, key, item)).not.toHaveProperty("pk");
  });

  it("raises CorruptItemError with the key and the zod error as cause", () => {
    const error = (() => {
      try {
        parseItem(scenarioItem, key, { ...key, name: 42 });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CorruptItemError);
    expect(error).toMatchObject({
      name: "CorruptItemError",
      key,
      cause: expect.objectContaining({ issues: expect.any(Array) }),
    });
  });
});

describe("amounts in stored estimates", () => {
  it("reads amounts written as numbers by earlier versions back as the same decimals, as strings", () => {
    const e = bedrockEstimate();
    const old = {
      ...e,
      total: 38.61,
      lines: e.lines.map((l) => ({ ...l, amount: Number(l.amount), share: 0.9712 })),
      drivers: e.drivers.map((d) => ({ ...d, share: 0.9712 })),
    };
    const read = estimateSchema.parse(old);
    expect(read.total).toBe("38.61");
    expect(read.lines.map((l) => l.amount)).toEqual(["0", "37.5", "0.11", "1"]);
    expect(read.drivers[0]?.share).toBe("0.9712");
  });

  it("rejects an amount that is not a decimal", () => {
    expect(estimateSchema.safeParse({ ...bedrockEstimate(), total: "38,61" }).success).toBe(false);
  });
});
