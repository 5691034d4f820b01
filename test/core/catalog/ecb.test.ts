import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { ecbRates } from "../../../src/adapters/pricing/ecb.ts";
import { parseEcbDaily } from "../../../src/core/catalog/ecb.ts";

/** A copy in the ECB's format of eurofxref-daily.xml (values written for this test). */
const XML = readFileSync("test/fixtures/ecb/eurofxref-daily.xml", "utf8");

describe("ECB daily reference rates", () => {
  it("become rates per 1 USD, dated and sourced; TWD (not published by the ECB) is left to the catalog", () => {
    const source =
      "ECB euro foreign exchange reference rates of 2026-12-03; https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml";
    expect(parseEcbDaily(XML)).toEqual([
      // 8.2448 / 1.1650 = 7.0770815… → 7.077082 CNY per USD.
      { currency: "CNY", perUsd: "7.077082", source, asOf: "2026-12-03" },
      // 1 / 1.1650 = 0.8583690… → 0.858369 EUR per USD.
      { currency: "EUR", perUsd: "0.858369", source, asOf: "2026-12-03" },
    ]);
  });

  it("refuses a document that is not the daily rates", () => {
    expect(() => parseEcbDaily("<html>maintenance</html>")).toThrow(/no <Cube time/);
  });

  it("the adapter fetches the document over HTTP (a loopback server serving the recorded copy)", async () => {
    const server = createServer((req, res) => {
      res.writeHead(req.url === "/stats/eurofxref/eurofxref-daily.xml" ? 200 : 404, {
        "content-type": "text/xml",
      });
      res.end(XML);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    try {
      const rates = await ecbRates(fetch, `http://127.0.0.1:${port}/stats/eurofxref/eurofxref-daily.xml`)();
      expect(rates.map((r) => [r.currency, r.perUsd])).toEqual([
        ["CNY", "7.077082"],
        ["EUR", "0.858369"],
      ]);
      await expect(ecbRates(fetch, `http://127.0.0.1:${port}/nope`)()).rejects.toThrow("HTTP 404");
    } finally {
      server.close();
    }
  });
});
