import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCommand } from "../../src/app/parse.ts";
import { handleText } from "../../src/app/pipeline.ts";
import { UserError } from "../../src/core/errors.ts";
import { chat, usePipeline } from "./support.ts";

const fails = (text: string) => {
  try {
    parseCommand(text);
  } catch (e) {
    if (e instanceof UserError) return e.message;
    throw e;
  }
  throw new Error(`parsed: ${text}`);
};

describe("parser: the grammar of README, The command language", () => {
  it("reads an estimate with values in every form", () => {
    const c = parseCommand("Voice-Agent USERS=1.5k image_mb=0.1 model=Nova-Pro currency=twd detail=full");
    expect(c).toMatchObject({
      kind: "estimate",
      template: "voice-agent",
      options: { currency: "TWD", detail: true },
    });
    if (c.kind !== "estimate") throw new Error();
    expect(c.assignments.users).toMatchObject({ kind: "number", value: "1500" });
    expect(c.assignments.image_mb).toMatchObject({ kind: "number", value: "0.1" });
    expect(c.assignments.model).toMatchObject({ kind: "name", value: "nova-pro" });
  });

  it("reads suffixes, percentages, amounts and booleans exactly", () => {
    const c = parseCommand("plan voice-coach price=100TWD margin=40% users=2M free_tier=false cost=$5");
    if (c.kind !== "plan") throw new Error();
    expect(c.assignments.price).toMatchObject({ kind: "amount", value: "100", currency: "TWD" });
    expect(c.assignments.margin).toMatchObject({ kind: "percent", value: "0.4" });
    expect(c.assignments.users).toMatchObject({ value: "2000000" });
    expect(c.assignments.free_tier).toMatchObject({ kind: "boolean", value: false });
    expect(c.assignments.cost).toMatchObject({ kind: "amount", value: "5", currency: "USD" });
  });

  it("reads what-ifs, with or without the words", () => {
    expect(parseCommand("what if users=5000")).toMatchObject({ kind: "what-if" });
    expect(parseCommand("users=5000 model=nova-lite")).toMatchObject({ kind: "what-if" });
  });

  it("reads sweep ranges and compare lists, at most 50 points", () => {
    const s = parseCommand("sweep bedrock-api calls=100..1000:100");
    expect(s.kind === "sweep" && s.axis.values.map((v) => v.value)).toEqual([
      "100",
      "200",
      "300",
      "400",
      "500",
      "600",
      "700",
      "800",
      "900",
      "1000",
    ]);
    const c = parseCommand("compare voice-agent model=nova-pro,nova-lite users=10");
    expect(c.kind === "compare" && c.axis.values.map((v) => v.value)).toEqual(["nova-pro", "nova-lite"]);
    expect(fails("sweep bedrock-api calls=1..100:1")).toMatch(/100 points; at most 50/);
    expect(fails("sweep bedrock-api calls=5..1")).toMatch(/goes up/);
    expect(fails("compare voice-agent users=10")).toMatch(/varies exactly one key/);
  });

  it("reads the scenario and budget commands", () => {
    expect(parseCommand("save Big")).toMatchObject({ kind: "save", name: "big" });
    expect(parseCommand("save b voice-agent users=3")).toMatchObject({
      kind: "save",
      inline: { template: "voice-agent" },
    });
    expect(parseCommand("diff a b")).toMatchObject({ kind: "diff", names: ["a", "b"] });
    const b = parseCommand("budget create ml from=big thresholds=50,80 forecast=100");
    expect(b).toMatchObject({ kind: "budget", action: "create", name: "ml" });
    expect(b.kind === "budget" && b.thresholds?.map((t) => t.value)).toEqual(["50", "80"]);
    expect(parseCommand("help voice-agent")).toMatchObject({ kind: "help", topic: "voice-agent" });
    expect(parseCommand("")).toMatchObject({ kind: "help" });
  });

  it("refuses bad input with one line naming the bad part", () => {
    expect(fails("voice-agent users=1,000")).toMatch(/lists are only accepted by sweep and compare.*1000/);
    expect(fails("voice-agent users=1.2.3")).toMatch(/`users=1.2.3` is not a number/);
    expect(fails("voice-agent users=")).toMatch(/has no value/);
    expect(fails("voice-agent users=3 users=4")).toMatch(/given twice/);
    expect(fails("voice-agent price=10GBP")).toMatch(/unknown currency GBP/);
    expect(fails("voice-agent currency=BTC")).toMatch(/currency is one of/);
    // `voise-agent` could be a team's own workload: the parser lets it through and the pipeline,
    // having asked the tenant's store, refuses it (test/app/run/workload.test.ts, below).
    expect(parseCommand("voise-agent")).toMatchObject({ kind: "estimate", template: "voise-agent" });
    expect(fails("sav x")).toMatch(/did you mean `save`/);
    expect(fails("x".repeat(3000))).toMatch(/at most 2000/);
    for (const line of ["voice-agent users=1,000", "sav x", "sweep bedrock-api calls=1..100:1"]) {
      expect(fails(line)).not.toMatch(/\n/);
    }
  });

  it("copes with chat clients' typography: non-breaking spaces, smart quotes, long dashes", () => {
    expect(parseCommand("voice-agent\u00a0users=1000 model=\u201cnova-pro\u201d")).toMatchObject({
      kind: "estimate",
    });
  });
});

const pipeline = usePipeline();
const fragments = [
  "voice-agent",
  "bedrock-api",
  "gpu-platform",
  "voice-coach",
  "image-gen",
  "what if",
  "sweep",
  "compare",
  "plan",
  "audit",
  "save",
  "list",
  "show",
  "delete",
  "diff",
  "budget",
  "create",
  "help",
  "models",
  "templates",
  "users=",
  "model=",
  "price=",
  "margin=",
  "calls=",
  "preset=",
  "=",
  "..",
  ":",
  ",",
  "%",
  "k",
  "M",
  "1e308",
  "-0",
  "1e-400",
  "NaN",
  "Infinity",
  "currency=TWD",
  "detail=full",
  "--json",
  "'; DROP TABLE",
  "<script>",
  "$\u007b x }",
  "\u0000",
  "\u202e",
  "🙂",
  "用户=1000",
];
const piece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...fragments) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 8 }) },
  { weight: 2, arbitrary: fc.oneof(fc.double(), fc.integer({ min: -10, max: 1e9 })).map(String) },
);
const commandLike = fc
  .array(fc.tuple(piece, fc.constantFrom(" ", " ", "", "=", ",")), { maxLength: 8 })
  .map((parts) => parts.flat().join(""));

describe("property: any input yields a reply or a typed user error, never an exception", () => {
  it("the parser throws nothing but UserError", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          commandLike,
          fc.string({ unit: "grapheme", maxLength: 300 }),
          fc.string({ maxLength: 3000 }),
        ),
        (text) => {
          try {
            parseCommand(text);
          } catch (e) {
            expect(e).toBeInstanceOf(UserError);
          }
        },
      ),
      { numRuns: 5000 },
    );
  });

  it("the whole pipeline, with its real store, answers every input with status 0 or 2 (never our fault)", async () => {
    const deps = await pipeline.deps();
    const seen = { 0: 0, 2: 0 };
    await fc.assert(
      fc.asyncProperty(commandLike, async (text) => {
        const reply = await handleText(text, chat("slack:T1", { channel: "C1", thread: "1.1" }), deps);
        expect([0, 2]).toContain(reply.status);
        expect(reply.summary.length).toBeGreaterThan(0);
        seen[reply.status as 0 | 2]++;
      }),
      { numRuns: 2000 },
    );
    expect(deps.log.errors).toEqual([]);
    // The generator must reach working commands too, not only parse errors.
    expect(seen[0]).toBeGreaterThan(100);
  });
});

describe("parser: sweep ranges at the edges of decimal precision (issue 16 item 1)", () => {
  const REPRO = "sweep voice-agent users=1e39..1000000000000000000000000000000000000001:0.03";
  const points = (text: string) => {
    const c = parseCommand(text);
    return c.kind === "sweep" ? c.axis.values.map((v) => v.value) : [];
  };

  it("refuses the step that 40 digits cannot add to 1e39 (it used to loop until out of memory)", () => {
    // 1e39 is digit position 39, 0.03 needs position -2: 39 - (-2) + 1 = 42 digits; at most 39.
    expect(fails(REPRO)).toMatch(/needs 42 significant digits; at most 39/);
  });

  it("builds points by index, each exact: 0.1 steps from 1 to 2 are 11 points with no drift", () => {
    expect(points("sweep bedrock-api calls=1..2:0.1")).toEqual([
      "1",
      "1.1",
      "1.2",
      "1.3",
      "1.4",
      "1.5",
      "1.6",
      "1.7",
      "1.8",
      "1.9",
      "2",
    ]);
    // 38-digit points still fit: 1e37 and 1e37 + 1 (digit positions 37 down to 0: 38 digits).
    expect(points("sweep bedrock-api calls=1e37..10000000000000000000000000000000000001:1")).toEqual([
      "1e+37",
      "1.0000000000000000000000000000000000001e+37",
    ]);
  });

  it("a range without a step gives ten distinct points, or says it is too narrow", () => {
    // 0..1 in ninths, to 6 decimals: 1/9 = 0.111111, 5/9 = 0.555556.
    expect(points("sweep bedrock-api calls=0..1")).toContain("0.555556");
    expect(fails("sweep bedrock-api calls=0..0.000001")).toMatch(/too narrow for ten distinct points/);
  });

  it("refuses numbers past decimal.js's exponent limit instead of using Infinity", () => {
    expect(fails("sweep bedrock-api calls=1..1e99999999999999999")).toMatch(/is not a number/);
    expect(fails("bedrock-api calls=1e99999999999999999")).toMatch(/is not a number/);
  });

  it("counts plan prices and budget thresholds before parsing them (at most 10 each)", () => {
    const many = Array.from({ length: 11 }, (_, i) => i + 1).join(",");
    expect(fails(`plan voice-coach price=100TWD prices=${many}`)).toMatch(/`prices=` takes at most 10/);
    expect(fails(`budget create b amount=5USD thresholds=${many}`)).toMatch(/`thresholds=` takes at most 10/);
    expect(fails(`budget create b amount=5USD thresholds=${"1,".repeat(900)}1`)).toMatch(/at most 10/);
  });

  it("the pipeline answers the reproduction with a user error (exit status 2), not a hang", async () => {
    const deps = await pipeline.deps();
    const reply = await handleText(REPRO, chat("slack:T1"), deps);
    expect(reply.status).toBe(2);
    expect(reply.summary).toMatch(/needs 42 significant digits/);
    expect(deps.log.errors).toEqual([]);
  });
});
