import { Activity } from "@microsoft/agents-activity";
import { describe, expect, it } from "vitest";
import {
  CHAT_THREAD,
  commandText,
  placeOf,
  proactiveReference,
  saveSubmission,
  splitConversationId,
  tenantIdOf,
} from "../../../src/adapters/teams/conversation.ts";
import { type FixtureName, teamsActivity } from "../../fixtures/teams/activities.ts";

const values = { serviceUrl: "https://smba.trafficmanager.net/emea/", tenantId: "tenant-a", appId: "app" };
const fixture = (name: FixtureName, changes: Record<string, unknown> = {}) =>
  Activity.fromObject(teamsActivity(name, values, changes));

describe("placeOf: the channel and reply-chain ids of each Teams context", () => {
  it("a new channel post starts its own chain: conversation id without ;messageid=, the post's id as root", () => {
    expect(placeOf(fixture("channel-mention"))).toEqual({
      channel: "19:finops-costs@thread.tacv2",
      thread: "1732300000001",
    });
  });

  it("a reply in a channel chain belongs to the chain's root (the ;messageid= part), not to its own id", () => {
    expect(placeOf(fixture("channel-reply"))).toEqual({
      channel: "19:finops-costs@thread.tacv2",
      thread: "1732300000001",
    });
  });

  it("a channel activity without the suffix falls back to replyToId, then to its own id", () => {
    const bare = { id: "19:finops-costs@thread.tacv2", conversationType: "channel", tenantId: "tenant-a" };
    expect(placeOf(fixture("channel-reply", { conversation: bare })).thread).toBe("1732300000001");
    expect(placeOf(fixture("channel-mention", { conversation: bare })).thread).toBe("1732300000001");
  });

  it("personal and group chats have no reply chains: the chat is the thread", () => {
    expect(placeOf(fixture("personal-message"))).toEqual({
      channel: "a:1personal-chat-between-ada-and-costbot",
      thread: CHAT_THREAD,
    });
    expect(placeOf(fixture("group-chat-mention"))).toEqual({
      channel: "19:group-chat-of-three@thread.v2",
      thread: CHAT_THREAD,
    });
  });

  it("splitConversationId keeps ids without a suffix whole", () => {
    expect(splitConversationId("a:1chat")).toEqual({ base: "a:1chat" });
    expect(splitConversationId("19:x@thread.tacv2;messageid=42")).toEqual({
      base: "19:x@thread.tacv2",
      messageId: "42",
    });
  });
});

describe("tenantIdOf", () => {
  // A tenant must be a GUID, stored lowercase; channelData.tenant.id counts where it is the only
  // one (issue 20: a 1:1 chat as Microsoft documents it; inbound.ts checks it against the token).
  const guid = "aaaaaaaa-0000-4000-8000-00000000000a";
  const withTenant = (name: FixtureName, tenantId: string, changes: Record<string, unknown> = {}) =>
    Activity.fromObject(teamsActivity(name, { ...values, tenantId }, changes));

  it("reads conversation.tenantId, else channelData.tenant.id, only a GUID, lowercase", () => {
    expect(tenantIdOf(withTenant("channel-mention", guid))).toBe(guid);
    expect(tenantIdOf(withTenant("channel-mention", guid.toUpperCase()))).toBe(guid);
    expect(tenantIdOf(withTenant("channel-mention", "x#y"))).toBeUndefined();
    expect(tenantIdOf(fixture("channel-mention"))).toBeUndefined(); // "tenant-a"
    const conversation = { id: "a:1chat", conversationType: "personal" };
    expect(tenantIdOf(withTenant("personal-message", guid, { conversation }))).toBe(guid);
  });
});

describe("commandText: what the pipeline sees", () => {
  it("strips the bot's mention and trailing whitespace", () => {
    expect(commandText(fixture("channel-mention"))).toBe("voice-agent users=1000");
  });

  it("strips <at> tags of anyone else and Teams' non-breaking spaces", () => {
    const text = "<at>costbot</at>&nbsp;what if users=5000 <at>Grace Hopper</at>\u00a0model=nova-lite";
    expect(commandText(fixture("channel-reply", { text }))).toBe("what if users=5000 model=nova-lite");
  });

  it("leaves a direct message (no mention) as typed", () => {
    expect(commandText(fixture("personal-message"))).toBe("bedrock-api devs=20");
  });
});

describe("saveSubmission: the card's Save button", () => {
  it("accepts the submitted name and chain, and ignores anything else", () => {
    const value = { action: "save_scenario", name: " prod-1 ", thread: { channel: "19:c", thread: "1" } };
    expect(saveSubmission(fixture("channel-reply", { value }))).toEqual({ ...value, name: "prod-1" });
    expect(
      saveSubmission(fixture("channel-reply", { value: { action: "save_scenario", name: "" } })),
    ).toBeUndefined();
    expect(saveSubmission(fixture("channel-reply"))).toBeUndefined();
  });
});

describe("proactiveReference", () => {
  it("points at the channel itself, not the reply chain, and replies to nothing", () => {
    const reference = proactiveReference(fixture("channel-reply"));
    expect(reference.conversation.id).toBe("19:finops-costs@thread.tacv2");
    expect(reference).not.toHaveProperty("activityId");
    expect(reference.serviceUrl).toBe(values.serviceUrl);
  });
});

describe("commandText on 256 KB (issue 16 item 7)", () => {
  // Unclosed `<at ` tags: the old `.*?<\/at>` scanned to the end from each one (5.7 s).
  it("a 256 KB text of unclosed <at> tags is returned untouched (the parser refuses it for its length)", () => {
    const text = "<at x".repeat(256 * 205);
    expect(commandText(fixture("channel-mention", { text }))).toBe(text);
  });

  it("under the cap, tags are stripped in one pass: an unclosed tag stays, the mention goes", () => {
    const junk = "<at x".repeat(2_000);
    expect(commandText(fixture("channel-mention", { text: `${junk} <at>costbot</at> help` }))).toBe(
      `${junk} help`,
    );
  });

  it("strips at most 20 mention entities", () => {
    const entities = Array.from({ length: 5_000 }, (_, i) => ({ type: "mention", text: `[m${i}]` }));
    const text = Array.from({ length: 30 }, (_, i) => `[m${i}]`).join(" ");
    // The first 20 ([m0] to [m19]) go; [m20] to [m29] stay.
    const expected = Array.from({ length: 10 }, (_, i) => `[m${i + 20}]`).join(" ");
    expect(commandText(fixture("channel-mention", { text, entities }))).toBe(expected);
  });
});
