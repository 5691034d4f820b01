import { describe, expect, it } from "vitest";
import {
  fromSlack,
  mentions,
  pairKeys,
  startsWithWhatIf,
  withoutMention,
} from "../../../src/adapters/slack/message-text.ts";

describe("thread replies that may be what-ifs (issue #12: chatter is silent)", () => {
  it.each(["what if users=5000", "What If model=nova-lite", "  what if"])("%j starts with what if", (text) =>
    expect(startsWithWhatIf(text)).toBe(true),
  );
  it.each(["what about the egress?", "whatif users=1", "so what if users=5000"])("%j does not", (text) =>
    expect(startsWithWhatIf(text)).toBe(false),
  );

  it("lists the keys when every word is key=value, lower-cased", () => {
    expect(pairKeys("users=5000 Model=nova-lite")).toEqual(["users", "model"]);
    expect(pairKeys("  currency=EUR ")).toEqual(["currency"]);
  });

  it.each(["ok then users=5000", "users=5000 please", "a = b", "see https://example.com/?a=1", "", "users="])(
    "%j is not only key=value words",
    (text) => expect(pairKeys(text)).toBeUndefined(),
  );
});

describe("mentions", () => {
  it("removes the bot's mention and keeps the command", () => {
    expect(withoutMention("<@U0BOT> what if users=5000", "U0BOT")).toBe("what if users=5000");
    expect(withoutMention("hey <@U0BOT|costbot>   voice-agent", "U0BOT")).toBe("hey voice-agent");
  });

  it("keeps other people's mentions, and without a known bot id drops only the leading one", () => {
    expect(withoutMention("<@U0BOT> <@U0ALICE>", "U0BOT")).toBe("<@U0ALICE>");
    expect(withoutMention("<@U0BOT> help", undefined)).toBe("help");
  });

  it("tells whether a message mentions the bot", () => {
    expect(mentions("<@U0BOT> users=1", "U0BOT")).toBe(true);
    expect(mentions("<@U0ALICE> users=1", "U0BOT")).toBe(false);
  });

  it("undoes Slack's escaping of &, < and >", () => {
    expect(fromSlack("a &lt; b &amp;&amp; c &gt; d")).toBe("a < b && c > d");
  });
});

describe("mention stripping on 250 KB (issue 16 item 7)", () => {
  // `<@U1|` 50,000 times: the unbounded `[^>]*` scanned to the end from every `<@` (11 s).
  it("a message of 50,000 unclosed labelled mentions comes back as it was, in one pass", () => {
    const junk = "<@U1|".repeat(50_000);
    expect(withoutMention(junk, "UBOT")).toBe(junk);
    expect(withoutMention(junk, undefined)).toBe(junk);
    expect(mentions(junk, "UBOT")).toBe(false);
  });

  it("the bot's mention is still stripped in front of a 250 KB text", () => {
    const words = "x ".repeat(125_000).trim();
    expect(withoutMention(`<@UBOT> ${words}`, "UBOT")).toBe(words);
    expect(withoutMention(`<@UBOT|costbot> ${words}`, undefined)).toBe(words);
  });
});
