import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { onceForDelivery, type SlackDeps } from "../../deps.ts";
import { opensWorkloadModal, workloadModal } from "../../workload-modal.ts";
import { senderFor } from "../sender.ts";

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/**
 * `/cost workload add` (nothing after it) opens a modal with a multi-line input: a slash
 * command cannot carry a code block. True when it handled the command.
 */
export async function workloadAddCommand(
  deps: SlackDeps,
  { command, ack, client }: CommandArgs,
): Promise<boolean> {
  if (!opensWorkloadModal(command.text ?? "")) return false;
  await ack();
  const sender = await senderFor(deps, command);
  if (!sender) return true;
  await onceForDelivery(deps, sender.installation, command.trigger_id, async () => {
    await client.views.open({
      trigger_id: command.trigger_id,
      view: workloadModal({ channel: command.channel_id }),
    });
  });
  return true;
}
