import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { beforeEach, describe, expect, it } from "vitest";
import { DynamoConversationReferenceStore } from "../../../src/adapters/dynamodb/conversation-reference-store.ts";
import { keys, RETENTION_SECONDS } from "../../../src/adapters/dynamodb/table.ts";
import { useEmbeddedDynamo } from "./fixtures.ts";

const engine = useEmbeddedDynamo();
let store: DynamoConversationReferenceStore;
beforeEach(async () => {
  store = new DynamoConversationReferenceStore(engine.db(), await engine.newTable());
});

describe("conversation references", () => {
  it("stores a Teams reference per conversation and replaces it on the next put", async () => {
    const record = {
      tenant: "teams:tid",
      conversationId: "19:abc@thread.tacv2",
      reference: { serviceUrl: "https://smba.example/", conversation: { id: "19:abc@thread.tacv2" } },
      updatedAt: "2025-01-01T00:00:00.000Z",
    };
    await store.putConversationReference(record);
    expect(await store.getConversationReference("teams:tid", record.conversationId)).toEqual(record);
    const newer = {
      ...record,
      reference: { serviceUrl: "https://smba2.example/" },
      updatedAt: "2025-01-02T00:00:00.000Z",
    };
    await store.putConversationReference(newer);
    expect(await store.getConversationReference("teams:tid", record.conversationId)).toEqual(newer);
    expect(await store.getConversationReference("teams:other", record.conversationId)).toBeUndefined();
  });
});

describe("conversation references expire after their last use", () => {
  // 2026-11-23T10:00:00Z = 1,795,428,000 s; 400 days = 34,560,000 s.
  const start = 1_795_428_000;
  const retention = 34_560_000;
  const record = {
    tenant: "teams:tid",
    conversationId: "19:abc@thread.tacv2",
    reference: { serviceUrl: "https://smba.trafficmanager.net/emea/" },
    updatedAt: "2026-11-23T10:00:00.000Z",
  };

  async function withClock() {
    const table = await engine.newTable();
    const clock = { t: new Date("2026-11-23T10:00:00.000Z"), now: () => clock.t };
    const s = new DynamoConversationReferenceStore(engine.db(), table, clock);
    const raw = async (id = record.conversationId) =>
      (await engine.db().send(new GetCommand({ TableName: table, Key: keys.conversation("teams:tid", id) })))
        .Item;
    return { s, clock, raw };
  }

  it("a put writes expiresAt 400 days on, and a later put moves it", async () => {
    const { s, clock, raw } = await withClock();
    expect(RETENTION_SECONDS.conversation).toBe(retention);
    await s.putConversationReference(record);
    expect((await raw())?.expiresAt).toBe(start + retention);
    clock.t = new Date("2026-11-24T10:00:00.000Z"); // one day (86,400 s) later
    await s.putConversationReference(record);
    expect((await raw())?.expiresAt).toBe(start + 86_400 + retention);
  });

  it("a refresh (an alert delivered) moves only the expiry; a missing reference is not created", async () => {
    const { s, clock, raw } = await withClock();
    await s.putConversationReference(record);
    clock.t = new Date("2026-12-03T10:00:00.000Z"); // 10 days (864,000 s) later
    await s.refreshConversationReference("teams:tid", record.conversationId);
    expect(await raw()).toMatchObject({ ...record, expiresAt: start + 864_000 + retention });
    await s.refreshConversationReference("teams:tid", "19:never@thread.tacv2");
    expect(await raw("19:never@thread.tacv2")).toBeUndefined();
  });
});
