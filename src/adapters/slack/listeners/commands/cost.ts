import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { takeTurn } from "../../../../app/turn.ts";
import { deliveryClaim, type SlackDeps } from "../../deps.ts";
import { fromSlack } from "../../message-text.ts";
import { commandSink } from "../../sinks.ts";
import { senderContext, senderFor } from "../sender.ts";
import { workloadAddCommand } from "./workload-add.ts";

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

export { INVITE_NOTE } from "../../sinks.ts";

/**
 * `/cost <anything>`: one conversation turn. The HTTP request was acknowledged before this runs
 * (on Lambda; in Socket Mode `ack` is that acknowledgement). Private replies go through the
 * response_url; channel replies are posted so they get a thread. A retried delivery does nothing.
 */
export function costCommand(deps: SlackDeps) {
  return async (args: CommandArgs) => {
    if (await workloadAddCommand(deps, args)) return;
    const { command, ack, respond, client } = args;
    await ack();
    // Never an empty tenant: a command without an installation id is not worked.
    const sender = await senderFor(deps, command);
    if (!sender) return;
    const claim = deliveryClaim(deps, sender.installation, command.trigger_id);
    await takeTurn(
      {
        text: fromSlack(command.text ?? ""),
        ctx: senderContext(sender, command.user_id, command.channel_id),
        origin: "slash command",
        firstDelivery: claim.first,
        answered: claim.answered,
      },
      deps.pipeline,
      commandSink(client, command.channel_id, respond),
    );
    await claim.done();
  };
}
