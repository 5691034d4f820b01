import { beforeEach, describe, expect, it } from "vitest";
import { DynamoConversationReferenceStore } from "../../../src/adapters/dynamodb/conversation-reference-store.ts";
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
