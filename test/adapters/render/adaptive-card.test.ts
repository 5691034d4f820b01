import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  messageBytes,
  renderAdaptiveCard,
  SAVE_ACTION,
  SAVE_VERB,
  TEAMS_DOCUMENTED_LIMIT_BYTES,
  TEAMS_MESSAGE_LIMIT_BYTES,
  teamsMessage,
} from "../../../src/adapters/render/adaptive-card.ts";
import { type Context, type Deps, handleText } from "../../../src/app/pipeline.ts";
import type { Reply } from "../../../src/app/reply.ts";
import { builtInCatalog } from "../../../src/core/catalog/index.ts";
import { TEMPLATES } from "../../../src/core/templates/index.ts";
import { validValue } from "../../fixtures/params.ts";
import { cardViolations } from "../../fixtures/teams/card-schema.ts";

const catalog = builtInCatalog();
// Estimates never touch the store or the clock; a store that throws proves it.
const deps = {
  catalog,
  store: new Proxy({}, { get: () => () => Promise.reject(new Error("no store in this test")) }),
  clock: { now: () => new Date("2026-11-23T00:00:00Z") },
  log: { info: () => {}, error: () => {} },
} as unknown as Deps;
const ctx: Context = { tenant: "teams:t", user: "u", surface: "teams" };

/** Every element and action type Adaptive Cards 1.5 (or earlier) defines that we may emit. */
const V1_5_TYPES = new Set([
  "AdaptiveCard",
  "TextBlock",
  "Container",
  "ColumnSet",
  "Column",
  "Table",
  "TableRow",
  "TableCell",
  "Input.Text",
  "ActionSet",
  "Action.Execute",
  // Teams' chart elements (a Teams extension of 1.5), each with a 1.5 fallback.
  "Chart.HorizontalBar",
  "Chart.Line",
  "Chart.VerticalBar.Grouped",
]);

function typesIn(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const n of node) typesIn(n, found);
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "type" && typeof value === "string") found.add(value);
      else if (key !== "data") typesIn(value, found);
    }
  }
  return found;
}

const estimateOf = (text: string) => handleText(text, ctx, deps);

describe("renderAdaptiveCard: the Slack content as a 1.5 card", () => {
  it("renders heading, line table, share bars, notes, context and a Save form carrying the reply chain", async () => {
    const reply = await estimateOf("voice-agent");
    const thread = { channel: "19:c@thread.tacv2", thread: "1732300000001" };
    const card = renderAdaptiveCard(reply, { save: { thread } });
    expect(card.version).toBe("1.5");
    expect(card.body[0]).toMatchObject({ type: "TextBlock", size: "Large", weight: "Bolder" });
    expect(card.body[0]!.text).toBe("voice-agent: 55,038.32 USD / month");
    const tables = card.body.filter((e) => e.type === "Table");
    expect(tables).toHaveLength(1); // the lines; the shares are a chart now
    const chart = card.body.find((e) => e.type === "Chart.HorizontalBar");
    expect(JSON.stringify(chart?.fallback)).toContain("█");
    expect(card.body.find((e) => e.type === "Input.Text")).toMatchObject({ id: "name", isRequired: true });
    const actionSet = card.body.find((e) => e.type === "ActionSet") as unknown as {
      actions: { type: string; verb: string; data: unknown }[];
    };
    expect(actionSet.actions[0]).toMatchObject({ type: "Action.Execute", verb: SAVE_VERB });
    expect(actionSet.actions[0]!.data).toEqual({ thread, action: SAVE_ACTION });
    expect(cardViolations(card)).toEqual([]);
  });

  it("draws a sweep as a Chart.Line of the total and top lines, and a compare as a bar chart, each with a fallback", async () => {
    const sweep = renderAdaptiveCard(await estimateOf("sweep voice-agent users=1000..5000:1000"));
    const line = sweep.body.find((e) => e.type === "Chart.Line") as unknown as {
      data: { legend: string; values: { x: string; y: number }[] }[];
    };
    expect(line.data[0]!.legend).toBe("Total");
    expect(line.data[0]!.values.map((v) => v.x)).toEqual(["1000", "2000", "3000", "4000", "5000"]);
    // users=1000 is the seed check's 55,038.32 USD (README, Workload templates).
    expect(line.data[0]!.values[0]!.y).toBe(55038.32);
    expect(cardViolations(sweep)).toEqual([]);
    const compare = renderAdaptiveCard(await estimateOf("compare voice-agent model=nova-pro,nova-lite"));
    const bars = compare.body.find((e) => e.type === "Chart.HorizontalBar") as unknown as {
      data: { x: string; y: number }[];
    };
    expect(bars.data.map((d) => d.x)).toEqual(["nova-pro", "nova-lite"]);
    expect(bars.data[0]!.y).toBe(55038.32);
    expect(cardViolations(compare)).toEqual([]);
  });

  it("rejects what the schema rejects: the check can fail", () => {
    const card = renderAdaptiveCard({
      kind: "info",
      visibility: "channel",
      summary: "s",
      blocks: [{ type: "text", text: "t" }],
      status: 0,
    });
    expect(cardViolations({ ...card, body: [{ type: "TextBlock", text: "x", size: "Huge" }] })).not.toEqual(
      [],
    );
    expect(
      cardViolations({
        ...card,
        body: [{ type: "Chart.Line", data: [{ x: "a", y: 1 }], fallback: card.body[0] }],
      }),
    ).not.toEqual([]);
  });

  it("turns the reply's *bold* into **bold** and drops `code` backticks, which Adaptive Cards cannot show", () => {
    const reply: Reply = {
      kind: "info",
      visibility: "channel",
      summary: "s",
      blocks: [{ type: "text", text: "*Total* for `users=5000`" }],
      status: 0,
    };
    expect(renderAdaptiveCard(reply).body[0]!.text).toBe("**Total** for users=5000");
  });
});

describe("teamsMessage: Teams' message size limit", () => {
  it("holds messages to 80 KB, a fifth under the ~100 KB Microsoft documents for a bot message", () => {
    expect(TEAMS_DOCUMENTED_LIMIT_BYTES).toBe(102_400);
    expect(TEAMS_MESSAGE_LIMIT_BYTES).toBe(81_920); // 100 KB × 0.8
  });

  it("every reply kind (what-if excepted: it needs a thread) is a valid 1.5 card under the limit", async () => {
    const commands = [
      "help",
      "help voice-agent",
      "templates",
      "models",
      "sweep voice-agent users=1000..50000:1000",
      "compare voice-agent model=nova-pro,nova-lite,nova-micro",
      "plan voice-coach price=100TWD margin=40%",
      ...TEMPLATES.map((t) => `audit ${t.name}`),
      ...TEMPLATES.map(
        (t) => `sweep ${t.name} ${Object.keys(t.params).find((k) => t.params[k]!.kind === "number")}=1..3`,
      ),
      "voice-agent user=5",
    ];
    for (const command of commands) {
      const message = teamsMessage(await estimateOf(command));
      expect(messageBytes(message), command).toBeLessThanOrEqual(TEAMS_MESSAGE_LIMIT_BYTES);
      expect(cardViolations(message.attachments[0].content), command).toEqual([]);
    }
  });

  const huge = (rows: number): Reply => ({
    kind: "sweep",
    visibility: "channel",
    summary: "a very long sweep",
    blocks: [
      { type: "heading", text: "Sweep: 2,000 points" },
      { type: "table", columns: [{ header: "Line", align: "left" }], rows: [["first"], ["second"]] },
      {
        type: "table",
        columns: [
          { header: "x", align: "left" },
          { header: "total", align: "right" },
        ],
        rows: Array.from({ length: rows }, (_, i) => [`point ${i}`, `${i * 1000}.00`]),
      },
      { type: "context", text: "context line" },
    ],
    status: 0,
  });

  it("cuts the last long table first, keeps the heading and the first table, and says how many rows were left out", () => {
    const message = teamsMessage(huge(2_000));
    expect(messageBytes(message)).toBeLessThanOrEqual(TEAMS_MESSAGE_LIMIT_BYTES);
    const body = message.attachments[0].content.body;
    expect(body[0]!.text).toBe("Sweep: 2,000 points");
    expect(JSON.stringify(body[1])).toContain("second");
    expect(body.some((e) => /^… \d+ more not shown/.test(String(e.text)))).toBe(true);
    expect(body.at(-1)!.text).toBe("context line");
  });

  it("leaves a reply that fits untouched", () => {
    const message = teamsMessage(huge(10));
    expect(message.attachments[0].content).toEqual(renderAdaptiveCard(huge(10)));
  });

  it.each(TEMPLATES.map((t) => [t.name, t] as const))(
    "every %s estimate with random valid parameters and detail=full fits under the limit, is valid against the 1.5 schema and uses only version 1.5",
    async (_name, template) => {
      const pairs = fc.uniqueArray(
        fc
          .constantFrom(...Object.keys(template.params))
          .chain((key) => validValue(template.params[key]!, catalog).map((value) => [key, value] as const)),
        { selector: ([key]) => key, maxLength: Object.keys(template.params).length },
      );
      const currency = fc.constantFrom("USD", "TWD", "CNY", "EUR");
      let estimates = 0;
      await fc.assert(
        fc.asyncProperty(pairs, currency, async (assigned, cur) => {
          const text = `${template.name} ${assigned.map(([k, v]) => `${k}=${v}`).join(" ")} currency=${cur} detail=full`;
          const reply = await estimateOf(text);
          if (reply.kind === "estimate") estimates++;
          const message = teamsMessage(reply, {
            save: { thread: { channel: "19:c@thread.tacv2", thread: "1" } },
          });
          expect(messageBytes(message)).toBeLessThanOrEqual(TEAMS_MESSAGE_LIMIT_BYTES);
          expect(message.attachments[0].content.version).toBe("1.5");
          for (const type of typesIn(message.attachments[0].content)) expect(V1_5_TYPES).toContain(type);
          expect(cardViolations(message.attachments[0].content), text).toEqual([]);
        }),
        { numRuns: 60 },
      );
      // Mostly real estimates, not error replies: the property is about estimate cards.
      expect(estimates).toBeGreaterThanOrEqual(30);
    },
  );
});
