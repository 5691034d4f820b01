import { apologise, describe } from "./failure.ts";
import { handleText } from "./pipeline.ts";
import { type Context, type Deps, type ReplySink, StoreUnavailable } from "./ports.ts";
import { errorReply, type Reply } from "./reply.ts";
import { randomOf } from "./runtime.ts";
import { linkThread } from "./threads.ts";

/** One message from a person, on any surface. */
export interface Turn {
  /** The command as written, mentions and surface markup already removed. */
  readonly text: string;
  /** A workload model that came with the command (the CLI's file, a chat message's code block). */
  readonly model?: string;
  readonly ctx: Context;
  /** What kind of turn this is, for the log line of a failure ("slash command", "teams turn"). */
  readonly origin: string;
  /** Claims the delivery before anything is done; false for a platform's retry, which gets nothing. */
  readonly firstDelivery?: () => Promise<boolean>;
  /**
   * Called once a public reply is posted, before its thread is linked: a surface that marks its
   * delivery done starts that write here, so it runs beside the link's instead of after it. Not
   * awaited by the turn: the surface awaits its mark after the turn, and reports its failure.
   */
  readonly answered?: () => void;
}

export interface TurnOutcome {
  /** The reply the asker got; absent for a repeated delivery or when we apologised. */
  readonly reply?: Reply;
  /** 0 answered, 2 the asker's mistake, 1 our failure or the platform's refusal (the CLI's exit code). */
  readonly status: 0 | 1 | 2;
}

/** A reply that starts a scenario (an estimate, a shown scenario) becomes what its thread is about. */
export function startsScenario(reply: Reply): boolean {
  return Boolean(reply.scenario && reply.estimate && reply.kind !== "what-if");
}

/**
 * The one conversation turn every surface shares: text in, then parse and run (the
 * pipeline), post through the surface's sink, and link the thread when the reply starts a
 * scenario. A platform that refuses a post is logged and the asker told why, privately. Any
 * other failure, here or in the sink, is logged with its context and a reference, and the
 * asker gets one apology carrying that reference. Never throws.
 */
export async function takeTurn(turn: Turn, deps: Deps, sink: ReplySink): Promise<TurnOutcome> {
  const { ctx } = turn;
  try {
    if (turn.firstDelivery && !(await turn.firstDelivery())) return { status: 0 };
    const reply = await handleText(
      turn.text,
      ctx,
      deps,
      turn.model === undefined ? {} : { model: turn.model },
    );
    if (reply.visibility === "private") {
      await sink.postPrivate(reply);
      return { reply, status: reply.status };
    }
    const post = await sink.postPublic(reply);
    if (post.kind === "refused") {
      await tellRefusal(turn, reply, post.reason, deps, sink);
      return { status: 1 };
    }
    turn.answered?.();
    if (post.kind === "thread" && startsScenario(reply))
      await linkThread(ctx, { channel: post.channel, thread: post.thread }, reply, deps, post.started).catch(
        (error: unknown) => notKept(turn, error, deps, sink),
      );
    return { reply, status: reply.status };
  } catch (error) {
    const { reply, reference } = apologise(`${turn.origin} failed`, error, turn, deps);
    try {
      await sink.postPrivate(reply);
    } catch (cause) {
      deps.log.error("could not tell the user", { reference, error: describe(cause) });
    }
    return { status: 1 };
  }
}

/** Nothing was posted: the asker alone hears why. Best effort, since the platform may refuse this too. */
async function tellRefusal(turn: Turn, reply: Reply, reason: string, deps: Deps, sink: ReplySink) {
  deps.log.error("the platform refused a reply", {
    tenant: turn.ctx.tenant,
    surface: turn.ctx.surface,
    origin: turn.origin,
    kind: reply.kind,
    reason,
  });
  // A what-if was stored before it was posted: the next one builds on it.
  const kept = reply.kind === "what-if" ? ` Your change is kept: ${reply.summary}.` : "";
  await sink.postPrivate(errorReply(`${reason}${kept}`)).catch((error: unknown) => {
    deps.log.error("could not tell the user", { reason, error: describe(error) });
  });
}

/**
 * The answer was delivered but its thread could not be linked: the asker keeps the answer and
 * hears, privately, that what-ifs on it will not work; the log has the rest.
 */
async function notKept(turn: Turn, error: unknown, deps: Deps, sink: ReplySink) {
  const reference = randomOf(deps).referenceId();
  deps.log.error("could not link the thread to its scenario", {
    reference,
    tenant: turn.ctx.tenant,
    surface: turn.ctx.surface,
    origin: turn.origin,
    error: describe(error),
  });
  const why = error instanceof StoreUnavailable ? error.message : `reference ${reference}`;
  await sink
    .postPrivate({ ...errorReply(`this estimate was not kept for what if/save: ${why}`), status: 0 })
    .catch((cause: unknown) =>
      deps.log.error("could not tell the user", { reference, error: describe(cause) }),
    );
}
