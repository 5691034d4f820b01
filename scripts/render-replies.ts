/**
 * Renders one reply of every kind for Slack and Teams into docs/replies/, as the JSON each
 * platform is sent, and draws pictures of them:
 * - <kind>.slack.json: the chat.postMessage payload (text + blocks);
 * - <kind>.teams.json: the Teams activity (text, summary, the Adaptive Card);
 * - <kind>.teams.png: the card drawn by Microsoft's `adaptivecards` JS renderer in headless
 *   Chromium. That renderer does not know Teams' Chart.* elements, so it draws their
 *   `fallback` (the text bars): what a client without charts shows;
 * - estimate.slack.png, actual.slack.png: an HTML approximation of the Slack blocks (not Slack's own renderer).
 *
 * `actual` asks a loopback Cost Explorer serving a recorded answer
 * (test/fixtures/costexplorer/voice-agent-5000-2026-12-20.json) through the real SDK, on 2026-12-20.
 *
 * The store is the embedded DynamoDB (dynalite) in a temporary folder, so what-if, save and
 * list run as they do in production. `npm run docs:replies` (needs `chromium` for the PNGs).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { documentClient, startEmbeddedDynamo } from "../src/adapters/dynamodb/embedded.ts";
import { dynamoStores } from "../src/adapters/dynamodb/stores.ts";
import { createTable } from "../src/adapters/dynamodb/table.ts";
import { teamsMessage } from "../src/adapters/render/adaptive-card.ts";
import { renderBlockKit, type SlackBlock, type SlackMessage } from "../src/adapters/render/block-kit.ts";
import type { Context, Deps, ReplySink } from "../src/app/ports.ts";
import type { Reply } from "../src/app/reply.ts";
import { takeTurn } from "../src/app/turn.ts";
import { builtInCatalog } from "../src/core/catalog/index.ts";
import { startFakeCostExplorer } from "../test/fixtures/costexplorer/fake-cost-explorer.ts";

const OUT = resolve("docs/replies");
const KINDS: [kind: string, command: string][] = [
  ["estimate", "voice-agent users=1000"],
  ["what-if", "what if users=5000"],
  ["sweep", "sweep voice-agent users=1000..50000:5000"],
  ["compare", "compare voice-agent model=nova-pro,nova-lite"],
  ["plan", "plan voice-coach price=100TWD margin=40%"],
  ["audit", "audit bedrock-api"],
  ["save", "save va-prod"],
  ["track", "track va-prod tag=app:voice"],
  ["actual", "actual va-prod"],
  ["list", "list"],
  ["help", "help"],
  ["error", "voice-agent user=5"],
];

async function main() {
  const engine = await startEmbeddedDynamo();
  const db = documentClient(engine.endpoint);
  await createTable(db, "costbot-replies");
  const explorer = await startFakeCostExplorer();
  const recording = JSON.parse(
    readFileSync("test/fixtures/costexplorer/voice-agent-5000-2026-12-20.json", "utf8"),
  ) as Record<string, unknown>;
  explorer.answer("GetCostAndUsage", { json: recording.GetCostAndUsage });
  explorer.answer("GetCostForecast", { json: recording.GetCostForecast });
  const { CostExplorerClient } = await import("@aws-sdk/client-cost-explorer");
  const { AwsCostExplorer } = await import("../src/adapters/costexplorer/cost-explorer.ts");
  const costExplorer = new AwsCostExplorer(
    new CostExplorerClient({
      region: "us-east-1",
      endpoint: explorer.url,
      credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "example" },
    }),
  );
  const deps = {
    costExplorer,
    catalog: builtInCatalog(),
    store: dynamoStores(db, "costbot-replies"),
    clock: { now: () => new Date("2026-12-01T09:00:00Z") },
    log: { info() {}, error() {} },
  } as unknown as Deps;
  const thread = { channel: "C0FINOPS", thread: "1764579600.000100" };
  const ctx: Context = {
    tenant: "slack:T0ACME",
    user: "U0ADA",
    surface: "slack",
    thread,
    channel: { platform: "slack", channel: thread.channel },
  };
  mkdirSync(OUT, { recursive: true });
  try {
    for (const [kind, command] of KINDS) {
      let reply: Reply | undefined;
      const sink: ReplySink = {
        async postPublic(r) {
          reply = r;
          return { kind: "thread", ...thread };
        },
        async postPrivate(r) {
          reply = r;
        },
      };
      // The actual spend is asked three weeks into the month the scenario was saved in.
      const asked =
        kind === "actual" ? { ...deps, clock: { now: () => new Date("2026-12-20T09:00:00Z") } } : deps;
      await takeTurn({ text: command, ctx, origin: "docs" }, asked, sink);
      if (!reply) throw new Error(`${command}: no reply`);
      const slack = renderBlockKit(reply);
      const teams = teamsMessage(reply, { save: { thread } });
      writeFileSync(join(OUT, `${kind}.slack.json`), `${JSON.stringify(slack, null, 2)}\n`);
      writeFileSync(join(OUT, `${kind}.teams.json`), `${JSON.stringify(teams, null, 2)}\n`);
      screenshot(cardPage(teams.attachments[0].content), join(OUT, `${kind}.teams.png`));
      if (kind === "estimate" || kind === "actual")
        screenshot(slackPage(slack), join(OUT, `${kind}.slack.png`));
      console.log(`${kind}: ${command}`);
    }
  } finally {
    await explorer.close();
    db.destroy();
    await engine.close();
  }
}

const html = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function cardPage(card: unknown): string {
  const lib = readFileSync(resolve("node_modules/adaptivecards/dist/adaptivecards.min.js"), "utf8");
  return `<!doctype html><html><head><meta charset="utf-8"><style>
body{margin:0;background:#f5f5f5;font-family:"Segoe UI",system-ui,sans-serif}
#card{width:640px;margin:16px;background:#fff;border-radius:6px;box-shadow:0 1px 3px #0003;overflow:hidden}
</style><script>${lib}</script></head><body><div id="card"></div><script>
const card = new AdaptiveCards.AdaptiveCard();
card.parse(${JSON.stringify(card)});
document.getElementById("card").appendChild(card.render());
</script></body></html>`;
}

/** Slack's look, roughly: header, sections (mrkdwn code blocks), context, buttons, chart, table. */
function slackPage(message: SlackMessage): string {
  const mrkdwn = (t: string) =>
    html(t.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&"))
      .replace(/```\n?([\s\S]*?)\n?```/g, "<pre>$1</pre>")
      .replace(/`([^`]+)`/g, "<code>$1</code>")
      .replace(/\*([^*\n]+)\*/g, "<b>$1</b>")
      .replace(/\n/g, "<br>");
  const block = (b: SlackBlock): string => {
    switch (b.type) {
      case "header":
        return `<h2>${html(b.text.text)}</h2>`;
      case "section":
        return `<div class="section">${mrkdwn(b.text.text)}</div>`;
      case "context":
        return `<div class="context">${b.elements.map((e) => mrkdwn(e.text)).join(" ")}</div>`;
      case "actions":
        return `<div>${b.elements.map((e) => `<button>${html(e.text.text)}</button>`).join("")}</div>`;
      case "table":
        return `<table>${b.rows
          .map(
            (r, i) =>
              `<tr>${r
                .map((c, j) => {
                  const tag = i === 0 ? "th" : "td";
                  return `<${tag} style="text-align:${b.column_settings[j]?.align ?? "left"}">${html(c.text)}</${tag}>`;
                })
                .join("")}</tr>`,
          )
          .join("")}</table>`;
      case "data_visualization": {
        // Several series (actual spend: estimate beside actual) are grouped bars, one colour each.
        const all = b.chart.series;
        const colours = ["#1264a3", "#e8912d", "#2eb67d", "#e01e5a"];
        const max = Math.max(...all.flatMap((s) => s.data.map((d) => d.value)), 0) || 1;
        const legend =
          all.length > 1
            ? `<div class="legend">${all.map((s, i) => `<span><i style="background:${colours[i % 4]}"></i>${html(s.name)}</span>`).join(" ")}</div>`
            : "";
        return `<div class="chart"><div class="title">${html(b.title)}</div>${legend}${all[0]!.data
          .map(
            (d, c) =>
              `<div class="group">${all
                .map(
                  (s, i) =>
                    `<div class="row"><span class="label">${i === 0 ? html(d.label) : ""}</span><span class="bar" style="width:${(300 * s.data[c]!.value) / max}px;background:${colours[i % 4]}"></span><span>${s.data[c]!.value}</span></div>`,
                )
                .join("")}</div>`,
          )
          .join("")}<div class="axis">${html(b.chart.axis_config.y_label)}</div></div>`;
      }
    }
  };
  return `<!doctype html><html><head><meta charset="utf-8"><style>
body{margin:0;background:#fff;font:15px/1.46 Lato,"DejaVu Sans",sans-serif;color:#1d1c1d}
.msg{width:680px;margin:16px;display:flex;gap:8px}.avatar{width:36px;height:36px;border-radius:6px;background:#2eb67d}
.name{font-weight:900}.name small{font-weight:400;color:#616061;margin-left:6px}
h2{font-size:18px;margin:4px 0}pre{background:#f8f8f8;border:1px solid #ddd;border-radius:4px;padding:8px;font:12px "DejaVu Sans Mono",monospace;margin:4px 0}
code{background:#f3f3f3;border:1px solid #ddd;border-radius:3px;padding:0 3px;font:12px "DejaVu Sans Mono",monospace;color:#e01e5a}
.context{font-size:12px;color:#616061;margin:4px 0}.section{margin:4px 0}
button{border:1px solid #bbb;background:#fff;border-radius:4px;padding:4px 12px;font-weight:700;margin:4px 0}
table{border-collapse:collapse;margin:6px 0}td,th{border:1px solid #ddd;padding:3px 8px;font-size:13px}th{background:#f8f8f8}
.chart{border:1px solid #ddd;border-radius:6px;padding:8px;margin:6px 0}.title{font-weight:700;margin-bottom:4px}
.row{display:flex;align-items:center;gap:6px;font-size:12px}.label{width:150px;text-align:right}.bar{height:12px;background:#1264a3;border-radius:2px}
.axis{font-size:11px;color:#616061;text-align:center}.group{margin:3px 0}
.legend{font-size:12px;margin-bottom:4px}.legend i{display:inline-block;width:10px;height:10px;margin:0 4px 0 8px;border-radius:2px}.note{font-size:11px;color:#999;margin:16px}
</style></head><body><div class="msg"><div class="avatar"></div><div><div class="name">costbot<small>APP 9:00 AM</small></div>
${message.blocks.map(block).join("\n")}</div></div>
<div class="note">An HTML approximation of the Block Kit payload in the .slack.json beside it, not Slack's renderer.</div></body></html>`;
}

/** Chromium's headless screenshot at the page's own height (measured by a first, DOM-dumping run). */
function screenshot(html: string, png: string) {
  const dir = mkdtempSync(join(tmpdir(), "costbot-shot-"));
  try {
    const page = join(dir, "page.html");
    const measured = html.replace(
      "</body>",
      "<script>document.body.dataset.height = document.documentElement.scrollHeight</script></body>",
    );
    writeFileSync(page, measured);
    const flags = [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--hide-scrollbars",
      `--user-data-dir=${join(dir, "profile")}`,
    ];
    const dom = execFileSync(
      "chromium",
      [...flags, "--window-size=720,800", "--dump-dom", `file://${page}`],
      {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
        timeout: 60_000,
      },
    );
    const height = Number(/data-height="(\d+)"/.exec(dom)?.[1] ?? 1200);
    execFileSync(
      "chromium",
      [...flags, `--window-size=720,${height}`, `--screenshot=${png}`, `file://${page}`],
      {
        stdio: "ignore",
        timeout: 60_000,
      },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
