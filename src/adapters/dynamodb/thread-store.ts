import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Tenant, ThreadLink, ThreadStore } from "../../app/ports.ts";
import { threadItem } from "./items.ts";
import { keys } from "./table.ts";
import { TableAccess } from "./table-access.ts";

/** Thread links (channel + thread → scenario and its what-ifs), versioned against lost races. */
export class DynamoThreadStore implements ThreadStore {
  private readonly items: TableAccess;

  constructor(db: DynamoDBDocumentClient, table: string) {
    this.items = new TableAccess(db, table);
  }

  getThread(tenant: Tenant, channel: string, thread: string): Promise<ThreadLink | undefined> {
    return this.items.get(keys.thread(tenant, channel, thread), threadItem);
  }

  async putThread(link: Omit<ThreadLink, "version">, expectedVersion: number): Promise<ThreadLink> {
    const key = keys.thread(link.tenant, link.channel, link.thread);
    const version = await this.items.putVersioned(key, link, expectedVersion, `the thread's scenario`);
    return { ...link, version };
  }
}
