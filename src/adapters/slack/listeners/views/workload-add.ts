import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { handleText } from "../../../../app/pipeline.ts";
import { renderBlockKit } from "../../../render/block-kit.ts";
import { firstDelivery, type SlackDeps, slackContext } from "../../deps.ts";
import { isUnreachableChannel, postMessage } from "../../post.ts";
import { modelError, submittedModel, workloadTargetOf } from "../../workload-modal.ts";

/**
 * The model from the `/cost workload add` modal goes through the pipeline as `workload add`
 * with the model attached, so validation, limits and storage are the pipeline's. Problems are
 * shown under the field and the modal stays open; an accepted model's estimate at its
 * defaults is posted in the channel the command came from (or the adder's DM).
 */
export function workloadAddSubmission(deps: SlackDeps) {
  return async ({
    ack,
    body,
    view,
    client,
  }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const team = body.team?.id ?? body.user.team_id;
    const target = workloadTargetOf(view.private_metadata);
    if (!team || !target || !(await firstDelivery(deps, team, body.trigger_id))) {
      await ack();
      return;
    }
    const ctx = slackContext(team, body.user.id, target.channel);
    const reply = await handleText("workload add", ctx, deps.pipeline, {
      model: submittedModel(view.state.values),
    });
    if (reply.status !== 0) {
      await ack(modelError(reply.summary));
      return;
    }
    await ack();
    const message = renderBlockKit(reply);
    try {
      await postMessage(client, { channel: target.channel }, message);
    } catch (error) {
      if (!isUnreachableChannel(error)) throw error;
      await postMessage(client, { channel: body.user.id }, message);
    }
  };
}
