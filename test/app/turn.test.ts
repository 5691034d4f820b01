import { describe, expect, it } from "vitest";
import type { PublicPost, ReplySink } from "../../src/app/ports.ts";
import type { Reply } from "../../src/app/reply.ts";
import { startsScenario, takeTurn } from "../../src/app/turn.ts";
import { chat, usePipeline } from "./support.ts";

const pipeline = usePipeline();

/** A sink that records what it was given and answers public posts as told. */
function recordingSink(answer: (reply: Reply) => PublicPost | Promise<PublicPost>) {
  const sent: { to: "public" | "private"; reply: Reply }[] = [];
  const sink: ReplySink = {
    postPublic: async (reply) => {
      sent.push({ to: "public", reply });
      return answer(reply);
    },
    postPrivate: async (reply) => {
      sent.push({ to: "private", reply });
    },
  };
  return { sink, sent };
}

const inThread = (channel: string, thread: string) => () => ({ kind: "thread" as const, channel, thread });

describe("the conversation turn", () => {
  it("posts an estimate publicly and links the thread it landed in, so a what-if there builds on it", async () => {
    const deps = await pipeline.deps();
    const { sink, sent } = recordingSink(inThread("C1", "100.1"));
    const outcome = await takeTurn(
      { text: "bedrock-api", ctx: chat("slack:T1"), origin: "test" },
      deps,
      sink,
    );
    expect(outcome.status).toBe(0);
    expect(sent.map((s) => s.to)).toEqual(["public"]);
    // bedrock-api's defaults price at 38.61 USD (test/app/pipeline.test.ts derives it by hand).
    expect((await deps.store.getThread("slack:T1", "C1", "100.1"))?.estimate.total).toBe("38.61");

    const next = recordingSink(inThread("C1", "100.1"));
    const whatIf = {
      text: "what if devs=20",
      ctx: chat("slack:T1", { channel: "C1", thread: "100.1" }),
      origin: "test",
    };
    expect((await takeTurn(whatIf, deps, next.sink)).reply?.kind).toBe("what-if");
    // A what-if does not start a new scenario: the link keeps its history and moves to version 2.
    const link = await deps.store.getThread("slack:T1", "C1", "100.1");
    expect(link?.version).toBe(2);
    expect(link?.history.map((h) => h.text)).toEqual(["devs=20"]);
  });

  it("sends a user's mistake privately with status 2 and links nothing", async () => {
    const deps = await pipeline.deps();
    const { sink, sent } = recordingSink(inThread("C1", "1.1"));
    const outcome = await takeTurn(
      { text: "voice-agent users=lots", ctx: chat("slack:T1"), origin: "test" },
      deps,
      sink,
    );
    expect(outcome.status).toBe(2);
    expect(sent).toEqual([{ to: "private", reply: expect.objectContaining({ kind: "error" }) }]);
    expect(await deps.store.getThread("slack:T1", "C1", "1.1")).toBeUndefined();
  });

  it("a reply posted where no thread can follow (Slack's response_url) links nothing", async () => {
    const deps = await pipeline.deps();
    const { sink } = recordingSink(() => ({ kind: "unanchored" }));
    expect(
      (await takeTurn({ text: "bedrock-api", ctx: chat("slack:T1"), origin: "test" }, deps, sink)).status,
    ).toBe(0);
    expect(await deps.store.getThread("slack:T1", "C1", "1.1")).toBeUndefined();
  });

  it("a refused post is logged and the asker told privately why, nothing linked", async () => {
    const deps = await pipeline.deps();
    const { sink, sent } = recordingSink(() => ({ kind: "refused", reason: "Slack is busy." }));
    const outcome = await takeTurn(
      { text: "bedrock-api", ctx: chat("slack:T1"), origin: "test" },
      deps,
      sink,
    );
    expect(outcome.status).toBe(1);
    expect(sent.at(-1)).toEqual({
      to: "private",
      reply: expect.objectContaining({ summary: "Slack is busy." }),
    });
    expect(deps.log.errors).toEqual([
      expect.objectContaining({
        message: "the platform refused a reply",
        reason: "Slack is busy.",
        kind: "estimate",
      }),
    ]);
  });

  it("any failure of ours (here the sink throws) becomes one private apology whose reference is logged", async () => {
    const deps = await pipeline.deps();
    const { sink, sent } = recordingSink(() => {
      throw new Error("socket hang up");
    });
    const outcome = await takeTurn(
      { text: "bedrock-api", ctx: chat("slack:T1"), origin: "slack mention" },
      deps,
      sink,
    );
    expect(outcome.status).toBe(1);
    const apology = sent.filter((s) => s.to === "private");
    expect(apology).toHaveLength(1);
    const reference = /^Sorry, something went wrong on our side \(reference ([0-9a-f]{8})\)/.exec(
      apology[0]!.reply.summary,
    )?.[1];
    expect(reference).toBeDefined();
    expect(deps.log.errors).toEqual([
      expect.objectContaining({
        message: "slack mention failed",
        reference,
        tenant: "slack:T1",
        text: "bedrock-api",
      }),
    ]);
  });

  it("an apology the sink cannot deliver is logged too, and the turn still returns", async () => {
    const deps = await pipeline.deps();
    const sink: ReplySink = {
      postPublic: () => Promise.reject(new Error("down")),
      postPrivate: () => Promise.reject(new Error("still down")),
    };
    expect(
      (await takeTurn({ text: "bedrock-api", ctx: chat("slack:T1"), origin: "test" }, deps, sink)).status,
    ).toBe(1);
    expect(deps.log.errors.map((e) => (e as { message: string }).message)).toEqual([
      "test failed",
      "could not tell the user",
    ]);
  });

  it("a repeated delivery does nothing at all", async () => {
    const deps = await pipeline.deps();
    const { sink, sent } = recordingSink(inThread("C1", "1.1"));
    const turn = {
      text: "bedrock-api",
      ctx: chat("slack:T1"),
      origin: "test",
      firstDelivery: async () => false,
    };
    expect(await takeTurn(turn, deps, sink)).toEqual({ status: 0 });
    expect(sent).toEqual([]);
  });

  it("a post that started its thread is linked without reading the thread first", async () => {
    const deps = await pipeline.deps();
    let reads = 0;
    const store = {
      ...deps.store,
      getThread: (...args: Parameters<typeof deps.store.getThread>) => {
        reads++;
        return deps.store.getThread(...args);
      },
    };
    const started = () => ({ kind: "thread" as const, channel: "C1", thread: "200.1", started: true });
    const turn = { text: "bedrock-api", ctx: chat("slack:T1"), origin: "test" };
    await takeTurn(turn, { ...deps, store }, recordingSink(started).sink);
    expect(reads).toBe(0);
    expect(await deps.store.getThread("slack:T1", "C1", "200.1")).toMatchObject({ version: 1, history: [] });

    // Should a link exist after all, the write fails its condition and the thread is read, then
    // written at its version: the estimate still becomes what the thread is about.
    await takeTurn({ ...turn, text: "bedrock-api devs=20" }, { ...deps, store }, recordingSink(started).sink);
    expect(reads).toBe(1);
    const link = await deps.store.getThread("slack:T1", "C1", "200.1");
    expect(link?.version).toBe(2);
    expect(link?.input.written).toEqual({ devs: "20" });
  });

  it("`answered` is called once the public reply is posted, before the thread is linked", async () => {
    const deps = await pipeline.deps();
    const order: string[] = [];
    const store = {
      ...deps.store,
      putThread: (...args: Parameters<typeof deps.store.putThread>) => {
        order.push("link");
        return deps.store.putThread(...args);
      },
    };
    const sink = recordingSink(() => {
      order.push("posted");
      return { kind: "thread", channel: "C1", thread: "300.1" };
    }).sink;
    const answered = () => void order.push("answered");
    await takeTurn(
      { text: "bedrock-api", ctx: chat("slack:T1"), origin: "t", answered },
      { ...deps, store },
      sink,
    );
    expect(order).toEqual(["posted", "answered", "link"]);

    // Not for a private reply, a refused post or an apology: the surface marks those after the turn.
    order.length = 0;
    await takeTurn({ text: "help", ctx: chat("slack:T1"), origin: "t", answered }, deps, sink);
    const refused = recordingSink(() => ({ kind: "refused", reason: "Slack is limiting" })).sink;
    await takeTurn({ text: "bedrock-api", ctx: chat("slack:T1"), origin: "t", answered }, deps, refused);
    expect(order).toEqual([]);
  });

  it("only replies carrying an estimate and its input, other than what-ifs, start a scenario", () => {
    const base = { visibility: "channel", summary: "", blocks: [], status: 0 } as const;
    const estimate = {} as NonNullable<Reply["estimate"]>;
    const scenario = { template: "bedrock-api", written: {}, currency: "USD" } as const;
    expect(startsScenario({ ...base, kind: "estimate", estimate, scenario })).toBe(true);
    expect(startsScenario({ ...base, kind: "scenario", estimate, scenario })).toBe(true);
    expect(startsScenario({ ...base, kind: "what-if", estimate, scenario })).toBe(false);
    expect(startsScenario({ ...base, kind: "estimate", estimate })).toBe(false);
  });
});
