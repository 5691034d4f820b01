import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_SCENARIOS, maxScenariosFrom } from "../../../src/app/limits.ts";
import { handleText } from "../../../src/app/pipeline.ts";
import type { Deps } from "../../../src/app/ports.ts";
import { scenario } from "../../adapters/dynamodb/fixtures.ts";
import { chat, usePipeline } from "../support.ts";

const pipeline = usePipeline();
const ctx = chat("slack:T1");

/** `count` scenarios s0 … s<count-1>, saved one second apart (s<count-1> the newest). */
async function withScenarios(count: number, extra: Partial<Deps> = {}): Promise<Deps> {
  const deps = { ...(await pipeline.deps()), ...extra };
  for (let i = 0; i < count; i++) {
    const createdAt = new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
    await deps.store.putScenario({ ...scenario("slack:T1", `s${i}`), createdAt, updatedAt: createdAt }, 0);
  }
  return deps;
}

const tableRows = (reply: Awaited<ReturnType<typeof handleText>>) => {
  const table = reply.blocks.find((b) => b.type === "table");
  return table?.type === "table" ? table.rows.map((r) => r[0]) : [];
};
const contextText = (reply: Awaited<ReturnType<typeof handleText>>) =>
  reply.blocks.filter((b) => b.type === "context").map((b) => (b.type === "context" ? b.text : ""));

describe("list: pages of 20, newest first, with a count", () => {
  it("page 1 and page 3 of 45, with the range and the next page named", async () => {
    const deps = await withScenarios(45);
    const first = await handleText("list", ctx, deps);
    expect(first.summary).toBe("45 saved scenario(s)");
    expect(tableRows(first)).toEqual(Array.from({ length: 20 }, (_, i) => `s${44 - i}`));
    expect(contextText(first)).toEqual(["1–20 of 45, newest first. Next: `list page=2`."]);
    // Page 3 holds 41–45: the five oldest, s4 … s0, and no next page.
    const third = await handleText("list page=3", ctx, deps);
    expect(tableRows(third)).toEqual(["s4", "s3", "s2", "s1", "s0"]);
    expect(contextText(third)).toEqual(["41–45 of 45, newest first."]);
  });

  it("a page past the end, or not a page, is the asker's mistake", async () => {
    const deps = await withScenarios(21);
    expect((await handleText("list page=3", ctx, deps)).summary).toBe(
      "there are 2 pages of saved scenarios; no page 3",
    );
    for (const text of ["list page=0", "list page=x", "list page=-1", "list sort=name"]) {
      expect((await handleText(text, ctx, deps)).status, text).toBe(2);
    }
  });
});

describe("show and diff of a missing name suggest names from a bounded lookup", () => {
  it("names that share the first letter, else the most recent", async () => {
    const deps = await withScenarios(3); // s0, s1, s2
    await deps.store.putScenario(scenario("slack:T1", "plan"), 0);
    const missing = await handleText("show sx", ctx, deps);
    expect(missing.summary).toBe("no saved scenario named `sx`");
    expect(missing.hint).toBe("saved with `s`: s0, s1, s2");
    // No name starts with "q": the most recently saved (plan, saved 2025-01-01, is the oldest).
    expect((await handleText("diff q1 s1", ctx, deps)).hint).toBe("saved most recently: s2, s1, s0, plan");
    expect((await handleText("show x", chat("slack:T2"), deps)).hint).toBe("nothing is saved yet");
  });
});

describe("a tenant's scenarios are capped", () => {
  it("the save past the cap is refused with what to do, and nothing is written", async () => {
    const deps = await withScenarios(3, { maxScenarios: 3 });
    const refused = await handleText("save one-more bedrock-api", ctx, deps);
    expect(refused.status).toBe(2);
    expect(refused.summary).toBe(
      "this workspace has 3 saved scenarios, the most it can keep; `one-more` was not saved",
    );
    expect(refused.hint).toMatch(/delete some/);
    expect(await deps.store.getScenario("slack:T1", "one-more")).toBeUndefined();
    // Another tenant is not affected, and a delete makes room.
    expect((await handleText("save one-more bedrock-api", chat("slack:T2"), deps)).status).toBe(0);
    expect((await handleText("delete s0", ctx, deps)).status).toBe(0);
    expect((await handleText("save one-more bedrock-api", ctx, deps)).status).toBe(0);
  });

  it("the cap is 1,000 unless MAX_SCENARIOS_PER_TENANT says otherwise; a bad value names the setting", () => {
    expect(DEFAULT_MAX_SCENARIOS).toBe(1000);
    expect(maxScenariosFrom({})).toBe(1000);
    expect(maxScenariosFrom({ MAX_SCENARIOS_PER_TENANT: "250" })).toBe(250);
    for (const bad of ["0", "-5", "1e3", "lots"]) {
      expect(() => maxScenariosFrom({ MAX_SCENARIOS_PER_TENANT: bad })).toThrow(/MAX_SCENARIOS_PER_TENANT/);
    }
  });
});

describe("delete: someone else's scenario asks first, naming who saved it", () => {
  const alice = { ...chat("slack:T1"), user: "UALICE" };
  const bob = { ...chat("slack:T1"), user: "UBOB" };
  const askedFor = (reply: Awaited<ReturnType<typeof handleText>>) => {
    const actions = reply.blocks.find((b) => b.type === "actions");
    return actions?.type === "actions" ? actions.actions : [];
  };

  it("the saver deletes at once; anyone else gets a question with a button, and the button deletes", async () => {
    const deps = await pipeline.deps(); // clock fixed at 2026-11-23T10:00:00.000Z
    await handleText("save plan bedrock-api", alice, deps);
    const question = await handleText("delete plan", bob, deps);
    expect(question.visibility).toBe("private");
    expect(question.status).toBe(2);
    expect(question.summary).toBe("`plan` was saved by UALICE on 2026-11-23, not by you. Delete it anyway?");
    // The token: the creation time's digits and the version.
    expect(askedFor(question)).toEqual([
      { id: "confirm-delete", label: "Delete plan", name: "plan", confirm: "20261123100000000-1" },
    ]);
    expect(await deps.store.getScenario("slack:T1", "plan")).toBeDefined(); // nothing deleted yet

    const done = await handleText("delete plan confirm=20261123100000000-1", bob, deps);
    expect(done.summary).toBe("Deleted `plan` (saved by UALICE on 2026-11-23).");
    expect(done.visibility).toBe("channel");
    expect(await deps.store.getScenario("slack:T1", "plan")).toBeUndefined();

    await handleText("save mine bedrock-api", alice, deps);
    expect((await handleText("delete mine", alice, deps)).summary).toBe("Deleted `mine`.");
  });

  it("a confirmation of an older save of the name deletes nothing and asks again", async () => {
    const deps = await pipeline.deps();
    await handleText("save plan bedrock-api", alice, deps);
    const first = askedFor(await handleText("delete plan", bob, deps))[0];
    // Deleted by its saver and saved again a minute later: a new scenario under the same name.
    await handleText("delete plan", alice, deps);
    const later = { ...deps, clock: { now: () => new Date("2026-11-23T10:01:00.000Z") } };
    await handleText("save plan bedrock-api devs=99", alice, later);
    const again = await handleText(
      `delete plan confirm=${first?.id === "confirm-delete" ? first.confirm : ""}`,
      bob,
      later,
    );
    expect(again.status).toBe(2);
    expect(again.blocks[0]).toEqual({
      type: "text",
      text: "It was saved again since you were asked. `plan` was saved by UALICE on 2026-11-23, not by you. Delete it anyway?",
    });
    expect(askedFor(again)).toEqual([
      { id: "confirm-delete", label: "Delete plan", name: "plan", confirm: "20261123100100000-1" },
    ]);
    expect((await deps.store.getScenario("slack:T1", "plan"))?.input.written).toEqual({ devs: "99" });
  });

  it("the CLI names the command to type instead of a button", async () => {
    const deps = await pipeline.deps();
    await handleText("save plan bedrock-api", alice, deps);
    const cli = { tenant: "slack:T1", user: "carol", surface: "cli" as const };
    const question = await handleText("delete plan", cli, deps);
    expect(askedFor(question)).toEqual([]);
    expect(question.blocks.at(-1)).toEqual({
      type: "context",
      text: "To delete it anyway: `costbot delete plan confirm=20261123100000000-1`",
    });
    expect((await handleText("delete plan confirm=20261123100000000-1", cli, deps)).status).toBe(0);
  });

  it("`confirm=` is only a token, and delete takes no other setting", async () => {
    const deps = await pipeline.deps();
    for (const text of ["delete plan confirm=<!channel>", "delete plan force=yes", "delete plan confirm="]) {
      expect((await handleText(text, bob, deps)).status, text).toBe(2);
    }
  });
});
