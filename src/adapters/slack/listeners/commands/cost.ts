import { randomUUID } from "node:crypto";
import type { AllMiddlewareArgs, RespondArguments, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { handleText } from "../../../../app/pipeline.ts";
import { linkThread } from "../../../../app/run/estimate.ts";
import { renderBlockKit, withNote } from "../../../render/block-kit.ts";
import { firstDelivery, type SlackDeps, slackContext } from "../../deps.ts";
import { fromSlack } from "../../message-text.ts";
import { isUnreachableChannel, postMessage, slackRefusal, startsScenario } from "../../post.ts";

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

export const INVITE_NOTE =
  "costbot is not a member of this conversation, so it cannot read replies here: " +
  "`/invite @costbot` (or ask in a public channel) to get threaded what-ifs.";

async function answer({ command, respond, client }: CommandArgs, ack: CommandArgs["ack"], deps: SlackDeps) {
  if (!(await firstDelivery(deps, command.team_id, command.trigger_id))) {
    await ack();
    return;
  }
  const ctx = slackContext(command.team_id, command.user_id, command.channel_id);
  const reply = await handleText(fromSlack(command.text ?? ""), ctx, deps.pipeline);
  const message = renderBlockKit(reply);
  if (reply.visibility === "private") {
    await ack({ response_type: "ephemeral", ...message });
    return;
  }
  await ack();
  let thread: string;
  try {
    thread = await postMessage(client, { channel: command.channel_id }, message);
  } catch (error) {
    const refusal = slackRefusal(error);
    if (refusal) {
      // Nothing was posted or stored: the asker alone hears why (response_url is a separate path).
      deps.pipeline.log.error("slack refused the estimate post", {
        team: command.team_id,
        channel: command.channel_id,
        error: error instanceof Error ? error.message : String(error),
      });
      await respond({ response_type: "ephemeral", text: refusal });
      return;
    }
    if (!isUnreachableChannel(error)) throw error;
    // response_url returns no ts, so this message cannot anchor a thread link.
    await respond({ response_type: "in_channel", ...withNote(message, INVITE_NOTE) });
    return;
  }
  if (startsScenario(reply))
    await linkThread(ctx, { channel: command.channel_id, thread }, reply, deps.pipeline);
}

/**
 * `/cost <anything>`: one pass through the shared pipeline. Private replies (help, errors,
 * listings) go back in the acknowledgement itself, which on Lambda is the HTTP response: no
 * extra call, nothing left to time out. Channel replies are posted with chat.postMessage so
 * they get a thread; where the bot may not post, the response_url still can. A failure of
 * ours is logged with a reference the user sees.
 */
export function costCommand(deps: SlackDeps) {
  return async (args: CommandArgs) => {
    let acked = false;
    const ack: CommandArgs["ack"] = async (response) => {
      acked = true;
      await args.ack(response);
    };
    try {
      await answer(args, ack, deps);
    } catch (error) {
      const reference = randomUUID().slice(0, 8);
      deps.pipeline.log.error("slash command failed", {
        reference,
        team: args.command.team_id,
        text: args.command.text,
        error:
          error instanceof Error
            ? { name: error.name, message: error.message, stack: error.stack }
            : String(error),
      });
      const apology: RespondArguments = {
        response_type: "ephemeral",
        text: `Sorry, something went wrong on our side (reference ${reference}). Please try again.`,
      };
      if (!acked) await args.ack(apology);
      else await args.respond(apology);
    }
  };
}
