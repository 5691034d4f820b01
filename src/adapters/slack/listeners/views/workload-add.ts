import { handleText } from "../../../../app/pipeline.ts";
import type { SlackDeps } from "../../deps.ts";
import { modelError, submittedModel, workloadTargetOf } from "../../workload-modal.ts";
import { type SubmissionArgs, submitModal } from "./submission.ts";

/**
 * The model from the `/cost workload add` modal goes through the pipeline as `workload add`
 * with the model attached, so validation, limits, storage and who may add are the pipeline's.
 * Problems are shown under the field and the modal stays open; an accepted model's estimate at
 * its defaults is posted in the channel the command came from (or the adder's DM).
 */
export function workloadAddSubmission(deps: SlackDeps) {
  return async (args: SubmissionArgs) => {
    await submitModal(deps, args, {
      where: workloadTargetOf(args.view.private_metadata),
      error: modelError,
      run: (ctx) =>
        handleText("workload add", ctx, deps.pipeline, { model: submittedModel(args.view.state.values) }),
    });
  };
}
