import { describe, expect, it } from "vitest";
import { parseCommand } from "../../../src/app/parse.ts";
import { handleText } from "../../../src/app/pipeline.ts";
import { chat, usePipeline } from "../support.ts";

const pipeline = usePipeline();

describe("the grammar of track, untrack, actual and settings variance=", () => {
  it("track takes a tag, an account, or both; a tag keeps its case", () => {
    expect(parseCommand("track va-prod tag=App:Voice")).toEqual({
      kind: "track",
      name: "va-prod",
      tag: { key: "App", value: "Voice" },
      options: {},
    });
    expect(parseCommand("track va account=123456789012 tag=team:ml-platform")).toEqual({
      kind: "track",
      name: "va",
      tag: { key: "team", value: "ml-platform" },
      account: "123456789012",
      options: {},
    });
    // A tag value may itself hold a colon: only the first one splits.
    expect(parseCommand("track va tag=env:prod:eu")).toMatchObject({ tag: { key: "env", value: "prod:eu" } });
    expect(() => parseCommand("track va tag=:voice")).toThrow(/is not key:value/);
    expect(() => parseCommand("track va tag=app:")).toThrow(/is not key:value/);
    expect(() => parseCommand("track va account=1234567890123")).toThrow(/12 digits/);
    // region= is a flag of every command (README "The command language"), not a filter: another key is refused.
    expect(() => parseCommand("track va month=2026-11")).toThrow(/track takes `tag=` and `account=`/);
    expect(() => parseCommand("track")).toThrow(/track needs a name/);
  });

  it("actual takes month=YYYY-MM; untrack only a name", () => {
    expect(parseCommand("actual va")).toEqual({ kind: "actual", name: "va", options: {} });
    expect(parseCommand("actual va month=2026-11 --json")).toEqual({
      kind: "actual",
      name: "va",
      month: "2026-11",
      options: { json: true },
    });
    expect(parseCommand("actual va month=2026-11 currency=TWD")).toMatchObject({
      options: { currency: "TWD" },
    });
    for (const bad of ["2026-1", "2026-00", "26-11", "november"])
      expect(() => parseCommand(`actual va month=${bad}`), bad).toThrow(/is not a month/);
    expect(parseCommand("untrack va")).toEqual({ kind: "untrack", name: "va", options: {} });
    expect(() => parseCommand("untrack va tag=a:b")).toThrow(/untrack takes only a scenario's name/);
  });

  it("settings variance= is a percent above 0 and at most 100, beside drift=", () => {
    expect(parseCommand("settings variance=25%")).toEqual({
      kind: "settings",
      variancePercent: "25",
      options: {},
    });
    expect(parseCommand("settings drift=10% variance=30%")).toEqual({
      kind: "settings",
      driftPercent: "10",
      variancePercent: "30",
      options: {},
    });
    for (const bad of ["variance=0%", "variance=120%", "variance=20"])
      expect(() => parseCommand(`settings ${bad}`), bad).toThrow(/variance is a percentage|not a number/);
  });

  it("settings variance= is stored without touching drift, and shown with its default of 20 %", async () => {
    const deps = await pipeline.deps(new Date("2026-12-01T09:00:00Z"));
    expect((await handleText("settings", chat("slack:T1"), deps)).summary).toContain(
      "names first any line more than 20 % over its estimate",
    );
    await handleText("settings drift=10%", chat("slack:T1"), deps);
    const set = await handleText("settings variance=30%", chat("slack:T1"), deps);
    expect(set.summary).toBe(
      "The weekly actual spend now names first any line more than 30 % over its estimate.",
    );
    expect(await deps.store.getSettings("slack:T1")).toMatchObject({
      driftPercent: "10",
      variancePercent: "30",
    });
  });

  it("help names the new commands", async () => {
    const deps = await pipeline.deps();
    expect((await handleText("help track", chat("slack:T1"), deps)).summary).toContain("tag=<key>:<value>");
    expect((await handleText("help actual", chat("slack:T1"), deps)).summary).toContain("month=YYYY-MM");
  });

  it("a partner's or another platform's context may not track: only the tenant's own people", async () => {
    const deps = await pipeline.deps();
    await handleText("save va voice-agent", chat("slack:T1"), deps);
    const reply = await handleText("track va tag=app:voice", { ...chat("slack:T1"), user: "" }, deps);
    expect(reply.summary).toBe("only members of this workspace may link its scenarios to an AWS bill");
    expect((await deps.store.getScenario("slack:T1", "va"))?.tracking).toBeUndefined();
  });
});
