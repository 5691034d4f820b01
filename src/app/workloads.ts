import type { Catalog } from "../core/catalog/index.ts";
import { UserError } from "../core/errors.ts";
import { didYouMean } from "../core/names.ts";
import type { Template } from "../core/template.ts";
import { findTemplate, TEMPLATES } from "../core/templates/index.ts";
import { RESERVED_NAMES } from "../core/workload/reserved.ts";
import { COMMAND_WORDS } from "./commands.ts";
import type { ResolvedTemplate, StoredWorkload, TemplateLookup, Tenant, WorkloadStore } from "./ports.ts";

/** A workload's name (README, Your own workload): 2-40 characters, a-z 0-9 -, starting with a letter. */
export const WORKLOAD_NAME = /^[a-z][a-z0-9-]{1,39}$/;

const reserved = new Set(RESERVED_NAMES);

/** Could `name` be a tenant's own workload? Only then is the store asked. */
export function couldBeWorkload(name: string): boolean {
  const n = name.toLowerCase();
  return WORKLOAD_NAME.test(n) && !reserved.has(n);
}

const builtInNames = () => TEMPLATES.map((t) => t.name);

/** The built-ins alone: where no tenant's store is at hand. */
export const builtInTemplates: TemplateLookup = {
  resolve: async (name) => {
    const template = findTemplate(name);
    return template ? { template } : "unknown";
  },
  known: builtInNames,
};

/**
 * The built-ins and `tenant`'s own workloads, for one command. A name that is not a built-in
 * is read from the store (and compiled again against `catalog`) once, when first asked.
 */
export function tenantTemplates(
  tenant: Tenant,
  store: Pick<WorkloadStore, "getWorkload" | "listWorkloads">,
  catalog: Catalog,
): TemplateLookup {
  const found = new Map<string, Promise<ResolvedTemplate | "unknown">>();
  let own: readonly string[] = [];
  let listed: Promise<void> | undefined;
  const load = async (name: string): Promise<ResolvedTemplate | "unknown"> => {
    const stored = await store.getWorkload(tenant, name);
    if (stored) return { template: await compileStored(stored, catalog), version: stored.version };
    // A miss is about to be refused: read the tenant's names for its did-you-mean, once.
    listed ??= store.listWorkloads(tenant).then((all) => {
      own = all.map((w) => w.name);
    });
    await listed;
    return "unknown";
  };
  return {
    resolve: async (name) => {
      const template = findTemplate(name);
      if (template) return { template };
      const key = name.toLowerCase();
      if (!couldBeWorkload(key)) return "unknown";
      let result = found.get(key);
      if (!result) {
        result = load(key);
        found.set(key, result);
      }
      return result;
    },
    known: () => [...builtInNames(), ...own],
  };
}

/**
 * The workload model parser (yaml and the model's schema), loaded on first use: only a team's
 * own workload needs it, never a built-in estimate, so a cold start does not compile it.
 */
export const workloadParser = () => import("../core/workload/parse.ts");

/** A stored model compiled again: what the engine accepts today, or a clear reason it no longer does. */
export async function compileStored(stored: StoredWorkload, catalog: Catalog): Promise<Template> {
  const { formatProblem, parseWorkload } = await workloadParser();
  const parsed = parseWorkload(stored.source, { catalog });
  if (parsed.ok) return parsed.template;
  throw new UserError(
    `your workload \`${stored.name}\` (version ${stored.version}) no longer validates: ${parsed.problems
      .slice(0, 3)
      .map(formatProblem)
      .join("; ")}`,
    `fix it and \`workload add\` it again; \`workload show ${stored.name}\` gives its text`,
  );
}

/** The template `name` names, or a user error with the closest name. */
export async function requireWorkload(templates: TemplateLookup, name: string): Promise<ResolvedTemplate> {
  const found = await templates.resolve(name);
  if (found !== "unknown") return found;
  throw new UserError(
    `unknown template \`${name}\`${didYouMean(name, templates.known())}`,
    "`templates` lists them",
  );
}

/** `costbot rag-supprot`: neither a command nor a workload. Same words as the parser's refusal. */
export async function requireEstimateTarget(
  templates: TemplateLookup,
  name: string,
): Promise<ResolvedTemplate> {
  const found = await templates.resolve(name);
  if (found !== "unknown") return found;
  throw new UserError(
    `unknown template or command \`${name}\`${didYouMean(name, [...templates.known(), ...COMMAND_WORDS])}`,
    "`templates` lists the workloads, `workload list` your own, `help` the commands",
  );
}
