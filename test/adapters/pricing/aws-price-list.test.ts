import { readFileSync } from "node:fs";
import { GetProductsCommand, PricingClient } from "@aws-sdk/client-pricing";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { AwsPriceList } from "../../../src/adapters/pricing/aws-price-list.ts";
import { PRICE_LIST_QUERIES } from "../../../src/adapters/pricing/filters.ts";
import { onDemandPrice } from "../../../src/adapters/pricing/price-list.ts";
import { PriceListUnavailable } from "../../../src/app/ports.ts";
import { builtInCatalog } from "../../../src/core/catalog/index.ts";

/** GetProducts answers in AWS's format (aws_v1: each PriceList item a JSON string), written for these tests. */
const recorded = (name: string) =>
  JSON.parse(readFileSync(`test/fixtures/pricing/${name}.json`, "utf8")) as {
    FormatVersion: string;
    PriceList: string[];
  };

const pricing = mockClient(PricingClient);
afterEach(() => pricing.reset());
const client = () =>
  new PricingClient({
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDTESTING", secretAccessKey: "test" },
  });
const catalog = builtInCatalog();
const QUERIES = {
  "aws.ec2.t3.medium": PRICE_LIST_QUERIES["aws.ec2.t3.medium"]!,
  "aws.lambda.requests": PRICE_LIST_QUERIES["aws.lambda.requests"]!,
  "aws.lambda.gb-second": PRICE_LIST_QUERIES["aws.lambda.gb-second"]!,
  "aws.apigw.rest": PRICE_LIST_QUERIES["aws.apigw.rest"]!,
  "aws.s3.standard": PRICE_LIST_QUERIES["aws.s3.standard"]!,
};

describe("AWS Price List adapter (GetProducts mocked with recorded answers; the requests asserted)", () => {
  it("asks GetProducts once per key with that key's TERM_MATCH filters, and converts to the catalog's unit", async () => {
    pricing
      .on(GetProductsCommand, { ServiceCode: "AmazonEC2" })
      .resolves(recorded("ec2-t3-medium"))
      .on(GetProductsCommand, {
        ServiceCode: "AWSLambda",
        Filters: [
          { Type: "TERM_MATCH", Field: "regionCode", Value: "us-east-1" },
          { Type: "TERM_MATCH", Field: "group", Value: "AWS-Lambda-Requests" },
          { Type: "TERM_MATCH", Field: "usagetype", Value: "Request" },
        ],
      })
      .resolves(recorded("lambda-requests"))
      .on(GetProductsCommand, {
        ServiceCode: "AWSLambda",
        Filters: [
          { Type: "TERM_MATCH", Field: "regionCode", Value: "us-east-1" },
          { Type: "TERM_MATCH", Field: "group", Value: "AWS-Lambda-Duration" },
          { Type: "TERM_MATCH", Field: "usagetype", Value: "Lambda-GB-Second" },
        ],
      })
      .resolves(recorded("lambda-gb-second"))
      .on(GetProductsCommand, { ServiceCode: "AmazonApiGateway" })
      .resolves(recorded("apigw-rest"))
      .on(GetProductsCommand, { ServiceCode: "AmazonS3" })
      .resolves(recorded("empty"));
    const fetched = await new AwsPriceList(client(), catalog, QUERIES).fetchAll();

    const calls = pricing.commandCalls(GetProductsCommand).map((c) => c.args[0].input);
    expect(calls).toEqual([
      {
        ServiceCode: "AmazonEC2",
        FormatVersion: "aws_v1",
        MaxResults: 10,
        Filters: [
          { Type: "TERM_MATCH", Field: "regionCode", Value: "us-east-1" },
          { Type: "TERM_MATCH", Field: "instanceType", Value: "t3.medium" },
          { Type: "TERM_MATCH", Field: "operatingSystem", Value: "Linux" },
          { Type: "TERM_MATCH", Field: "tenancy", Value: "Shared" },
          { Type: "TERM_MATCH", Field: "preInstalledSw", Value: "NA" },
          { Type: "TERM_MATCH", Field: "capacitystatus", Value: "Used" },
          { Type: "TERM_MATCH", Field: "licenseModel", Value: "No License required" },
        ],
      },
      {
        ServiceCode: "AWSLambda",
        FormatVersion: "aws_v1",
        MaxResults: 10,
        Filters: [
          { Type: "TERM_MATCH", Field: "regionCode", Value: "us-east-1" },
          { Type: "TERM_MATCH", Field: "group", Value: "AWS-Lambda-Requests" },
          { Type: "TERM_MATCH", Field: "usagetype", Value: "Request" },
        ],
      },
      {
        ServiceCode: "AWSLambda",
        FormatVersion: "aws_v1",
        MaxResults: 10,
        Filters: [
          { Type: "TERM_MATCH", Field: "regionCode", Value: "us-east-1" },
          { Type: "TERM_MATCH", Field: "group", Value: "AWS-Lambda-Duration" },
          { Type: "TERM_MATCH", Field: "usagetype", Value: "Lambda-GB-Second" },
        ],
      },
      {
        ServiceCode: "AmazonApiGateway",
        FormatVersion: "aws_v1",
        MaxResults: 10,
        Filters: [
          { Type: "TERM_MATCH", Field: "regionCode", Value: "us-east-1" },
          { Type: "TERM_MATCH", Field: "usagetype", Value: "ApiGatewayRequest" },
        ],
      },
      {
        ServiceCode: "AmazonS3",
        FormatVersion: "aws_v1",
        MaxResults: 10,
        Filters: [
          { Type: "TERM_MATCH", Field: "regionCode", Value: "us-east-1" },
          { Type: "TERM_MATCH", Field: "usagetype", Value: "TimedStorage-ByteHrs" },
          { Type: "TERM_MATCH", Field: "volumeType", Value: "Standard" },
        ],
      },
    ]);
    expect(fetched.map(({ key, value, asOf }) => ({ key, value, asOf }))).toEqual([
      // 0.0420 USD per hour; the catalog's entry is per 1 instance-hour.
      { key: "aws.ec2.t3.medium", value: "0.042", asOf: "2026-11-01" },
      // 0.0000002 USD per request × 1,000,000 (the entry's `per`) = 0.2.
      { key: "aws.lambda.requests", value: "0.2", asOf: "2026-11-01" },
      // The tier that begins at 0 (first 6 billion GB-s), though AWS lists it second.
      { key: "aws.lambda.gb-second", value: "0.0000166667", asOf: "2026-11-01" },
      // 0.0000070 × 1,000,000 = 7: the adapter reports it; the overlay decides (see price-overlay tests).
      { key: "aws.apigw.rest", value: "7", asOf: "2026-11-01" },
      // No product: vanished.
      { key: "aws.s3.standard", value: undefined, asOf: undefined },
    ]);
    expect(fetched[4]!.query).toBe(
      "AmazonS3 regionCode=us-east-1 usagetype=TimedStorage-ByteHrs volumeType=Standard",
    );
  });

  it("a product in another unit than the filter expects counts as vanished, not as a price", async () => {
    pricing.on(GetProductsCommand).resolves(recorded("lambda-requests"));
    const [fetched] = await new AwsPriceList(client(), catalog, {
      "aws.lambda.gb-second": QUERIES["aws.lambda.gb-second"],
    }).fetchAll();
    expect(fetched).toEqual({
      key: "aws.lambda.gb-second",
      query: "AWSLambda regionCode=us-east-1 group=AWS-Lambda-Duration usagetype=Lambda-GB-Second",
    });
  });

  it("without credentials: PriceListUnavailable with one clear line, and no request sent", async () => {
    const noCredentials = new PricingClient({
      region: "us-east-1",
      credentials: async () => {
        throw new Error("Could not load credentials from any providers");
      },
    });
    const error = await new AwsPriceList(noCredentials, catalog, QUERIES).fetchAll().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PriceListUnavailable);
    expect((error as Error).message).toMatch(/^no AWS credentials: `costbot prices refresh` reads/);
    expect((error as Error).message).not.toContain("\n");
    expect(pricing.commandCalls(GetProductsCommand)).toHaveLength(0);
  });

  it("every key in the filter table is a catalog key, and reads the us-east-1 price list", () => {
    for (const [key, q] of Object.entries(PRICE_LIST_QUERIES)) {
      expect(catalog.price(key), key).toBeDefined();
      expect(q.filters.regionCode, key).toBe("us-east-1");
    }
  });

  it("onDemandPrice ignores items without an on-demand USD price", () => {
    expect(onDemandPrice(JSON.stringify({ product: { sku: "X" }, terms: {} }))).toBeUndefined();
  });
});
