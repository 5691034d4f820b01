import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type {
  Clock,
  ConversationReferenceRecord,
  ConversationReferenceStore,
  Tenant,
} from "../../app/ports.ts";
import { conversationItem } from "./items.ts";
import { expiresAfter, keys, RETENTION_SECONDS, TTL_ATTRIBUTE } from "./table.ts";
import { TableAccess } from "./table-access.ts";

const systemClock: Clock = { now: () => new Date() };

/**
 * Teams conversation references, written on every message and read for proactive alerts.
 * Each write, and each alert delivered through one, starts its retention period again.
 */
export class DynamoConversationReferenceStore implements ConversationReferenceStore {
  private readonly items: TableAccess;

  constructor(
    db: DynamoDBDocumentClient,
    table: string,
    private readonly clock: Clock = systemClock,
  ) {
    this.items = new TableAccess(db, table);
  }

  private expiry(): number {
    return expiresAfter(this.clock.now(), RETENTION_SECONDS.conversation);
  }

  async putConversationReference(record: ConversationReferenceRecord): Promise<void> {
    await this.items.put({
      ...record,
      ...keys.conversation(record.tenant, record.conversationId),
      [TTL_ATTRIBUTE]: this.expiry(),
    });
  }

  getConversationReference(
    tenant: Tenant,
    conversationId: string,
  ): Promise<ConversationReferenceRecord | undefined> {
    return this.items.get(keys.conversation(tenant, conversationId), conversationItem);
  }

  /** Only the expiry changes: a message's newer reference, written meanwhile, is never replaced. */
  async refreshConversationReference(tenant: Tenant, conversationId: string): Promise<void> {
    try {
      await this.items.db.send(
        new UpdateCommand({
          TableName: this.items.table,
          Key: keys.conversation(tenant, conversationId),
          UpdateExpression: "SET #ttl = :expiry",
          ConditionExpression: "attribute_exists(pk)",
          ExpressionAttributeNames: { "#ttl": TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ":expiry": this.expiry() },
        }),
      );
    } catch (error) {
      // Gone meanwhile (expired and swept): nothing to refresh, and no empty item is made.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}
