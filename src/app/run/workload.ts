import { UserError } from "../../core/errors.ts";
import { type Estimate, estimate, resolveParams } from "../../core/estimate.ts";
import type { CurrencyCode } from "../../core/money.ts";
import { builtInSource, findTemplate, TEMPLATES } from "../../core/templates/index.ts";
import type { Command } from "../commands.ts";
import {
  ConflictError,
  type Context,
  type Deps,
  LimitReached,
  MAX_WORKLOADS,
  type StoredWorkload,
} from "../ports.ts";
import { estimateBlocks, estimateSummary } from "../present.ts";
import { errorReply, type Reply, textReply } from "../reply.ts";
import { workloadParser } from "../workloads.ts";

type WorkloadCommand = Extract<Command, { kind: "workload" }>;

/** The model text that came with the command: a file the CLI read, or a chat message's code block. */
export interface Attachment {
  readonly model?: string;
}

const NO_MODEL: Record<Context["surface"], string> = {
  cli: "workload add needs a file: `costbot workload add mine.yml`",
  slack:
    "workload add needs the model: mention @costbot with `workload add` and the model in a code block (three backticks) in the same message, or use `/cost workload add` for a form",
  teams:
    "workload add needs the model: `@costbot workload add` with the model in a code block (three backticks) in the same message",
};

export async function runWorkload(
  command: WorkloadCommand,
  attachment: Attachment,
  ctx: Context,
  deps: Deps,
): Promise<Reply> {
  switch (command.action) {
    case "add":
    case "check":
      return addOrCheck(command, attachment.model, ctx, deps);
    case "show":
      return show(command.name!, ctx, deps);
    case "list":
      return list(ctx, deps);
    case "delete":
      return remove(command.name!, ctx, deps);
  }
}

/** Validates the model whole: every problem (at most 20) with its place, or the compiled model. */
async function compile(text: string | undefined, command: WorkloadCommand, ctx: Context, deps: Deps) {
  if (text === undefined || !text.trim())
    throw new UserError(NO_MODEL[ctx.surface].replace("add", command.action));
  // A model default resolves as `model=` does at run time: against every model of the catalog.
  await deps.catalog.loadAllModels();
  const { formatProblem, parseWorkload, problemsJson } = await workloadParser();
  const parsed = parseWorkload(text, { catalog: deps.catalog });
  if (parsed.ok) return parsed;
  const n = parsed.problems.length;
  const reply = errorReply(
    [
      `the workload model has ${n === 1 ? "a problem" : `${n} problems`}; nothing was ${command.action === "add" ? "stored" : "changed"}:`,
      ...parsed.problems.map((p) => `• ${formatProblem(p)}`),
    ].join("\n"),
  );
  return { ...reply, data: { problems: problemsJson(parsed.problems) } };
}

function atDefaults(
  template: Parameters<typeof resolveParams>[0],
  deps: Deps,
  currency: CurrencyCode,
): Estimate {
  return estimate(template, resolveParams(template, {}, deps.catalog), deps.catalog, currency);
}

async function addOrCheck(
  command: WorkloadCommand,
  text: string | undefined,
  ctx: Context,
  deps: Deps,
): Promise<Reply> {
  const compiled = await compile(text, command, ctx, deps);
  if (!("ok" in compiled)) return compiled;
  const { model, template } = compiled;
  const name = model.workload;
  const { heading } =
    command.action === "check"
      ? { heading: `\`${name}\` is a valid workload model (checked, not stored)` }
      : await store(name, model.title, text!, ctx, deps);
  const e = atDefaults(template, deps, command.options.currency ?? "USD");
  const usage = `Try \`${name} key=value …\`; \`help ${name}\` lists its keys.`;
  return {
    kind: "info",
    visibility: "channel",
    summary: `${heading.replaceAll("`", "")}: ${estimateSummary(e)}`,
    blocks: [
      { type: "text", text: `${heading}. At its defaults:` },
      ...estimateBlocks(e, template, command.options.detail ?? false),
      { type: "context", text: command.action === "add" ? usage : "`workload add` stores it." },
    ],
    estimate: e,
    status: 0,
  };
}

/** Stores the model as a new version; the same text again keeps its version (README "Your own workload"). */
async function store(
  name: string,
  title: string,
  source: string,
  ctx: Context,
  deps: Deps,
): Promise<{ heading: string; version: number }> {
  const existing = await deps.store.getWorkload(ctx.tenant, name);
  // The same model again: no new version, so scenarios saved with it do not read "changed".
  if (existing?.source === source)
    return {
      heading: `Workload \`${name}\` is unchanged (version ${existing.version})`,
      version: existing.version,
    };
  let stored: StoredWorkload;
  try {
    stored = await deps.store.putWorkload(
      {
        tenant: ctx.tenant,
        name,
        title,
        source,
        updatedBy: ctx.user,
        updatedAt: deps.clock.now().toISOString(),
      },
      existing?.version ?? 0,
      // Held by the store's conditional counter: exact however many adds race.
      MAX_WORKLOADS,
    );
  } catch (error) {
    if (error instanceof LimitReached)
      throw new UserError(
        `this workspace has ${MAX_WORKLOADS} workloads, the most it can keep (${MAX_WORKLOADS}); \`${name}\` was not added`,
        "`workload delete <name>` one you no longer need, then add it again",
      );
    if (error instanceof ConflictError)
      throw new UserError(
        `\`${name}\` was changed by someone else at the same moment; nothing was stored`,
        "add it again",
      );
    throw error;
  }
  return {
    heading: existing
      ? `Replaced workload \`${name}\` (version ${existing.version} → ${stored.version})`
      : `Added workload \`${name}\` (version ${stored.version})`,
    version: stored.version,
  };
}

async function show(name: string, ctx: Context, deps: Deps): Promise<Reply> {
  const builtIn = findTemplate(name) ? await builtInSource(name) : undefined;
  const source = builtIn ?? (await deps.store.getWorkload(ctx.tenant, name))?.source;
  if (source === undefined) throw await unknownWorkload(name, ctx, deps);
  return {
    kind: "info",
    visibility: "private",
    summary: `workload ${name.toLowerCase()}`,
    blocks: [{ type: "code", text: source }],
    data: { workload: name.toLowerCase(), source },
    status: 0,
  };
}

async function unknownWorkload(name: string, ctx: Context, deps: Deps): Promise<UserError> {
  const own = (await deps.store.listWorkloads(ctx.tenant)).map((w) => w.name);
  const { didYouMean } = await import("../../core/names.ts");
  return new UserError(
    `no workload named \`${name}\`${didYouMean(name, [...TEMPLATES.map((t) => t.name), ...own])}`,
    "`workload list` lists this workspace's own, `templates` the built-ins",
  );
}

async function list(ctx: Context, deps: Deps): Promise<Reply> {
  const own = await deps.store.listWorkloads(ctx.tenant);
  const builtIns = `Built-in: ${TEMPLATES.map((t) => t.name).join(", ")}.`;
  if (!own.length)
    return textReply(
      "info",
      `No workloads of your own yet: \`workload show voice-agent\` gives a model to start from, \`workload add\` stores yours. ${builtIns}`,
      "private",
    );
  return {
    kind: "info",
    visibility: "private",
    summary: `${own.length} workload(s) of your own`,
    blocks: [
      { type: "heading", text: `Your workloads (${own.length} of ${MAX_WORKLOADS})` },
      {
        type: "table",
        columns: [
          { header: "Name", align: "left" },
          { header: "Title", align: "left" },
          { header: "Version", align: "right" },
          { header: "Updated", align: "left" },
          { header: "By", align: "left" },
        ],
        rows: own.map((w) => [w.name, w.title, String(w.version), w.updatedAt.slice(0, 10), w.updatedBy]),
      },
      { type: "context", text: builtIns },
    ],
    data: own,
    status: 0,
  };
}

async function remove(name: string, ctx: Context, deps: Deps): Promise<Reply> {
  if (findTemplate(name))
    throw new UserError(`\`${name.toLowerCase()}\` is a built-in; it cannot be deleted`);
  if (!(await deps.store.deleteWorkload(ctx.tenant, name))) throw await unknownWorkload(name, ctx, deps);
  return textReply(
    "info",
    `Deleted workload \`${name.toLowerCase()}\`. Scenarios saved with it can no longer be re-priced.`,
  );
}
