import { checkOverride, priceText } from "../../core/catalog/price-book.ts";
import { UserError } from "../../core/errors.ts";
import { didYouMean } from "../../core/names.ts";
import type { Command } from "../commands.ts";
import { requireMember } from "../members.ts";
import type { Context, Deps } from "../ports.ts";
import { PriceListUnavailable } from "../ports.ts";
import { forgetPriceBook, refreshPrices } from "../price-overlay.ts";
import { errorReply, type Reply, textReply } from "../reply.ts";
import { priceDate } from "./info.ts";

/** At most this many rows in a chat table; `prices <filter>` narrows the rest. */
const PRICE_ROWS = 60;

/** `prices [filter]`: every catalog key (the vocabulary of a workload's `price:`) with value, unit, source, date. */
export async function runPrices(filter: string | undefined, deps: Deps): Promise<Reply> {
  await deps.catalog.loadAllModels();
  // Service prices first, then the models' token prices.
  const all = [...deps.catalog.prices()].sort(
    (a, b) =>
      Number(a.key.startsWith("model.")) - Number(b.key.startsWith("model.")) || a.key.localeCompare(b.key),
  );
  const words = filter?.toLowerCase().split(/\s+/).filter(Boolean) ?? [];
  const found = all.filter((p) =>
    words.every((w) => `${p.key} ${p.unit} ${p.source}`.toLowerCase().includes(w)),
  );
  // The free allowances `beyond()` and `allowance()` take, beside the prices.
  const allowances = deps.catalog
    .keys("allowance")
    .map((k) => deps.catalog.allowance(k)!)
    .filter((a) => words.every((w) => `${a.key} ${a.unit} ${a.source}`.toLowerCase().includes(w)))
    .sort((a, b) => a.key.localeCompare(b.key));
  const region = deps.catalog.region && deps.catalog.region !== "us-east-1" ? deps.catalog.region : undefined;
  if (!found.length && allowances.length) return allowanceReply(allowances, filter);
  if (!found.length)
    throw new UserError(
      `no price matches \`${filter}\`${didYouMean(
        filter ?? "",
        all.map((p) => p.key),
      )}`,
    );
  const shown = found.slice(0, PRICE_ROWS);
  const live = found.filter((p) => p.live);
  const booked = found.filter((p) => p.book);
  return {
    kind: "info",
    visibility: "private",
    summary: `${found.length} price${found.length === 1 ? "" : "s"}${filter ? ` matching ${filter}` : ""}${region ? ` in ${region}` : ""}`,
    blocks: [
      {
        type: "heading",
        text: `Catalog prices${filter ? ` matching \`${filter}\`` : ""}${region ? ` in ${region}` : ""}`,
      },
      {
        type: "table",
        columns: [
          { header: "Key", align: "left" },
          { header: "Value", align: "right" },
          { header: "Per", align: "left" },
          { header: "As of (source)", align: "left", narrow: "drop" },
        ],
        rows: shown.map((p) => [
          p.key,
          `${p.value} ${p.currency}`,
          `${p.per === 1 ? "" : `${p.per.toLocaleString("en-US")} `}${p.unit}`,
          p.book && p.source.startsWith("your price book")
            ? `${p.asOf} (your price book)`
            : p.live
              ? `${p.asOf} (AWS Price List API, live${p.region ? `, ${p.region}` : ""})`
              : priceDate(p),
        ]),
      },
      ...(allowances.length ? allowanceBlocks(allowances) : []),
      {
        type: "context",
        text: [
          found.length > shown.length
            ? `${shown.length} of ${found.length} shown; narrow it: \`prices lambda\`, \`prices ec2\`, \`prices model.nova\`.`
            : "",
          live.length
            ? `${live.length} live from the AWS Price List API.`
            : "Shipped prices (no live overlay).",
          booked.length ? `${booked.length} from your price book (\`prices book\`).` : "",
          "A workload's `price:` names one of these keys; `detail=full` shows each price's full source.",
        ]
          .filter(Boolean)
          .join(" "),
      },
    ],
    data: { kind: "prices", ...(region ? { region } : {}), prices: found, allowances },
    status: 0,
  };
}

type Allowance = NonNullable<ReturnType<Deps["catalog"]["allowance"]>>;

function allowanceBlocks(allowances: readonly Allowance[]): Reply["blocks"] {
  return [
    { type: "heading", text: "Free allowances (the keys `beyond()` and `allowance()` take)" },
    {
      type: "table",
      columns: [
        { header: "Key", align: "left" },
        { header: "Quantity", align: "right" },
        { header: "Unit", align: "left" },
        { header: "As of", align: "left", narrow: "drop" },
      ],
      rows: allowances.map((a) => [a.key, a.quantity.toLocaleString("en-US"), a.unit, a.asOf]),
    },
  ];
}

function allowanceReply(allowances: readonly Allowance[], filter: string | undefined): Reply {
  return {
    kind: "info",
    visibility: "private",
    summary: `${allowances.length} free allowance${allowances.length === 1 ? "" : "s"} matching ${filter}`,
    blocks: allowanceBlocks(allowances),
    data: { kind: "prices", prices: [], allowances },
    status: 0,
  };
}

function requireBook(deps: Deps): NonNullable<Deps["priceBook"]> {
  if (!deps.priceBook) throw new UserError("this costbot has no price book store configured");
  return deps.priceBook;
}

/** `prices set <key>=<amount>`: a negotiated rate for the tenant, in the entry's own unit. */
export async function runPriceSet(
  set: NonNullable<Extract<Command, { kind: "prices" }>["set"]>,
  ctx: Context,
  deps: Deps,
): Promise<Reply> {
  requireMember(ctx, "change the price book; nothing stored");
  const book = requireBook(deps);
  const list = deps.shippedCatalog ?? deps.catalog;
  await list.loadAllModels();
  const value = checkOverride(list, set.key, set.text);
  const entry = list.price(set.key)!;
  const before = await book.setPrice(ctx.tenant, {
    key: set.key,
    value,
    setBy: ctx.user,
    setAt: deps.clock.now().toISOString(),
  });
  forgetPriceBook(book, ctx.tenant);
  const text = `Your price book: \`${set.key}\` is now ${priceText(entry, value)} (list ${entry.value}${
    before ? `; was ${before.value} in your book` : ""
  }). Every estimate of this workspace uses it and says so in its sources; \`prices unset ${set.key}\` removes it.`;
  return { ...textReply("info", text), data: { key: set.key, value, list: entry.value } };
}

/** `prices unset <key>` */
export async function runPriceUnset(key: string, ctx: Context, deps: Deps): Promise<Reply> {
  requireMember(ctx, "change the price book; nothing stored");
  const book = requireBook(deps);
  const removed = await book.unsetPrice(ctx.tenant, key);
  forgetPriceBook(book, ctx.tenant);
  if (!removed) {
    const keys = (await book.getPriceBook(ctx.tenant)).overrides.map((o) => o.key);
    throw new UserError(
      `\`${key.slice(0, 80)}\` is not in your price book${didYouMean(key, keys)}`,
      "`prices book` lists what your workspace overrides",
    );
  }
  const list = (deps.shippedCatalog ?? deps.catalog).price(key);
  const text = `Removed \`${key}\` (${removed.value}) from your price book: estimates use the catalog's ${
    list ? priceText(list) : "price"
  } again.`;
  return { ...textReply("info", text), data: { key, removed: removed.value } };
}

/** `prices book`: what the tenant overrides, by whom, when; and its discount. */
export async function runPriceBook(ctx: Context, deps: Deps): Promise<Reply> {
  // Negotiated rates are the workspace's own business.
  requireMember(ctx, "see the price book");
  const book = await requireBook(deps).getPriceBook(ctx.tenant);
  const list = deps.shippedCatalog ?? deps.catalog;
  await list.loadAllModels();
  const discount = book.discount
    ? `${book.discount.percent} % off every AWS-billed price (aws.* keys and Bedrock models) not set below, set by ${book.discount.setBy} on ${book.discount.setAt.slice(0, 10)}.`
    : "No discount (`settings discount=aws:6%` sets one).";
  if (!book.overrides.length)
    return {
      ...textReply(
        "info",
        `Your price book sets no prices: estimates use the catalog's. \`prices set aws.ec2.g4dn.xlarge=0.41\` sets a negotiated rate. ${discount}`,
        "private",
      ),
      data: book,
    };
  return {
    kind: "info",
    visibility: "private",
    summary: `Your price book: ${book.overrides.length} price${book.overrides.length === 1 ? "" : "s"}`,
    blocks: [
      { type: "heading", text: "Your price book" },
      {
        type: "table",
        columns: [
          { header: "Key", align: "left" },
          { header: "Yours", align: "right" },
          { header: "List", align: "right" },
          { header: "Per", align: "left", narrow: "drop" },
          { header: "Set by", align: "left" },
          { header: "On", align: "left" },
        ],
        rows: book.overrides.map((o) => {
          const p = list.price(o.key);
          return [
            o.key,
            o.value,
            p?.value ?? "–",
            p ? `${p.currency} per ${p.per === 1 ? "" : `${p.per.toLocaleString("en-US")} `}${p.unit}` : "",
            o.setBy,
            o.setAt.slice(0, 10),
          ];
        }),
      },
      { type: "context", text: `${discount} \`prices unset <key>\` removes a price.` },
    ],
    data: book,
    status: 0,
  };
}

/** `prices refresh [region=…]`: reads the AWS Price List API with the caller's credentials and stores the overlay. */
export async function runPricesRefresh(deps: Deps, region?: string): Promise<Reply> {
  if (!deps.priceList)
    throw new UserError(
      "prices refresh runs from the CLI (`costbot prices refresh`) or the daily `prices` function",
    );
  let overlay: Awaited<ReturnType<typeof refreshPrices>>;
  try {
    overlay = await refreshPrices(
      await deps.priceList(),
      deps.overlay,
      deps.shippedCatalog ?? deps.catalog,
      deps.clock.now(),
      deps.log,
      deps.rateSource,
      region,
    );
  } catch (error) {
    if (!(error instanceof PriceListUnavailable)) throw error;
    return { ...errorReply(error.message), code: "unavailable", status: 1 };
  }
  const summary = `${overlay.prices.length} live prices from the AWS Price List API (${overlay.date}); ${overlay.held.length} held for review`;
  return {
    kind: "info",
    visibility: "private",
    summary,
    blocks: [
      {
        type: "heading",
        text: `Prices refreshed ${overlay.date}${overlay.region ? ` for ${overlay.region}` : ""}`,
      },
      {
        type: "table",
        columns: [
          { header: "Key", align: "left" },
          { header: "Live (USD)", align: "right" },
          { header: "Effective", align: "left" },
        ],
        rows: overlay.prices.map((p) => [p.key, p.value, p.asOf]),
      },
      ...(overlay.held.length
        ? [
            {
              type: "notes" as const,
              items: overlay.held.map(
                (h) =>
                  `${h.key}: shipped ${h.shipped}${h.fetched ? `, fetched ${h.fetched}` : ""}: ${h.reason}; not applied`,
              ),
            },
          ]
        : []),
      {
        type: "context",
        text: `${deps.overlay ? "Stored as the live overlay." : "Not stored: set COSTBOT_TABLE to the deployed table to store it."} Keys without a live price keep their shipped entries.`,
      },
    ],
    data: overlay,
    status: 0,
  };
}
