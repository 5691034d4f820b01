import { z } from "zod";
import type { Context, ReplySink } from "../../../../app/ports.ts";
import { takeTurn } from "../../../../app/turn.ts";
import { deliveryClaim, type SlackDeps } from "../../deps.ts";
import { senderContext, senderFor } from "../sender.ts";

const envelope = z.object({ event_id: z.string() });

/** One message event, as the listener that matched it read it. */
export interface EventMessage {
  readonly user: string;
  readonly channel: string;
  /** The thread the message is in, whose scenario a what-if changes. */
  readonly thread?: string | undefined;
  /** The command's text, surface markup already removed. */
  readonly text: string;
  readonly model?: string | undefined;
  readonly origin: string;
  /** Whether to answer at all, given the turn's context (a thread's chatter is not). */
  readonly accept?: (ctx: Context) => Promise<boolean>;
}

/**
 * The three message listeners' shared path: the envelope's event id, the sender (tenant.ts),
 * then one conversation turn claimed by that event id, so a re-delivery does nothing.
 */
export async function answerEvent(
  deps: SlackDeps,
  body: unknown,
  message: EventMessage,
  sink: ReplySink,
): Promise<void> {
  const delivery = envelope.safeParse(body);
  if (!delivery.success) return;
  const sender = await senderFor(deps, body);
  if (!sender) return;
  const ctx = senderContext(sender, message.user, message.channel, message.thread);
  if (message.accept && !(await message.accept(ctx))) return;
  const claim = deliveryClaim(deps, sender.installation, delivery.data.event_id);
  await takeTurn(
    {
      text: message.text,
      ...(message.model === undefined ? {} : { model: message.model }),
      ctx,
      origin: message.origin,
      firstDelivery: claim.first,
      answered: claim.answered,
    },
    deps.pipeline,
    sink,
  );
  await claim.done();
}
