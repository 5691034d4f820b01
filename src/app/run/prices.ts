import { UserError } from "../../core/errors.ts";
import { didYouMean } from "../../core/names.ts";
import type { Deps } from "../ports.ts";
import { PriceListUnavailable, refreshPrices } from "../price-overlay.ts";
import { errorReply, type Reply } from "../reply.ts";
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
  if (!found.length)
    throw new UserError(
      `no price matches \`${filter}\`${didYouMean(
        filter ?? "",
        all.map((p) => p.key),
      )}`,
    );
  const shown = found.slice(0, PRICE_ROWS);
  const live = found.filter((p) => p.live);
  return {
    kind: "info",
    visibility: "private",
    summary: `${found.length} price${found.length === 1 ? "" : "s"}${filter ? ` matching ${filter}` : ""}`,
    blocks: [
      { type: "heading", text: `Catalog prices${filter ? ` matching \`${filter}\`` : ""}` },
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
          p.live ? `${p.asOf} (AWS Price List API, live)` : priceDate(p),
        ]),
      },
      {
        type: "context",
        text: [
          found.length > shown.length
            ? `${shown.length} of ${found.length} shown; narrow it: \`prices lambda\`, \`prices ec2\`, \`prices model.nova\`.`
            : "",
          live.length
            ? `${live.length} live from the AWS Price List API.`
            : "Shipped prices (no live overlay).",
          "A workload's `price:` names one of these keys; `detail=full` shows each price's full source.",
        ]
          .filter(Boolean)
          .join(" "),
      },
    ],
    data: { kind: "prices", prices: found },
    status: 0,
  };
}

/** `prices refresh`: reads the AWS Price List API with the caller's credentials and stores the overlay. */
export async function runPricesRefresh(deps: Deps): Promise<Reply> {
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
      { type: "heading", text: `Prices refreshed ${overlay.date}` },
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
