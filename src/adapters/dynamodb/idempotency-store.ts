import { randomUUID } from "node:crypto";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Clock, IdempotencyStore } from "../../app/ports.ts";
import { keys } from "./table.ts";
import { TableAccess, WRITE_TOKEN } from "./table-access.ts";

const systemClock: Clock = { now: () => new Date() };
const IN_PROGRESS = "INPROGRESS";
const COMPLETED = "COMPLETED";

/** Claims on retried deliveries; the clock is injected so tests can step past the TTL. */
export class DynamoIdempotencyStore implements IdempotencyStore {
  private readonly items: TableAccess;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly clock: Clock = systemClock,
  ) {
    this.items = new TableAccess(db, table);
  }

  async claim(key: string, ttlSeconds: number, inProgressSeconds?: number): Promise<boolean> {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const token = randomUUID();
    const state =
      inProgressSeconds === undefined
        ? { status: COMPLETED }
        : { status: IN_PROGRESS, inProgressUntil: now + inProgressSeconds };
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...keys.idempotency(key), expiresAt: now + ttlSeconds, ...state, [WRITE_TOKEN]: token },
          // An expired record may not have been swept yet: it no longer counts as a claim. Nor
          // does one left in progress past its deadline by a holder that died (Powertools' rule).
          ConditionExpression:
            "attribute_not_exists(pk) OR expiresAt < :now OR (#status = :inProgress AND inProgressUntil < :now)",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":now": now, ":inProgress": IN_PROGRESS },
        }),
      );
      return true;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // A retried claim that finds its own first attempt is still ours: the delivery is not a repeat.
      return this.items.landedEarlier(keys.idempotency(key), error, token);
    }
  }

  async complete(key: string): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.idempotency(key),
          UpdateExpression: "SET #status = :completed REMOVE inProgressUntil",
          ConditionExpression: "attribute_exists(pk)",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":completed": COMPLETED },
        }),
      );
    } catch (error) {
      // Released meanwhile (the work failed and gave its claim back): nothing to complete.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async release(key: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: keys.idempotency(key) }));
  }
}
