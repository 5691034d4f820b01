import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { takeTurn } from "../../../../app/turn.ts";
import { firstDelivery, type SlackDeps, slackContext } from "../../deps.ts";
import { fromSlack } from "../../message-text.ts";
import { type Ack, commandSink } from "../../sinks.ts";
import { workloadAddCommand } from "./workload-add.ts";

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

export { INVITE_NOTE } from "../../sinks.ts";

/**
 * `/cost <anything>`: one conversation turn. Private replies (help, errors, listings, an
 * apology) go back in the acknowledgement; channel replies are posted so they get a thread.
 * A retried delivery is acknowledged and nothing else.
 */
export function costCommand(deps: SlackDeps) {
  return async (args: CommandArgs) => {
    if (await workloadAddCommand(deps, args)) return;
    const { command, ack, respond, client } = args;
    let acked = false;
    const send: Ack = async (response) => {
      acked = true;
      await ack(response);
    };
    await takeTurn(
      {
        text: fromSlack(command.text ?? ""),
        ctx: slackContext(command.team_id, command.user_id, command.channel_id),
        origin: "slash command",
        firstDelivery: () => firstDelivery(deps, command.team_id, command.trigger_id),
      },
      deps.pipeline,
      commandSink(client, command.channel_id, { done: () => acked, send }, respond),
    );
    if (!acked) await send();
  };
}
