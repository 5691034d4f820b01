import { randomUUID } from "node:crypto";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  paginateQuery,
  type QueryCommandInput,
} from "@aws-sdk/lib-dynamodb";
import type { z } from "zod";
import { ConflictError, type Tenant } from "../../app/ports.ts";
import { parseItem } from "./items.ts";
import { type ItemKey, keys } from "./table.ts";

/** The attribute holding the token of the write that produced an item (see `landedEarlier`). */
export const WRITE_TOKEN = "writeToken";

/**
 * The reads and writes every store on the one table shares: validated gets, deletes that
 * say what was there, tenant-partition queries, and versioned puts. The client is injected,
 * built once per process by the caller with `removeUndefinedValues` on.
 */
export class TableAccess {
  constructor(
    readonly db: DynamoDBDocumentClient,
    readonly table: string,
  ) {}

  async get<S extends z.ZodType>(key: ItemKey, schema: S): Promise<z.output<S> | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.table, Key: key }));
    return Item === undefined ? undefined : parseItem(schema, key, Item);
  }

  async put(item: Record<string, unknown>): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: item }));
  }

  /** Deletes and returns what was there, so callers learn whether anything was deleted. */
  async delete(key: ItemKey): Promise<Record<string, unknown> | undefined> {
    const out = await this.db.send(
      new DeleteCommand({ TableName: this.table, Key: key, ReturnValues: "ALL_OLD" }),
    );
    return out.Attributes;
  }

  /** Every item of one kind in a tenant's partition, across pages, in key order. */
  async query<S extends z.ZodType>(
    tenant: Tenant,
    prefix: string,
    schema: S,
    projection: Pick<QueryCommandInput, "ProjectionExpression" | "ExpressionAttributeNames"> = {},
  ): Promise<z.output<S>[]> {
    const pages = paginateQuery(
      { client: this.db },
      {
        TableName: this.table,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
        ExpressionAttributeValues: { ":pk": keys.tenant(tenant), ":prefix": prefix },
        ...projection,
      },
    );
    const found: z.output<S>[] = [];
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        found.push(parseItem(schema, { pk: String(item.pk), sk: String(item.sk) }, item));
      }
    }
    return found;
  }

  /**
   * A conditional write whose first attempt may have landed although its answer was lost (a
   * timeout or reset connection, then the SDK's retry): the retry then fails its own condition.
   * Every such write carries a fresh token; when the SDK retried and the condition failed, a
   * strongly consistent read tells whether the item holds our token, i.e. the write was ours.
   */
  async landedEarlier(key: ItemKey, error: ConditionalCheckFailedException, token: string): Promise<boolean> {
    if ((error.$metadata.attempts ?? 1) <= 1) return false;
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }),
    );
    return Item?.[WRITE_TOKEN] === token;
  }

  /** A put that only succeeds at the version the writer read; a lost race becomes ConflictError. */
  async putVersioned(key: ItemKey, item: object, expectedVersion: number, what: string): Promise<number> {
    const version = expectedVersion + 1;
    const token = randomUUID();
    const condition =
      expectedVersion === 0
        ? { ConditionExpression: "attribute_not_exists(pk)" }
        : {
            ConditionExpression: "#version = :expected",
            ExpressionAttributeNames: { "#version": "version" },
            ExpressionAttributeValues: { ":expected": expectedVersion },
          };
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...item, ...key, version, [WRITE_TOKEN]: token },
          ...condition,
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      if (!(await this.landedEarlier(key, error, token))) throw new ConflictError(what, { cause: error });
    }
    return version;
  }
}
