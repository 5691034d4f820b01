import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetProductsCommand, PricingClient } from "@aws-sdk/client-pricing";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runCli } from "../src/cli.ts";
import { ECB_DAILY_URL } from "../src/core/catalog/ecb.ts";

/**
 * Issue 15's CLI gap: without COSTBOT_TABLE, `costbot prices refresh` stores the overlay in the
 * embedded store, and later local estimates price with it. GetProducts answers are recorded
 * (AWS's aws_v1 format); the ECB's rates are the recorded copy.
 */
const recorded = (name: string) => JSON.parse(readFileSync(`test/fixtures/pricing/${name}.json`, "utf8"));
const pricing = mockClient(PricingClient);

async function cli(home: string, ...args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(
    args,
    { COSTBOT_HOME: home, USER: "ana" },
    { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
  );
  return { code, stdout, stderr };
}
const freshHome = () => mkdtempSync(join(tmpdir(), "costbot-live-"));
/** 30,000,000 calls: API Gateway REST 30 × 3.50 = 105.00 (at 3.70: 111.00), Lambda 6.25; see prices-drift.test.ts. */
const HEAVY = [
  "bedrock-api",
  "devs=1000",
  "calls=1000",
  "input_tokens=0",
  "output_tokens=0",
  "s3_monthly=0",
  "free_tier=false",
  "duration_ms=1",
];

beforeAll(() => {
  // The SDK's default credential chain reads the process's environment: the user's credentials.
  vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIDTESTING");
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", "test");
  pricing.on(GetProductsCommand).resolves(recorded("empty"));
  pricing
    .on(GetProductsCommand, {
      ServiceCode: "AmazonApiGateway",
      Filters: [
        { Type: "TERM_MATCH", Field: "regionCode", Value: "us-east-1" },
        { Type: "TERM_MATCH", Field: "usagetype", Value: "ApiGatewayRequest" },
      ],
    })
    .resolves(recorded("drift/apigw-rest-3.70"));
  const ecb = readFileSync("test/fixtures/ecb/eurofxref-daily.xml", "utf8");
  const realFetch = globalThis.fetch;
  vi.stubGlobal("fetch", (url: string | URL | Request, init?: RequestInit) =>
    String(url) === ECB_DAILY_URL ? Promise.resolve(new Response(ecb)) : realFetch(url, init),
  );
  // Held prices are logged for a person; the CLI's log is a file under the home.
});
afterAll(() => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
  pricing.restore();
});

describe("costbot prices refresh without COSTBOT_TABLE", () => {
  it("stores the overlay in the embedded store; local estimates then use the live price", async () => {
    const home = freshHome();
    const before = await cli(home, ...HEAVY);
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(/^bedrock-api: 111\.25 USD \/ month/);

    const refresh = await cli(home, "prices", "refresh");
    expect(refresh.code, refresh.stderr).toBe(0);
    expect(refresh.stdout).toMatch(/aws\.apigw\.rest +3\.7 /);
    expect(refresh.stdout).toContain("Stored as the live overlay.");

    // 105.00 → 111.00: 111.00 + 6.25 = 117.25.
    const after = await cli(home, ...HEAVY);
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(/^bedrock-api: 117\.25 USD \/ month/);
    expect(after.stdout).toMatch(/API Gateway \(REST\) +111\.00/);
    const prices = await cli(home, "prices", "apigw");
    expect(prices.stdout).toMatch(/aws\.apigw\.rest +3\.7 USD .*AWS Price List API, live/);
  });

  it("before any local refresh, a command that needs no store still opens none", async () => {
    const home = freshHome();
    const r = await cli(home, "compare", "bedrock-api", "api=rest,http");
    expect(r.code).toBe(0);
    expect(existsSync(join(home, "dynamodb"))).toBe(false);
  });
});
