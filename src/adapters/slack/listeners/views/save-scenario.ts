import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { handleText } from "../../../../app/pipeline.ts";
import type { ScenarioInput } from "../../../../app/ports.ts";
import { renderBlockKit } from "../../../render/block-kit.ts";
import { firstDelivery, type SlackDeps, slackContext } from "../../deps.ts";
import { nameError, saveTargetOf, submittedName } from "../../modal.ts";
import { isUnreachableChannel, postMessage } from "../../post.ts";
import { installationOf } from "../../tenant.ts";

/** `save <name> <template> key=value … currency=X`: the pipeline's inline form of a scenario. */
function inlineSave(name: string, input: ScenarioInput): string {
  const pairs = Object.entries(input.written).map(([k, v]) => `${k}=${v}`);
  return ["save", name, input.template, ...pairs, `currency=${input.currency}`].join(" ");
}

/**
 * The name from the modal goes through the pipeline as `save <name>` in the thread's
 * context, so naming rules and duplicates are the pipeline's; a mistake is shown under
 * the name field and the modal stays open. Where the thread was never linked (the reply
 * went through response_url), the scenario the button carried is saved instead.
 */
export function saveScenarioSubmission(deps: SlackDeps) {
  return async ({
    ack,
    body,
    view,
    client,
  }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const team = installationOf(body as unknown as Record<string, unknown>);
    const target = saveTargetOf(view.private_metadata);
    if (!team || !target || !(await firstDelivery(deps, team, body.trigger_id))) {
      await ack();
      return;
    }
    const name = submittedName(view.state.values);
    if (/\s/.test(name)) {
      await ack(nameError("a name is one word: letters, digits, dot, dash, underscore"));
      return;
    }
    const ctx = slackContext(team, body.user.id, target.channel, target.thread);
    const linked = await deps.pipeline.store.getThread(ctx.tenant, target.channel, target.thread);
    const text = !linked && target.input ? inlineSave(name, target.input) : `save ${name}`;
    const reply = await handleText(text, ctx, deps.pipeline);
    if (reply.status !== 0) {
      await ack(nameError(reply.summary));
      return;
    }
    await ack();
    const message = renderBlockKit(reply);
    try {
      await postMessage(client, { channel: target.channel, thread: target.thread }, message);
    } catch (error) {
      if (!isUnreachableChannel(error)) throw error;
      // The bot cannot post where the estimate is: the confirmation goes to the saver's DM.
      await postMessage(client, { channel: body.user.id }, message);
    }
  };
}
