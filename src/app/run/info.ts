import { z } from "zod";
import type { ModelEntry, PriceEntry } from "../../core/catalog/index.ts";
import { UserError } from "../../core/errors.ts";
import { estimate, paramText, resolveParams } from "../../core/estimate.ts";
import { CURRENCIES, Decimal } from "../../core/money.ts";
import { didYouMean } from "../../core/names.ts";
import { templateSchema } from "../../core/params.ts";
import type { Template } from "../../core/template.ts";
import { TEMPLATES } from "../../core/templates/index.ts";
import { WORKLOAD_FORMAT_SUMMARY } from "../../core/workload/summary.ts";
import { COMMAND_WORDS } from "../commands.ts";
import { money } from "../format.ts";
import type { Context, Deps } from "../ports.ts";
import type { Block, Reply } from "../reply.ts";

const info = (kind: Reply["kind"], summary: string, blocks: Block[], data?: unknown): Reply => ({
  kind,
  visibility: "private",
  summary,
  blocks,
  ...(data === undefined ? {} : { data }),
  status: 0,
});

export function runTemplates(deps: Deps, surface: Context["surface"] = "slack"): Reply {
  const defaults = TEMPLATES.map((t) => ({
    t,
    e: estimate(t, resolveParams(t, {}, deps.catalog), deps.catalog),
  }));
  const rows = defaults.map(({ t, e }) => [t.name, t.description, money(e.total), t.seed]);
  return info(
    "info",
    `${TEMPLATES.length} templates: ${TEMPLATES.map((t) => t.name).join(", ")}`,
    [
      { type: "heading", text: "Workload templates" },
      {
        type: "table",
        columns: [
          { header: "Template", align: "left" },
          { header: "What it prices", align: "left" },
          { header: "Defaults (USD/mo)", align: "right" },
          { header: "Seed", align: "left" },
        ],
        rows,
      },
      {
        type: "context",
        text:
          surface === "cli"
            ? "`costbot help <template>` lists a template's keys; `costbot <template> key=value …` estimates; `costbot workload list` shows your own workloads."
            : "`help <template>` lists a template's keys; `/cost <template> key=value …` estimates; `workload list` shows your team's own workloads.",
      },
    ],
    {
      kind: "templates",
      currency: "USD",
      templates: defaults.map(({ t, e }) => ({
        name: t.name,
        title: t.title,
        description: t.description,
        seed: t.seed,
        defaultTotal: e.total,
      })),
    },
  );
}

/** At most this many rows in a chat table; `models <filter>` narrows the rest. */
export const MODEL_ROWS = 50;

/** What `models <filter>` searches: ids, names, aliases, who hosts and who makes it, what it takes. */
function haystack(m: ModelEntry): string {
  const host = m.provider === "aws" ? "bedrock aws" : m.provider;
  return [m.id, m.name, host, m.vendor ?? "", ...m.aliases, m.kind ?? "chat", ...(m.takes ?? [])]
    .join(" ")
    .toLowerCase();
}

/** "2026-03-13 (genai-prices 0.1.8)" or "undated (seed 002)": a price's date and where it comes from. */
export function priceDate(p: PriceEntry | undefined): string {
  if (!p) return "?";
  const seed = /seed (\d{3})_\w+\.txt/.exec(p.source)?.[1];
  const origin = seed
    ? `seed ${seed}`
    : p.source
        .split(";")[0]!
        .replace(/\s*\(.*$/, "")
        .replace("@pydantic/", "");
  return p.undated ? `undated (${origin})` : `${p.asOf} (${origin})`;
}

export async function runModels(filter: string | undefined, deps: Deps): Promise<Reply> {
  await deps.catalog.loadAllModels();
  const all = [...deps.catalog.models()].sort(
    (a, b) => (a.rank ?? 0) - (b.rank ?? 0) || a.id.localeCompare(b.id),
  );
  const words =
    filter
      ?.toLowerCase()
      .split(/[\s+]+/)
      .filter(Boolean) ?? [];
  const models = all.filter((m) => words.every((w) => haystack(m).includes(w)));
  if (!models.length)
    throw new UserError(
      `no model matches \`${filter}\`${didYouMean(
        filter ?? "",
        all.map((m) => m.id),
      )}`,
    );
  const perM = (key: string) => {
    const p = deps.catalog.price(key);
    return p ? new Decimal(p.value).div(p.per).times(1_000_000).toString() : "–";
  };
  const takes = (m: ModelEntry) => (m.kind === "embedding" ? "embedding" : (m.takes ?? ["text"]).join("+"));
  const shown = models.slice(0, MODEL_ROWS);
  const rows = shown.map((m) => [
    m.id,
    perM(m.inputKey),
    m.kind === "embedding" ? "–" : perM(m.outputKey),
    takes(m),
    m.released ?? "–",
    priceDate(deps.catalog.price(m.inputKey)),
  ]);
  const more = models.length - shown.length;
  const notes = shown.filter((m) => m.note).map((m) => `${m.id}: ${m.note}`);
  return info(
    "info",
    `${models.length} model${models.length === 1 ? "" : "s"}${filter ? ` matching ${filter}` : ""}`,
    [
      { type: "heading", text: `Models${filter ? ` matching \`${filter}\`` : ""} (USD per 1M tokens)` },
      {
        type: "table",
        columns: [
          { header: "Model", align: "left" },
          { header: "Input", align: "right" },
          { header: "Output", align: "right" },
          { header: "Takes", align: "left" },
          { header: "Released", align: "left", narrow: "drop" },
          { header: "Price as of (source)", align: "left", narrow: "drop" },
        ],
        rows,
      },
      ...(notes.length ? [{ type: "notes" as const, items: notes }] : []),
      {
        type: "context",
        text: [
          more > 0
            ? `${shown.length} of ${models.length} shown; narrow it: \`models claude\`, \`models bedrock\`, \`models gpt-5\`.`
            : "",
          "A bare name means the model on Bedrock in-region where Bedrock sells it; `anthropic/…`, `openai/…`, `google/…`, `mistral/…`, `bedrock-global/…` name a host.",
        ]
          .filter(Boolean)
          .join(" "),
      },
    ],
    {
      kind: "models",
      currency: "USD",
      per: "1M tokens",
      models: models.map((m) => ({
        id: m.id,
        name: m.name,
        provider: m.provider,
        ...(m.vendor ? { vendor: m.vendor } : {}),
        aliases: m.aliases,
        inputPerMTok: perM(m.inputKey),
        outputPerMTok: perM(m.outputKey),
        kind: m.kind ?? "chat",
        takes: m.takes ?? ["text"],
        ...(m.released ? { released: m.released } : {}),
        priceAsOf: deps.catalog.price(m.inputKey)?.asOf,
        source: deps.catalog.price(m.inputKey)?.source,
      })),
    },
  );
}

const fmt = (n: unknown) =>
  typeof n === "number" ? n.toLocaleString("en-US", { maximumFractionDigits: 6 }) : String(n ?? "");

interface JsonSchemaProperty {
  readonly type?: string;
  readonly default?: unknown;
  readonly description?: string;
  readonly unit?: string;
  readonly enum?: readonly string[];
  readonly minimum?: number;
  readonly exclusiveMinimum?: number;
  readonly maximum?: number;
}

/** One help row per key, read off the template's zod schema as JSON Schema. */
function helpRow(key: string, p: JsonSchemaProperty): string[] {
  const unit = p.unit && p.type !== "object" ? ` ${p.unit}` : "";
  const low = p.exclusiveMinimum !== undefined ? `>${fmt(p.exclusiveMinimum)}` : fmt(p.minimum);
  const range = p.enum
    ? p.enum.join(" | ")
    : p.type === "boolean"
      ? "true | false"
      : p.maximum !== undefined
        ? `${low} … ${fmt(p.maximum)}`
        : (p.unit ?? "");
  const def = p.type === "number" || p.type === "integer" ? `${fmt(p.default)}${unit}` : fmt(p.default);
  return [key, def, range, p.description ?? ""];
}

const COMMAND_HELP: Readonly<Record<string, string>> = {
  what: "`what if key=value …`: in the thread of an estimate, re-run it with changes and show the delta per line.",
  sweep: "`sweep <template> key=a..b[:step]` or `key=a,b,c`: one row per value (at most 50), with a chart.",
  compare:
    "`compare <template> key=a,b[,c]`: side by side, the cheapest marked. e.g. `compare voice-agent model=nova-pro,nova-lite`",
  plan: "`plan <template> price=100TWD [margin=40%] [prices=100TWD,300TWD]`: break-even minutes, the cap that keeps the margin, credit plans.",
  audit: "`audit <template>`: the seed document's published figures next to ours, each difference explained.",
  save: "`save <name>` in an estimate's thread (or `save <name> <template> key=value …`) keeps the scenario.",
  list: "`list [page=N]`: saved scenarios, newest first, 20 a page.  `show <name>`, `delete <name>`, `diff <a> <b>`.",
  show: "`show <name>`: a saved scenario, re-priced against today's catalog.",
  delete: "`delete <name>`: forget a saved scenario; one someone else saved asks you to confirm first.",
  diff: "`diff <a> <b>`: two saved scenarios line by line.",
  budget:
    "`budget create <name> amount=500USD | from=<scenario> [thresholds=50,75,100] [forecast=100]`, `budget list|show|delete`.",
  templates: "`templates`: the workload templates.",
  models:
    "`models [filter]`: every model with its prices, what it takes, release and price dates (`models claude`, `models bedrock`).",
  prices:
    "`prices [filter]`: every catalog key (what a workload's `price:` names) with value, unit, date and source; `prices refresh` (CLI) reads live AWS prices and the ECB's rates.",
  workload:
    "`workload add <file>` (in chat: the model in a code block after it; Slack: `/cost workload add` opens a form), `workload check <file>`, `workload show <name>`, `workload list`, `workload delete <name>`: your own workload models.",
  track:
    "`track <scenario> tag=<key>:<value>` and/or `account=<12 digits>`: link a saved scenario to its AWS bill (a cost-allocation tag, a linked account); `untrack <scenario>` unlinks it.",
  actual:
    "`actual <scenario> [month=YYYY-MM]`: its estimate beside Cost Explorer's actual spend, line by line, projected to month-end; weekly in its thread once tracked.",
  settings:
    "`settings [drift=10%] [variance=20%]`: this workspace's settings; `drift` is how far a price refresh must move a saved scenario before its thread hears (default 5 %), `variance` how far over its estimate a tracked line is named first in the weekly actual (default 20 %).",
  help: "`help [template|command]`.",
};

/**
 * Each preset with its values, and which one applies without `preset=` (docs/workload-models.md,
 * "Presets"): none, unless the model names a `default_preset`.
 */
function presetsText(template: Template): string {
  const presets = Object.entries(template.presets ?? {}).map(([name, values]) => {
    const shown = Object.entries(values).map(([k, v]) => {
      const spec = template.params[k];
      // A share as it is written: handoff=20%, not 0.2.
      const text =
        spec?.kind === "number" && spec.fraction ? `${new Decimal(v as number).times(100)}%` : paramText(v);
      return `${k}=${text}`;
    });
    return `${name}${name === template.defaultPreset ? " (default)" : ""}: ${shown.join(", ") || "the parameters' own defaults"}`;
  });
  const fallback = template.presets?.[template.defaultPreset ?? ""]
    ? ""
    : " Without `preset=`, the parameters' own defaults apply.";
  return `Presets (preset=…; any key overrides its preset): ${presets.join("; ")}.${fallback}`;
}

/**
 * `help [topic]`. `template` is what the topic names, looked up before the runner (a built-in
 * or the tenant's own); `known` the template names a mistyped topic is compared with.
 */
export function runHelp(
  topic: string | undefined,
  template?: Template,
  known: readonly string[] = TEMPLATES.map((t) => t.name),
): Reply {
  if (!topic) {
    return info(
      "help",
      "costbot: what will this AI workload cost?",
      [
        { type: "heading", text: "costbot: what will this AI workload cost?" },
        {
          type: "text",
          text: [
            "`<template> [key=value …]`: a monthly estimate, e.g. `voice-agent users=1000 model=nova-pro`",
            ...Object.values(COMMAND_HELP),
            `Values: 1000, 1.5M, 40%, 100TWD, true, nova-pro. Flags: \`currency=${CURRENCIES.join("|")}\`, \`detail=full\` (CLI: \`--json\`).`,
          ].join("\n"),
        },
        { type: "context", text: `Templates: ${TEMPLATES.map((t) => t.name).join(", ")}` },
      ],
      {
        commands: Object.fromEntries(
          Object.entries(COMMAND_HELP).map(([k, v]) => [k, v.replaceAll("`", "")]),
        ),
        templates: TEMPLATES.map((t) => t.name),
      },
    );
  }
  if (template) {
    const schema = z.toJSONSchema(templateSchema(template.params), { io: "input" }) as {
      properties: Record<string, JsonSchemaProperty>;
    };
    const rows = Object.entries(schema.properties).map(([key, p]) => helpRow(key, p));
    return info(
      "help",
      `${template.name}: ${template.description}`,
      [
        { type: "heading", text: `${template.name}: ${template.title}` },
        {
          type: "text",
          // A team's own model names no seed document (its seed reads "workload model <name>").
          text: template.seed.startsWith("workload model")
            ? `${template.description || template.title}. A workload model of this team.`
            : `${template.description}. Source: seed ${template.seed}.`,
        },
        {
          type: "table",
          columns: [
            { header: "Key", align: "left" },
            { header: "Default", align: "left" },
            { header: "Range", align: "left" },
            { header: "Meaning", align: "left" },
          ],
          rows,
        },
        ...(template.presets ? [{ type: "context" as const, text: presetsText(template) }] : []),
      ],
      schema,
    );
  }
  const key = topic.toLowerCase();
  const text = COMMAND_HELP[key];
  if (key === "workload") {
    const summary = [text!, WORKLOAD_FORMAT_SUMMARY].join("\n\n");
    return info("help", summary, [{ type: "text", text: summary }]);
  }
  if (text) return info("help", text, [{ type: "text", text }]);
  throw new UserError(
    `no help on \`${topic}\`${didYouMean(topic, [...known, ...COMMAND_WORDS])}`,
    "`help` lists everything",
  );
}
