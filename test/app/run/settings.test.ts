import { describe, expect, it } from "vitest";
import { parseCommand } from "../../../src/app/parse.ts";
import { handleText } from "../../../src/app/pipeline.ts";
import { chat, usePipeline } from "../support.ts";

const pipeline = usePipeline();

describe("settings drift=…: the tenant's drift-notice threshold", () => {
  it("parses a percent above 0 and at most 100 into percent units", () => {
    expect(parseCommand("settings")).toEqual({ kind: "settings", options: {} });
    expect(parseCommand("settings drift=10%")).toEqual({ kind: "settings", driftPercent: "10", options: {} });
    expect(parseCommand("settings drift=2.5%")).toMatchObject({ driftPercent: "2.5" });
    expect(parseCommand("settings drift=100%")).toMatchObject({ driftPercent: "100" });
    for (const bad of ["drift=0%", "drift=-5%", "drift=101%", "drift=10", "drift=ten"])
      expect(() => parseCommand(`settings ${bad}`), bad).toThrow(/drift is a percentage|not a number/);
    expect(() => parseCommand("settings colour=blue")).toThrow(/`colour` is not a setting/);
    expect(() => parseCommand("settings drift extra")).toThrow();
  });

  it("shows the default 5 %, stores a tenant's own, and keeps tenants apart", async () => {
    const deps = await pipeline.deps(new Date("2026-12-01T09:00:00Z"));
    const before = await handleText("settings", chat("slack:T1"), deps);
    expect(before.status).toBe(0);
    expect(before.visibility).toBe("private");
    expect(before.summary).toMatch(/more than 5 % \(the default\)/);

    const set = await handleText("settings drift=10%", chat("slack:T1"), deps);
    expect(set.status).toBe(0);
    expect(set.summary).toMatch(/more than 10 %/);
    expect(await deps.store.getSettings("slack:T1")).toEqual({
      tenant: "slack:T1",
      driftPercent: "10",
      updatedBy: "U1",
      updatedAt: "2026-12-01T09:00:00.000Z",
    });
    expect((await handleText("settings", chat("slack:T1"), deps)).summary).toMatch(
      /more than 10 % \(set by U1 on 2026-12-01\)/,
    );
    // Another workspace still has the default.
    expect((await handleText("settings", chat("slack:T2"), deps)).summary).toMatch(/5 % \(the default\)/);
  });

  it("a wrong value is the user's mistake: a private error, nothing stored", async () => {
    const deps = await pipeline.deps();
    const reply = await handleText("settings drift=250%", chat("slack:T1"), deps);
    expect(reply.kind).toBe("error");
    expect(reply.status).toBe(2);
    expect(reply.summary).toMatch(/drift is a percentage above 0 and at most 100 %/);
    expect(await deps.store.getSettings("slack:T1")).toBeUndefined();
  });
});
