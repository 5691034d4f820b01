/**
 * Limits a deployment sets on a tenant's data, read from its environment once at start; the
 * app's commands enforce them, the entry points (handlers, CLI) read them.
 */

/** How many scenarios a tenant may keep unless the deployment says otherwise (MAX_SCENARIOS_PER_TENANT). */
export const DEFAULT_MAX_SCENARIOS = 1000;

/**
 * The deployment's cap on a tenant's saved scenarios, from its environment (`MAX_SCENARIOS_PER_TENANT`,
 * a whole number from 1); the default when unset. A bad value fails the start, naming the setting.
 */
export function maxScenariosFrom(env: Readonly<Record<string, string | undefined>>): number {
  const text = env.MAX_SCENARIOS_PER_TENANT;
  if (text === undefined || text === "") return DEFAULT_MAX_SCENARIOS;
  if (!/^[1-9]\d{0,8}$/.test(text))
    throw new Error(`MAX_SCENARIOS_PER_TENANT must be a whole number from 1 (got "${text}")`);
  return Number(text);
}
