import { describe, expect, it } from "vitest";
import { handleText } from "../../../src/app/pipeline.ts";
import { chat, usePipeline } from "../support.ts";

const pipeline = usePipeline();
type Rows = readonly (readonly string[])[];
const tables = (r: { blocks: readonly { type: string }[] }) =>
  r.blocks.filter((b): b is { type: "table"; rows: Rows } => b.type === "table").map((b) => b.rows);

describe("plan", () => {
  it("voice-coach at 100 TWD and 40 %: break-even 319.6 min, cap 191.8 min (README, Workload templates; the seed's 323 rounds to 0.31 TWD/min)", async () => {
    const reply = await handleText(
      "plan voice-coach price=100TWD margin=40%",
      chat("cli:local"),
      await pipeline.deps(),
    );
    // 0.58665 USD per 60-minute session hour → 0.0097775 USD a minute; 100 TWD = 3.125 USD.
    // --json carries every figure as a decimal string rounded as the text shows it (issue 14 item 7).
    expect(reply.data).toMatchObject({
      costPerMinute: { USD: "0.0097775" },
      breakEvenMinutes: "319.6",
      capMinutes: "191.8",
    });
    const credits = (reply.data as { credits: { price: string; credits: string; costAtCap: string }[] })
      .credits;
    // floor(3.125 × k × 0.6 / 0.0097775) for 100, 300, 500 TWD; cost at cap 191 × 0.0097775 × 32 = 59.76 TWD.
    expect(credits.map((c) => [c.price, c.credits])).toEqual([
      ["100.00", "191"],
      ["300.00", "575"],
      ["500.00", "958"],
    ]);
    expect(credits[0]!.costAtCap).toBe("59.76");
  });

  it("refuses a template that is not priced per user minute, and a margin of 100 %", async () => {
    const deps = await pipeline.deps();
    expect((await handleText("plan bedrock-api price=5USD", chat("cli:local"), deps)).status).toBe(2);
    expect(
      (await handleText("plan voice-coach price=100TWD margin=100%", chat("cli:local"), deps)).status,
    ).toBe(2);
    expect((await handleText("plan voice-coach margin=40%", chat("cli:local"), deps)).summary).toMatch(
      /needs a price/,
    );
  });
});

describe("sweep and compare", () => {
  it("a bedrock-api sweep shows the Lambda free tier being crossed, and where", async () => {
    // devs=10, days=30: 300 × calls a month at 0.5 GB-s each; 400,000 free GB-s last to 2,666 calls a day.
    const reply = await handleText(
      "sweep bedrock-api calls=1000..4000:1000",
      chat("cli:local"),
      await pipeline.deps(),
    );
    const data = (reply.data as { points: { total: string; lines: Record<string, string> }[] }).points;
    // calls=3000: 900,000 calls (requests free); 450,000 GB-s − 400,000 free = 50,000 × 0.0000166667 = 0.83.
    // calls=4000: 1,200,000 calls; 200,000 GB-s billed = 3.33334, plus 200,000 requests × 0.20/M = 0.04.
    expect(data.map((p) => p.lines.lambda)).toEqual(["0.00", "0.00", "0.83", "3.37"]);
    const notes = reply.blocks.find((b) => b.type === "notes");
    expect(notes?.type === "notes" && notes.items[0]).toMatch(/AWS Lambda starts costing at calls=3000/);
  });

  it("a line that starts costing mid-sweep without a free tier is not blamed on one", async () => {
    const reply = await handleText(
      "sweep gpu-platform gpu_hours=0..2000:1000 preset=scale",
      chat("cli:local"),
      await pipeline.deps(),
    );
    const notes = reply.blocks.find((b) => b.type === "notes");
    expect(notes?.type === "notes" && notes.items).toEqual([
      "GPU jobs (g4dn.xlarge) starts costing at gpu_hours=1000",
    ]);
  });

  it("compare marks the cheapest model", async () => {
    const reply = await handleText(
      "compare voice-agent model=nova-pro,nova-lite",
      chat("cli:local"),
      await pipeline.deps(),
    );
    // Nova Lite: 28.8e9 × 0.06/M + 360e6 × 0.24/M = 1,728 + 86.40 = 1,814.40, so 55,038.32 − 24,192 + 1,814.40.
    expect((reply.data as { points: unknown[] }).points).toEqual([
      expect.objectContaining({ value: "nova-pro", total: "55038.32", cheapest: false }),
      expect.objectContaining({ value: "nova-lite", total: "32660.72", cheapest: true }),
    ]);
  });
});

describe("audit", () => {
  it("voice-agent shows the seed's slips line by line (README, Workload templates)", async () => {
    const reply = await handleText("audit voice-agent", chat("cli:local"), await pipeline.deps());
    const rows = tables(reply)[0]!;
    const row = (label: RegExp) => rows.find((r) => label.test(r[0]!))!;
    expect(row(/^LLM/).slice(1, 4)).toEqual(["23,155.20", "24,192.00", "+1,036.80"]);
    expect(row(/^LLM/)[4]).toMatch(/360,000,000/);
    expect(row(/Polly/).slice(1, 4)).toEqual(["21,500.00", "21,600.00", "+100.00"]);
    expect(row(/Data transfer/).slice(1, 4)).toEqual(["926.24", "926.64", "+0.40"]);
    expect(row(/Transcribe/)[4]).toMatch(/6,250/);
    expect(row(/Load Balancer/)[4]).toMatch(/unexplained/);
    expect(rows.at(-1)!.slice(0, 4)).toEqual(["Total", "53,901.05", "55,038.32", "+1,137.27"]);
    const notes = reply.blocks.find((b) => b.type === "notes");
    expect(notes?.type === "notes" && notes.items.join()).toMatch(/0\.00014.*0\.00024/);
  });

  it("bedrock-api's scaling table: S3 left out, and 100,000 GB-s billed at 1,000,000 calls", async () => {
    const reply = await handleText("audit bedrock-api", chat("cli:local"), await pipeline.deps());
    const cases = (reply.data as { cases: { seedTotal: string; total: string }[] }).cases;
    const totals = cases.map((c) => [Number(c.seedTotal), Number(c.total)]);
    // 500,000 calls: 625 + 1.75 + 1 (S3) = 627.75; 1,000,000: 1,250 + 3.50 + 1 + 1.67 = 1,256.17.
    expect(totals).toEqual([
      [38.61, 38.61],
      [126.35, 126.35],
      [626.75, 627.75],
      [1253.5, 1256.17],
    ]);
  });

  it("image-gen agrees with the calculator and corrects the image count", async () => {
    const reply = await handleText("audit image-gen", chat("cli:local"), await pipeline.deps());
    expect(tables(reply)[0]!.at(-1)!.slice(0, 4)).toEqual(["Total", "310.45", "310.45", "±0.00"]);
    const notes = reply.blocks.find((b) => b.type === "notes");
    expect(notes?.type === "notes" && notes.items[0]).toMatch(/82,285/);
  });

  it("every template has an audit", async () => {
    const deps = await pipeline.deps();
    for (const t of ["voice-agent", "gpu-platform", "bedrock-api", "voice-coach", "image-gen"]) {
      const reply = await handleText(`audit ${t}`, chat("cli:local"), deps);
      expect(reply.status, t).toBe(0);
      expect(tables(reply).length, t).toBeGreaterThan(0);
    }
  });
});
