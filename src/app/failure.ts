import type { Context, Deps } from "./ports.ts";
import { apologyReply, type Reply } from "./reply.ts";
import { randomOf } from "./runtime.ts";

/** An error as a log field: name, message and stack, or the value thrown. */
export function describe(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { value: String(error) };
}

/**
 * A failure of ours (never the user's mistake): logged once with a fresh reference id and who
 * asked what, where; the user sees only the apology carrying that reference. The one place
 * the pipeline and the turn turn a failure into an apology.
 */
export function apologise(
  message: string,
  error: unknown,
  asked: { readonly ctx: Context; readonly text: string },
  deps: Pick<Deps, "log" | "random">,
): { readonly reply: Reply; readonly reference: string } {
  const { ctx } = asked;
  const reference = randomOf(deps).referenceId();
  deps.log.error(message, {
    reference,
    tenant: ctx.tenant,
    surface: ctx.surface,
    ...(ctx.thread ? { channel: ctx.thread.channel, thread: ctx.thread.thread } : {}),
    text: asked.text,
    error: describe(error),
  });
  return { reply: apologyReply(reference), reference };
}
