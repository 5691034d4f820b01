/**
 * Names a team's workload may not take (docs/workload-models.md): the command words (the app's parser reads
 * this list through src/app/commands.ts: one list for both), the words of commands to come,
 * and the built-ins' names.
 */
export const COMMAND_WORDS = [
  "what",
  "sweep",
  "compare",
  "plan",
  "audit",
  "save",
  "list",
  "show",
  "delete",
  "diff",
  "budget",
  "templates",
  "models",
  "prices",
  "settings",
  "help",
  "track",
  "untrack",
  "actual",
] as const;

export const MORE_COMMAND_WORDS = ["workload", "if"] as const;

export const BUILT_IN_NAMES = [
  "voice-agent",
  "gpu-platform",
  "bedrock-api",
  "voice-coach",
  "image-gen",
  "self",
] as const;

export const RESERVED_NAMES: readonly string[] = [...COMMAND_WORDS, ...MORE_COMMAND_WORDS, ...BUILT_IN_NAMES];
