/**
 * `costbot help` (and a bare `costbot`) without the command pipeline: bin/costbot.mjs loads this
 * small entry for them, so the first command a user types costs little more than starting Node
 * (README, "Performance"). It prints what the pipeline's `help` prints (test/cli-help.test.ts).
 */
import { renderText } from "./adapters/render/text.ts";
import { fitWidth } from "./adapters/render/width.ts";
import { helpReply } from "./app/run/help.ts";
import { BUILT_IN_MODELS } from "./core/workloads/models.generated.ts";

/** Only help without a topic or flags (`--json`, `help <template>` go through the pipeline). */
export function isBareHelp(args: readonly string[]): boolean {
  const words = args.filter((a) => a !== "--help" && a !== "-h");
  return words.length === 0 || (words.length === 1 && words[0]!.toLowerCase() === "help");
}

export function helpText(env: NodeJS.ProcessEnv, terminalColumns: number | undefined): string {
  return renderText(
    helpReply(BUILT_IN_MODELS.map((m) => m.workload)),
    fitWidth(env.COLUMNS, terminalColumns),
  );
}

export async function main(): Promise<void> {
  process.stdout.write(
    helpText(process.env, process.stdout.isTTY ? process.stdout.columns || 80 : undefined),
  );
}
