import { AsyncLocalStorage } from "node:async_hooks";
import type { Catalog } from "../core/catalog/index.ts";
import { UserError } from "../core/errors.ts";
import { didYouMean } from "../core/names.ts";
import type { Template } from "../core/template.ts";
import { findTemplate, TEMPLATES } from "../core/templates/index.ts";
import { formatProblem, parseWorkload } from "../core/workload/parse.ts";
import { RESERVED_NAMES } from "../core/workload/reserved.ts";
import { COMMAND_WORDS } from "./commands.ts";
import type { StoredWorkload, Tenant, WorkloadStore } from "./ports.ts";

/** A workload's name (SPEC §9): 2-40 characters, a-z 0-9 -, starting with a letter. */
export const WORKLOAD_NAME = /^[a-z][a-z0-9-]{1,39}$/;

const reserved = new Set(RESERVED_NAMES);

/** Could `name` be a tenant's own workload? Only then is the store asked. */
export function couldBeWorkload(name: string): boolean {
  const n = name.toLowerCase();
  return WORKLOAD_NAME.test(n) && !reserved.has(n);
}

interface Loaded {
  readonly template: Template;
  readonly version: number;
}

/** The tenant's workloads one command has needed so far. */
interface Scope {
  readonly tenant: Tenant;
  readonly store: WorkloadStore;
  readonly catalog: Catalog;
  /** name → its compiled model, or null when the tenant has none of that name. */
  readonly loaded: Map<string, Loaded | null>;
  /** The tenant's workload names, read once a name was not found (for did-you-mean). */
  names?: readonly string[];
}

const current = new AsyncLocalStorage<Scope>();

/**
 * Thrown by a lookup that needs a workload the command has not loaded yet; `withWorkloads`
 * loads it and runs the command again. Lookups happen while resolving parameters, before
 * anything is stored or posted, so the first run has done nothing to undo (as with the model list).
 */
export class WorkloadNotLoaded extends Error {
  override readonly name = "WorkloadNotLoaded";
  constructor(readonly workload: string) {
    super(`workload ${workload} is not loaded yet`);
  }
}

/**
 * Runs one command able to see `tenant`'s own workloads. Built-ins resolve at once; a name
 * that is not one loads the tenant's model from the store (and compiles it again) only then,
 * so a command on a built-in costs no read.
 */
export async function withWorkloads<T>(
  tenant: Tenant,
  store: WorkloadStore,
  catalog: Catalog,
  run: () => Promise<T>,
): Promise<T> {
  const scope: Scope = { tenant, store, catalog, loaded: new Map() };
  return current.run(scope, async () => {
    for (;;) {
      try {
        return await run();
      } catch (error) {
        if (!(error instanceof WorkloadNotLoaded) || scope.loaded.has(error.workload)) throw error;
        await load(scope, error.workload);
      }
    }
  });
}

async function load(scope: Scope, name: string): Promise<void> {
  const stored = await scope.store.getWorkload(scope.tenant, name);
  if (!stored) {
    scope.loaded.set(name, null);
    scope.names ??= (await scope.store.listWorkloads(scope.tenant)).map((w) => w.name);
    return;
  }
  scope.loaded.set(name, { template: compileStored(stored, scope.catalog), version: stored.version });
}

/** A stored model compiled again: what the engine accepts today, or a clear reason it no longer does. */
export function compileStored(stored: StoredWorkload, catalog: Catalog): Template {
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

/** A built-in, or the asking tenant's workload of that name. */
export function findWorkload(name: string): Template | undefined {
  const builtIn = findTemplate(name);
  if (builtIn) return builtIn;
  const scope = current.getStore();
  const key = name.toLowerCase();
  if (!scope || !couldBeWorkload(key)) return undefined;
  if (!scope.loaded.has(key)) throw new WorkloadNotLoaded(key);
  return scope.loaded.get(key)?.template;
}

/** The version of the tenant's workload a command priced with; undefined for a built-in. */
export function workloadVersion(name: string): number | undefined {
  if (findTemplate(name)) return undefined;
  return current.getStore()?.loaded.get(name.toLowerCase())?.version;
}

/** Every name a template argument may take: the built-ins, then the tenant's (once read). */
export function workloadNames(): string[] {
  return [...TEMPLATES.map((t) => t.name), ...(current.getStore()?.names ?? [])];
}

/** The template `name` names, or a user error with the closest name. */
export function requireWorkload(name: string): Template {
  const template = findWorkload(name);
  if (template) return template;
  throw new UserError(
    `unknown template \`${name}\`${didYouMean(name, workloadNames())}`,
    "`templates` lists them",
  );
}

/** `costbot rag-supprot`: neither a command nor a workload. Same words as the parser's refusal. */
export function requireEstimateTarget(name: string): Template {
  const template = findWorkload(name);
  if (template) return template;
  throw new UserError(
    `unknown template or command \`${name}\`${didYouMean(name, [...workloadNames(), ...COMMAND_WORDS])}`,
    "`templates` lists the workloads, `workload list` your own, `help` the commands",
  );
}

/** A model this command compiled itself (`workload add`, `check`): later lookups find it without a read. */
export function rememberWorkload(name: string, template: Template, version: number): void {
  current.getStore()?.loaded.set(name.toLowerCase(), { template, version });
}
