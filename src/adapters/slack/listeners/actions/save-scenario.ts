import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { onceForDelivery, type SlackDeps } from "../../deps.ts";
import { saveModal, scenarioFromButton } from "../../modal.ts";
import { senderFor } from "../sender.ts";

/** The parts of a block_actions payload that locate the estimate message and its thread. */
const clicked = z.object({
  trigger_id: z.string(),
  container: z.object({
    channel_id: z.string(),
    message_ts: z.string(),
    thread_ts: z.string().optional(),
  }),
});

/**
 * "Save scenario" opens a modal asking for a name. The modal remembers the thread (the
 * estimate message, or the thread it was posted in) and the scenario the button carries.
 */
export function saveScenarioButton(deps: SlackDeps) {
  return async ({
    ack,
    body,
    action,
    client,
  }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const parsed = clicked.safeParse(body);
    if (!parsed.success) return;
    const { trigger_id, container } = parsed.data;
    const sender = await senderFor(deps, body);
    if (!sender) return;
    const input = scenarioFromButton(action.value);
    await onceForDelivery(deps, sender.installation, trigger_id, async () => {
      await client.views.open({
        trigger_id,
        view: saveModal({
          channel: container.channel_id,
          thread: container.thread_ts ?? container.message_ts,
          ...(input ? { input } : {}),
        }),
      });
    });
  };
}
