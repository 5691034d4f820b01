/** `help workload`: the format reference in brief; the whole of it is docs/workload-models.md. */
export const WORKLOAD_FORMAT_SUMMARY = [
  "A workload model is one YAML or JSON file (at most 64 KB): `workload:` (its name), `title:`, `params:` (1-40), optional `presets:` and `default_preset:`, `let:` (derived figures), `lines:` (1-30, each with `cost:` components priced at a catalog key, in `tiers:`, or as `usd:`), optional `notes:`, `revenue:` and `plan:`.",
  'Parameters: a number `{ default: 10, min: 1, max: 1000, integer: true, unit: users }`, a share `{ default: 40% }`, a model `{ model: nova-pro, needs: { images: "images > 0" } }`, a choice `{ choice: [a, b], default: a }`, a boolean `{ default: true }`, an amount `{ amount: 100TWD }`; each with a `description:`.',
  "Expressions: numbers, names, + - * /, comparisons, && || !, c ? a : b, 'strings', and min, max, ceil, floor, round(x, digits), beyond(x, 'allowance-key'), allowance('key'). Price keys: `prices` lists them; `{model}.input` / `{model}.output` are a model parameter's token prices; `{name}` inserts a choice.",
  "Sizes: every figure is checked as it is computed (a quantity below 1e21, an amount below 1e15 USD, none negative). Labels show `{name}` with thousands separators. Presets apply only when named (`preset=pilot`) or when `default_preset` names one.",
  "The full reference, with worked examples: docs/workload-models.md in the costbot repository. Start from a built-in: `workload show voice-agent`.",
].join("\n");
