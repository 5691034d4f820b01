import { handleText } from "../../../../app/pipeline.ts";
import type { ScenarioInput } from "../../../../app/ports.ts";
import type { SlackDeps } from "../../deps.ts";
import { nameError, saveTargetOf, submittedName } from "../../modal.ts";
import { type SubmissionArgs, submitModal } from "./submission.ts";

/** `save <name> <template> key=value … currency=X`: the pipeline's inline form of a scenario. */
function inlineSave(name: string, input: ScenarioInput): string {
  const pairs = Object.entries(input.written).map(([k, v]) => `${k}=${v}`);
  return ["save", name, input.template, ...pairs, `currency=${input.currency}`].join(" ");
}

/**
 * The name from the modal goes through the pipeline as `save <name>` in the thread's
 * context, so naming rules and duplicates are the pipeline's and the thread's latest what-if
 * is what is saved; a mistake is shown under the name field and the modal stays open. Where
 * the thread was never linked (the reply went through response_url), the scenario the button
 * carried is saved instead.
 */
export function saveScenarioSubmission(deps: SlackDeps) {
  return async (args: SubmissionArgs) => {
    const target = saveTargetOf(args.view.private_metadata);
    const name = submittedName(args.view.state.values);
    await submitModal(deps, args, {
      where: target,
      invalid: () =>
        /\s/.test(name) ? nameError("a name is one word: letters, digits, dot, dash, underscore") : undefined,
      error: nameError,
      run: async (ctx) => {
        const linked =
          ctx.thread &&
          (await deps.pipeline.store.getThread(ctx.tenant, ctx.thread.channel, ctx.thread.thread));
        const text = !linked && target?.input ? inlineSave(name, target.input) : `save ${name}`;
        return handleText(text, ctx, deps.pipeline);
      },
    });
  };
}
