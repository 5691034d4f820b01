import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { ConversationReferenceRecord, ConversationReferenceStore, Tenant } from "../../app/ports.ts";
import { conversationItem } from "./items.ts";
import { keys } from "./table.ts";
import { TableAccess } from "./table-access.ts";

/** Teams conversation references, written on every message and read for proactive alerts. */
export class DynamoConversationReferenceStore implements ConversationReferenceStore {
  private readonly items: TableAccess;

  constructor(db: DynamoDBDocumentClient, table: string) {
    this.items = new TableAccess(db, table);
  }

  async putConversationReference(record: ConversationReferenceRecord): Promise<void> {
    await this.items.put({ ...record, ...keys.conversation(record.tenant, record.conversationId) });
  }

  getConversationReference(
    tenant: Tenant,
    conversationId: string,
  ): Promise<ConversationReferenceRecord | undefined> {
    return this.items.get(keys.conversation(tenant, conversationId), conversationItem);
  }
}
