import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderBlockKit, type SlackBlock, withNote } from "../../../src/adapters/render/block-kit.ts";
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
  it("renders an estimate as header, one table block, a bar chart code block, context and a Save button", async () => {
    const message = renderBlockKit(await handleText("voice-agent users=1000", ctx, deps));
    expect(message.text).toMatch(/^voice-agent: 55,038\.32 USD \/ month/);
    const [header] = ofType(message.blocks, "header");
    expect(header?.text.text).toBe("voice-agent: 55,038.32 USD / month");
    const [table, ...moreTables] = ofType(message.blocks, "table");
    expect(moreTables).toEqual([]);
    expect(table?.rows[0]?.map((c) => c.text)).toEqual(["Line", "Amount (USD)", "Share"]);
    expect(table?.rows.at(-1)?.map((c) => c.text)).toEqual(["Total", "55,038.32", "100.0 %"]);
    expect(table?.column_settings.map((c) => c.align)).toEqual(["left", "right", "right"]);
    const chart = ofType(message.blocks, "section").find((b) => b.text.text.includes("█"));
    expect(chart?.text.text).toMatch(/^```\nLLM \(nova-pro\) +█+/);
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
  });

  it("gives only the first table a table block and draws the others as aligned code", () => {
    const table: Block = {
      type: "table",
      columns: [
        { header: "Key", align: "left" },
        { header: "Value", align: "right" },
      ],
      rows: [["users", "1,000"]],
    };
    const message = renderBlockKit(reply([table, table]));
    expect(ofType(message.blocks, "table")).toHaveLength(1);
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
        expect(answer.kind, `${command}: ${answer.summary}`).toBe("estimate");
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
