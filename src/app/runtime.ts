import { randomUUID } from "node:crypto";
import type { Deps, Random, Sleep } from "./ports.ts";

/** The process's own randomness and timers, used when an entry point injects none. */
export const systemRandom: Random = {
  fraction: () => Math.random(),
  referenceId: () => randomUUID().slice(0, 8),
};

export const systemSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export const randomOf = (deps: Pick<Deps, "random">): Random => deps.random ?? systemRandom;
export const sleepOf = (deps: Pick<Deps, "sleep">): Sleep => deps.sleep ?? systemSleep;
