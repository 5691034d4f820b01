import { describe, expect, it } from "vitest";
import { canonicalText, parseValue } from "../../src/app/values.ts";

describe("canonicalText: the shortest text that parses back to the same value", () => {
  it.each([
    ["5k", "5000"],
    ["0005000", "5000"],
    ["1.50", "1.5"],
    ["1e3", "1e3"], // "1000" is longer: kept as written
    ["040%", "40%"],
    ["12.50%", "12.5%"],
    ["$1.5k", "1500USD"], // 7 characters either way: the canonical form is not shorter, kept
    ["0100.0twd", "100TWD"],
    ["TRUE", "true"],
    ["Nova-Pro", "nova-pro"],
  ])("%s → %s", (written, canonical) => {
    const expected = canonical.length < written.length ? canonical : written;
    const value = parseValue("k", written);
    expect(canonicalText(value)).toBe(expected);
    const back = parseValue("k", canonicalText(value));
    expect(back.value).toEqual(value.value);
    expect(back.kind).toBe(value.kind);
  });
});
