import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { firstDelivery, type SlackDeps } from "../../deps.ts";
import { saveModal, scenarioFromButton } from "../../modal.ts";
import { installationOf } from "../../tenant.ts";

/** The parts of a block_actions payload that locate the estimate message and its thread. */
const clicked = z.object({
  trigger_id: z.string(),
  team: z.object({ id: z.string() }).nullish(),
  user: z.object({ id: z.string(), team_id: z.string().optional() }),
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
    const teamId = installationOf(body as unknown as Record<string, unknown>);
    if (!teamId || !(await firstDelivery(deps, teamId, trigger_id))) return;
    const input = scenarioFromButton(action.value);
    await client.views.open({
      trigger_id,
      view: saveModal({
        channel: container.channel_id,
        thread: container.thread_ts ?? container.message_ts,
        ...(input ? { input } : {}),
      }),
    });
  };
}
