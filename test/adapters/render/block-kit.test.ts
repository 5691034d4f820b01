import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  renderBlockKit,
  type SlackBlock,
  withNote,
  withoutCharts,
} from "../../../src/adapters/render/block-kit.ts";
import { type Deps, handleText } from "../../../src/app/pipeline.ts";
import type { Block, Reply } from "../../../src/app/reply.ts";
import { builtInCatalog } from "../../../src/core/catalog/index.ts";
import { CURRENCIES } from "../../../src/core/money.ts";
import { TEMPLATES } from "../../../src/core/templates/index.ts";
import { validValue } from "../../fixtures/params.ts";
import { blockKitViolations } from "../../fixtures/slack/limits.ts";

const catalog = builtInCatalog();
const noStore = new Proxy({} as Deps["store"], {
  get: () => () => Promise.reject(new Error("an estimate must not touch the store")),
});
const deps: Deps = {
  catalog,
  store: noStore,
  clock: { now: () => new Date(0) },
  log: { info() {}, error() {} },
};
const ctx = { tenant: "slack:T1", user: "U1", surface: "slack" as const };

const reply = (blocks: Block[], extra: Partial<Reply> = {}): Reply => ({
  kind: "info",
  visibility: "channel",
  summary: "summary",
  blocks,
  status: 0,
  ...extra,
});
const ofType = <T extends SlackBlock["type"]>(blocks: SlackBlock[], type: T) =>
  blocks.filter((b): b is Extract<SlackBlock, { type: T }> => b.type === type);
const sectionText = (b: SlackBlock) => (b.type === "section" ? b.text.text : "");

const estimateCommand = fc.constantFrom(...TEMPLATES).chain((t) =>
  fc
    .tuple(
      fc.record(
        Object.fromEntries(Object.entries(t.params).map(([k, spec]) => [k, validValue(spec, catalog)])),
        {
          requiredKeys: [],
        },
      ),
      fc.constantFrom(...CURRENCIES),
    )
    .map(([params, currency]) =>
      [
        t.name,
        ...Object.entries(params).map(([k, v]) => `${k}=${v}`),
        `currency=${currency}`,
        "detail=full",
      ].join(" "),
    ),
);

describe("renderBlockKit", () => {
  it("renders an estimate top to bottom as Slack shows it: header, chart, notes, Save, hint, then the table Slack puts last", async () => {
    const message = renderBlockKit(await handleText("voice-agent users=1000", ctx, deps));
    expect(message.text).toMatch(/^voice-agent: 55,038\.32 USD \/ month/);
    const types = message.blocks.map((b) => b.type);
    expect(types[0]).toBe("header");
    expect(types.at(-1)).toBe("table");
    expect(types.indexOf("data_visualization")).toBeLessThan(types.indexOf("actions"));
    const [header] = ofType(message.blocks, "header");
    expect(header?.text.text).toBe("voice-agent: 55,038.32 USD / month");
    const [table, ...moreTables] = ofType(message.blocks, "table");
    expect(moreTables).toEqual([]);
    expect(table?.rows[0]?.map((c) => c.text)).toEqual(["Line", "Amount (USD)", "Share"]);
    expect(table?.rows.at(-1)?.map((c) => c.text)).toEqual(["Total", "55,038.32", "100.0 %"]);
    expect(table?.column_settings.map((c) => c.align)).toEqual(["left", "right", "right"]);
    // The chart replaces the block-character bars and draws the shares the table shows.
    expect(ofType(message.blocks, "section").some((b) => b.text.text.includes("█"))).toBe(false);
    const [chart, ...moreCharts] = ofType(message.blocks, "data_visualization");
    expect(moreCharts).toEqual([]);
    expect(chart?.chart.type).toBe("bar");
    // Every line that costs something, biggest first, at the share the table prints.
    const shown = (table?.rows.slice(1, -1) ?? [])
      .filter((r) => r[1]!.text !== "0.00")
      .map((r) => Number(r[2]!.text.replace(" %", "")))
      .sort((a, b) => b - a);
    expect(chart?.chart.series).toHaveLength(1);
    expect(chart?.chart.series[0]?.data.map((d) => d.value)).toEqual(shown);
    expect(chart?.chart.axis_config.categories[0]).toBe("LLM (nova-pro)");
    const [actions] = ofType(message.blocks, "actions");
    expect(actions?.elements[0]).toMatchObject({
      action_id: "save_scenario",
      text: { text: "Save scenario" },
    });
    expect(JSON.parse(actions?.elements[0]?.value ?? "{}")).toEqual({
      template: "voice-agent",
      written: { users: "1000" },
      currency: "USD",
    });
    expect(ofType(message.blocks, "context").some((b) => b.elements[0]?.text.includes("what if"))).toBe(true);
    expect(blockKitViolations(message)).toEqual([]);
  });

  it("draws the text bars instead of the chart when asked (the invalid_blocks retry), table unchanged", async () => {
    const message = renderBlockKit(await handleText("voice-agent users=1000", ctx, deps));
    const plainer = withoutCharts(message);
    expect(plainer?.text).toBe(message.text);
    expect(ofType(plainer?.blocks ?? [], "data_visualization")).toEqual([]);
    const bars = ofType(plainer?.blocks ?? [], "section").find((b) => b.text.text.includes("█"));
    expect(bars?.text.text).toMatch(/^```\nLLM \(nova-pro\) +█+/);
    expect(plainer?.blocks.at(-1)).toEqual(message.blocks.at(-1));
    expect(withoutCharts(plainer!)).toBeUndefined();
  });

  it("charts a 50-point sweep as a line of every 3rd point, total first, and says so", async () => {
    const message = renderBlockKit(await handleText("sweep voice-agent users=1000..50000:1000", ctx, deps));
    expect(blockKitViolations(message)).toEqual([]);
    const [chart] = ofType(message.blocks, "data_visualization");
    expect(chart?.chart.type).toBe("line");
    // 50 points over Slack's 20 categories: every ceil(50/20) = 3rd, i.e. points 1, 4, …, 49 → 17 of them.
    const categories = chart?.chart.axis_config.categories ?? [];
    expect(categories).toHaveLength(17);
    expect(categories.slice(0, 3)).toEqual(["1000", "4000", "7000"]);
    expect(categories.at(-1)).toBe("49000");
    expect(chart?.chart.series[0]?.name).toBe("Total");
    const note = message.blocks[message.blocks.indexOf(chart!) + 1];
    expect(note?.type === "context" && note.elements[0]?.text).toBe(
      "The chart shows every 3rd of the 50 points; the table has them all.",
    );
  });

  it("draws at most two charts a message, the rest as text bars", () => {
    const bars: Block = {
      type: "bars",
      items: [{ label: "a", share: 1, value: "1" }],
      chart: {
        kind: "bar",
        title: "t".repeat(80),
        xLabel: "an x label well over twenty",
        yLabel: "y",
        categories: ["a very long category name one", "a very long category name two"],
        series: [{ name: "s", values: [1, 2] }],
      },
    };
    const message = renderBlockKit(reply([bars, bars, bars]));
    expect(blockKitViolations(message)).toEqual([]);
    const charts = ofType(message.blocks, "data_visualization");
    expect(charts).toHaveLength(2);
    // Clipped to 20 and kept distinct: the clip alone would make both the same.
    expect(charts[0]?.chart.axis_config.categories).toEqual(["a very long categor…", "a very long categ…~2"]);
    expect(message.blocks[2]?.type).toBe("section");
  });

  it("keeps tables as code in private replies and in response_url notes, where Slack documents no table block", async () => {
    const table: Block = {
      type: "table",
      columns: [{ header: "Key", align: "left" }],
      rows: [["users"]],
    };
    expect(ofType(renderBlockKit(reply([table], { visibility: "private" })).blocks, "table")).toEqual([]);
    const estimate = renderBlockKit(await handleText("voice-agent users=1000", ctx, deps));
    const noted = withNote(estimate, "invite the bot");
    expect(
      noted.blocks.map((b) => b.type).filter((t) => t === "table" || t === "data_visualization"),
    ).toEqual([]);
    expect(noted.blocks.at(-1)).toMatchObject({ type: "context", elements: [{ text: "invite the bot" }] });
  });

  it("gives a reply with several tables aligned code in their places, no table block", () => {
    const table: Block = {
      type: "table",
      columns: [
        { header: "Key", align: "left" },
        { header: "Value", align: "right" },
      ],
      rows: [["users", "1,000"]],
    };
    const message = renderBlockKit(reply([table, table]));
    expect(ofType(message.blocks, "table")).toHaveLength(0);
    expect(sectionText(message.blocks[1]!)).toBe("```\nKey    Value\n─────  ─────\nusers  1,000\n```");
  });

  it("escapes <, > and & so user text can never become a mention or a link", () => {
    const message = renderBlockKit(reply([{ type: "text", text: "unknown model `<!channel>` & <@U1>" }]));
    expect(sectionText(message.blocks[0]!)).toBe("unknown model `&lt;!channel&gt;` &amp; &lt;@U1&gt;");
  });

  it("shortens an over-long header, section and code block with a visible mark instead of failing", () => {
    const rows = Array.from({ length: 400 }, (_, i) => [`line ${i}`, "x".repeat(30)]);
    const message = renderBlockKit(
      reply([
        { type: "heading", text: "h".repeat(400) },
        { type: "text", text: "t".repeat(5000) },
        { type: "table", columns: [{ header: "a", align: "left" }], rows: [["first"]] },
        {
          type: "table",
          columns: [
            { header: "Line", align: "left" },
            { header: "Note", align: "left" },
          ],
          rows,
        },
      ]),
    );
    expect(blockKitViolations(message)).toEqual([]);
    expect(sectionText(message.blocks[1]!).endsWith("…")).toBe(true);
    expect(sectionText(message.blocks[3]!)).toMatch(/… \d+ more lines\n```$/);
  });

  it("keeps at most 50 blocks, the Save button and a note of what was left out", () => {
    const many: Block[] = Array.from({ length: 80 }, (_, i) => ({ type: "text", text: `part ${i}` }));
    const message = renderBlockKit(
      reply([...many, { type: "actions", actions: [{ id: "save", label: "Save scenario" }] }]),
    );
    expect(message.blocks).toHaveLength(50);
    expect(message.blocks.at(-1)?.type).toBe("actions");
    const note = message.blocks.at(-2);
    expect(note?.type === "context" && note.elements[0]?.text).toMatch(/32 more parts left out/);
  });

  it("moves a main table past the table block's limits into a code block", () => {
    const wide: Block = {
      type: "table",
      columns: Array.from({ length: 21 }, (_, i) => ({ header: `c${i}`, align: "right" as const })),
      rows: [Array.from({ length: 21 }, () => "1")],
    };
    const message = renderBlockKit(reply([wide]));
    expect(ofType(message.blocks, "table")).toEqual([]);
    expect(blockKitViolations(message)).toEqual([]);
  });

  it("adds a note to a full message without going over 50 blocks", () => {
    const full = renderBlockKit(
      reply(Array.from({ length: 50 }, (_, i) => ({ type: "text", text: `p${i}` }))),
    );
    const noted = withNote(full, "invite the bot");
    expect(noted.blocks).toHaveLength(50);
    expect(noted.blocks.at(-1)).toMatchObject({ type: "context", elements: [{ text: "invite the bot" }] });
  });

  it("renders every template's estimate, with random valid parameters and detail=full, inside Block Kit's limits", async () => {
    await fc.assert(
      fc.asyncProperty(estimateCommand, async (command) => {
        const answer = await handleText(command, ctx, deps);
        // Some valid values multiply past what costbot prices (docs/workload-models.md, "Sizes"):
        // that is the one refusal allowed, and it must render inside the limits too.
        if (answer.kind === "error")
          expect(answer.summary, command).toMatch(/is beyond what costbot (prices|computes)/);
        else expect(answer.kind, `${command}: ${answer.summary}`).toBe("estimate");
        expect(blockKitViolations(renderBlockKit(answer)), command).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("renders every other kind of reply inside the limits too", async () => {
    const commands = [
      "help",
      "help voice-agent",
      "templates",
      "models",
      "sweep voice-agent users=1000..50000:1000",
      "compare voice-agent model=nova-pro,nova-lite,nova-micro",
      "plan voice-coach price=100TWD margin=40%",
      ...TEMPLATES.map((t) => `audit ${t.name}`),
      "voice-agent user=5",
    ];
    for (const command of commands) {
      expect(blockKitViolations(renderBlockKit(await handleText(command, ctx, deps))), command).toEqual([]);
    }
  });
});
