import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Clock, Tenant, ThreadLink, ThreadStore } from "../../app/ports.ts";
import { threadItem } from "./items.ts";
import { expiresAfter, keys, RETENTION_SECONDS, TTL_ATTRIBUTE } from "./table.ts";
import { TableAccess } from "./table-access.ts";

const systemClock: Clock = { now: () => new Date() };

/**
 * Thread links (channel + thread → scenario and its what-ifs), versioned against lost races.
 * Every write sets the TTL attribute afresh, so a thread lives RETENTION_SECONDS.thread after
 * its last what-if; the clock is injected so tests can check the exact expiry.
 */
export class DynamoThreadStore implements ThreadStore {
  private readonly items: TableAccess;

  constructor(
    db: DynamoDBDocumentClient,
    table: string,
    private readonly clock: Clock = systemClock,
  ) {
    this.items = new TableAccess(db, table);
  }

  getThread(tenant: Tenant, channel: string, thread: string): Promise<ThreadLink | undefined> {
    return this.items.get(keys.thread(tenant, channel, thread), threadItem);
  }

  async putThread(link: Omit<ThreadLink, "version">, expectedVersion: number): Promise<ThreadLink> {
    const key = keys.thread(link.tenant, link.channel, link.thread);
    const expiry = { [TTL_ATTRIBUTE]: expiresAfter(this.clock.now(), RETENTION_SECONDS.thread) };
    const version = await this.items.putVersioned(
      key,
      { ...link, ...expiry },
      expectedVersion,
      `the thread's scenario`,
    );
    return { ...link, version };
  }
}
