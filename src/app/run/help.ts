import { CURRENCIES } from "../../core/money.ts";
import type { Reply } from "../reply.ts";

/**
 * `help` without a topic: fixed text and the built-ins' names, so the CLI can print it without
 * loading the pipeline (src/cli-help.ts; README, "Performance"). `help <topic>` is in info.ts.
 */
export const COMMAND_HELP: Readonly<Record<string, string>> = {
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
    "`prices [filter]`: every catalog key (what a workload's `price:` names) and free allowance with value, unit, date and source; `prices refresh [region=…]` (CLI) reads live AWS prices and the ECB's rates; `prices set <key>=<amount>`, `prices unset <key>`, `prices book`: your team's own prices.",
  workload:
    "`workload add <file>` (in chat: the model in a code block after it; Slack: `/cost workload add` opens a form), `workload check <file>`, `workload show <name>`, `workload list`, `workload delete <name>`: your own workload models.",
  track:
    "`track <scenario> tag=<key>:<value>` and/or `account=<12 digits>`: link a saved scenario to its AWS bill (a cost-allocation tag, a linked account); `untrack <scenario>` unlinks it.",
  actual:
    "`actual <scenario> [month=YYYY-MM]`: its estimate beside Cost Explorer's actual spend, line by line, projected to month-end; weekly in its thread once tracked.",
  settings:
    "`settings [drift=10%] [variance=20%] [discount=aws:6%]`: this workspace's settings; `drift` is how far a price refresh must move a saved scenario before its thread hears (default 5 %), `variance` how far over its estimate a tracked line is named first in the weekly actual (default 20 %), `discount` a blanket discount on AWS-billed prices.",
  help: "`help [template|command]`.",
};

export function helpReply(templateNames: readonly string[]): Reply {
  return {
    kind: "help",
    visibility: "private",
    summary: "costbot: what will this AI workload cost?",
    blocks: [
      { type: "heading", text: "costbot: what will this AI workload cost?" },
      {
        type: "text",
        text: [
          "`<template> [key=value …]`: a monthly estimate, e.g. `voice-agent users=1000 model=nova-pro`",
          ...Object.values(COMMAND_HELP),
          `Values: 1000, 1.5M, 40%, 100TWD, true, nova-pro. Flags: \`currency=${CURRENCIES.join("|")}\`, \`detail=full\`, \`region=<aws region>\` (CLI: \`--json\`).`,
        ].join("\n"),
      },
      { type: "context", text: `Templates: ${templateNames.join(", ")}` },
    ],
    data: {
      commands: Object.fromEntries(Object.entries(COMMAND_HELP).map(([k, v]) => [k, v.replaceAll("`", "")])),
      templates: [...templateNames],
    },
    status: 0,
  };
}
