import type {
  AllMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewResponseAction,
  ViewSubmitAction,
} from "@slack/bolt";
import type { Context } from "../../../../app/ports.ts";
import type { Reply } from "../../../../app/reply.ts";
import { renderBlockKit } from "../../../render/block-kit.ts";
import { deliveryClaim, type SlackDeps } from "../../deps.ts";
import { isUnreachableChannel, postMessage } from "../../post.ts";
import { type SlackSender, senderContext, senderFor } from "../sender.ts";

export type SubmissionArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** One modal's part of a submission: where it was opened, and what submitting it does. */
export interface ModalSubmission {
  /** The channel (and thread) the modal was opened from, from its private_metadata. */
  readonly where: { readonly channel: string; readonly thread?: string | undefined } | undefined;
  /** A mistake in the fields, shown under them with the modal kept open; undefined when none. */
  readonly invalid?: (() => ViewResponseAction | undefined) | undefined;
  /** Runs the submission as a turn in that place. */
  readonly run: (ctx: Context) => Promise<Reply>;
  /** The ack that shows a refusal under the field. */
  readonly error: (message: string) => ViewResponseAction;
}

/**
 * Both modals' shared path: the sender (tenant.ts: `view.app_installed_team_id`, so a partner's
 * submission belongs to the host), the claim by trigger id, the turn, and its answer posted
 * where the modal was opened (or the submitter's DM when the bot cannot post there).
 */
export async function submitModal(deps: SlackDeps, args: SubmissionArgs, modal: ModalSubmission) {
  const { ack, body } = args;
  const sender = await senderFor(deps, body);
  const where = modal.where;
  const claim = sender && deliveryClaim(deps, sender.installation, body.trigger_id);
  if (!sender || !where || !claim || !(await claim.first())) {
    await ack();
    return;
  }
  try {
    await submitted(args, modal, sender, where);
  } finally {
    await claim.done();
  }
}

async function submitted(
  { ack, body, client }: SubmissionArgs,
  modal: ModalSubmission,
  sender: SlackSender,
  where: NonNullable<ModalSubmission["where"]>,
) {
  const invalid = modal.invalid?.();
  if (invalid) {
    await ack(invalid);
    return;
  }
  const reply = await modal.run(senderContext(sender, body.user.id, where.channel, where.thread));
  if (reply.status !== 0) {
    await ack(modal.error(reply.summary));
    return;
  }
  await ack();
  const message = renderBlockKit(reply);
  try {
    await postMessage(
      client,
      { channel: where.channel, ...(where.thread ? { thread: where.thread } : {}) },
      message,
    );
  } catch (error) {
    if (!isUnreachableChannel(error)) throw error;
    // The bot cannot post where the modal was opened: the answer goes to the submitter's DM.
    await postMessage(client, { channel: body.user.id }, message);
  }
}
