import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import type { PriceOverlay, PriceOverlayStore } from "../../app/ports.ts";
import { CURRENCIES } from "../../core/money.ts";

/**
 * The live-price overlay: not a tenant's item (prices are the same for everyone), so it lives
 * in its own partition. `LATEST` is what replies read; each refresh also keeps a dated copy
 * (`OVERLAY#<date>`) so a person can see what changed when. Another region's overlay is
 * `LATEST#<region>` and `REGION#<region>#OVERLAY#<date>`; `REGIONS` lists the regions someone
 * priced in, which the daily refresh covers.
 */
export const PRICES_PK = "PRICES";
const LATEST = "LATEST";
const REGIONS = "REGIONS";
const latest = (region?: string) => (region && region !== "us-east-1" ? `${LATEST}#${region}` : LATEST);
const dated = (o: { date: string; region?: string | undefined }) =>
  o.region && o.region !== "us-east-1" ? `REGION#${o.region}#OVERLAY#${o.date}` : `OVERLAY#${o.date}`;

const Overlay = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  fetchedAt: z.string(),
  prices: z.array(z.object({ key: z.string(), value: z.string(), asOf: z.string(), source: z.string() })),
  held: z.array(
    z.object({ key: z.string(), shipped: z.string(), fetched: z.string().optional(), reason: z.string() }),
  ),
  rates: z
    .array(
      z.object({
        currency: z.enum(CURRENCIES),
        perUsd: z.string(),
        source: z.string(),
        asOf: z.string(),
      }),
    )
    .optional(),
  region: z.string().optional(),
});

export class DynamoPriceOverlay implements PriceOverlayStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async getOverlay(region?: string): Promise<PriceOverlay | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: { pk: PRICES_PK, sk: latest(region) } }),
    );
    if (!Item) return undefined;
    const parsed = Overlay.safeParse(Item.overlay);
    if (!parsed.success)
      throw new Error(`the price overlay item is malformed: ${z.prettifyError(parsed.error)}`);
    return parsed.data;
  }

  /**
   * The newest dated overlay from before `date` (YYYY-MM-DD): the prices in force before that
   * day's refresh, which drift notices compare with. One key query on the PRICES partition,
   * newest first; undefined when no earlier refresh was kept.
   */
  async getOverlayBefore(date: string): Promise<PriceOverlay | undefined> {
    const { Items } = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
        ExpressionAttributeValues: { ":pk": PRICES_PK, ":from": "OVERLAY#", ":to": `OVERLAY#${date}` },
        ScanIndexForward: false,
        Limit: 2,
      }),
    );
    const item = (Items ?? []).find((i) => String(i.sk) < `OVERLAY#${date}`);
    if (!item) return undefined;
    const parsed = Overlay.safeParse(item.overlay);
    if (!parsed.success)
      throw new Error(`the price overlay item ${item.sk} is malformed: ${z.prettifyError(parsed.error)}`);
    return parsed.data;
  }

  async putOverlay(overlay: PriceOverlay): Promise<void> {
    const item = { overlay: Overlay.parse(overlay) };
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: { pk: PRICES_PK, sk: dated(overlay), ...item },
      }),
    );
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: { pk: PRICES_PK, sk: latest(overlay.region), ...item },
      }),
    );
  }

  async noteRegion(region: string): Promise<void> {
    if (region === "us-east-1") return;
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { pk: PRICES_PK, sk: REGIONS },
        UpdateExpression: "ADD regions :r",
        ExpressionAttributeValues: { ":r": new Set([region]) },
      }),
    );
  }

  async regionsUsed(): Promise<string[]> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: { pk: PRICES_PK, sk: REGIONS } }),
    );
    const regions = Item?.regions;
    return regions instanceof Set ? [...regions].map(String).sort() : [];
  }
}
