import type { AllMiddlewareArgs, BlockButtonAction, RespondFn, SlackActionMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import type { ReplySink } from "../../../../app/ports.ts";
import { takeTurn } from "../../../../app/turn.ts";
import { renderBlockKit } from "../../../render/block-kit.ts";
import { deliveryClaim, type SlackDeps } from "../../deps.ts";
import { senderContext, senderFor } from "../sender.ts";

const clicked = z.object({
  trigger_id: z.string(),
  user: z.object({ id: z.string() }),
  container: z.object({ channel_id: z.string() }),
});

/** The button's value: only a name and a token are taken, so a forged value is a command its sender could type. */
const confirmation = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/i),
  confirm: z.string().regex(/^[0-9a-z-]{1,40}$/i),
});

/**
 * The question came as an ephemeral message to the asker; the answer goes through the click's
 * response_url: "Deleted …" to the channel (and the question is removed), anything else (the
 * scenario changed, an apology) replaces the question, for the asker only.
 */
function responseSink(respond: RespondFn): ReplySink {
  return {
    async postPublic(reply) {
      // An ephemeral message cannot become a channel message: post anew, then take the question away.
      await respond({ response_type: "in_channel", replace_original: false, ...renderBlockKit(reply) });
      await respond({ delete_original: true }).catch(() => undefined);
      return { kind: "unanchored" };
    },
    async postPrivate(reply) {
      await respond({ response_type: "ephemeral", replace_original: true, ...renderBlockKit(reply) });
    },
  };
}

/** "Delete <name>" under the question that deleting someone else's scenario asks: the confirmed delete. */
export function confirmDeleteButton(deps: SlackDeps) {
  return async ({
    ack,
    body,
    action,
    respond,
  }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const parsed = clicked.safeParse(body);
    const value = confirmation.safeParse(safeJson(action.value));
    if (!parsed.success || !value.success) return;
    const { trigger_id, user, container } = parsed.data;
    const sender = await senderFor(deps, body);
    if (!sender) return;
    const claim = deliveryClaim(deps, sender.installation, trigger_id);
    await takeTurn(
      {
        text: `delete ${value.data.name} confirm=${value.data.confirm}`,
        ctx: senderContext(sender, user.id, container.channel_id),
        origin: "delete confirmation",
        firstDelivery: claim.first,
        answered: claim.answered,
      },
      deps.pipeline,
      responseSink(respond),
    );
    await claim.done();
  };
}

function safeJson(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}
