import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { FakeSlack } from "../fixtures/slack/fake-slack.ts";
import { SIGNING_SECRET, urlVerification } from "../fixtures/slack/requests.ts";

const BUNDLE = pathToFileURL(resolve("dist/slack/index.mjs")).href;
const coldStart = (instance: string) =>
  import(/* @vite-ignore */ `${BUNDLE}?${instance}`) as Promise<{
    handler: (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string }>;
  }>;

const SETTINGS = [
  "SLACK_SIGNING_SECRET",
  "SLACK_BOT_TOKEN",
  "TABLE_NAME",
  "SLACK_BOT_USER_ID",
  "SLACK_BOT_ID",
];
const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe("slack handler cold start", () => {
  it("fails, naming each missing setting", async () => {
    for (const name of SETTINGS) delete process.env[name];
    process.env.SLACK_BOT_TOKEN = "xoxb-1";
    await expect(coldStart("missing-settings")).rejects.toThrow(
      /SLACK_SIGNING_SECRET: .*is required[\s\S]*TABLE_NAME: .*is required/,
    );
  });

  it("reads the signing secret and bot token from SSM Parameter Store when given only their names", async () => {
    // A stand-in for SSM's GetParameters (JSON 1.1 protocol) on loopback.
    const asked: unknown[] = [];
    const ssm = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        asked.push({ target: req.headers["x-amz-target"], ...JSON.parse(body) });
        res.writeHead(200, { "content-type": "application/x-amz-json-1.1" });
        res.end(
          JSON.stringify({
            Parameters: [
              { Name: "/costbot/test/slack/signing-secret", Value: SIGNING_SECRET, Type: "SecureString" },
              { Name: "/costbot/test/slack/bot-token", Value: "xoxb-from-ssm", Type: "SecureString" },
            ],
            InvalidParameters: [],
          }),
        );
      });
    });
    await new Promise<void>((done) => ssm.listen(0, "127.0.0.1", done));
    const slack = await new FakeSlack().start();
    try {
      for (const name of SETTINGS) delete process.env[name];
      Object.assign(process.env, {
        SLACK_SIGNING_SECRET_PARAM: "/costbot/test/slack/signing-secret",
        SLACK_BOT_TOKEN_PARAM: "/costbot/test/slack/bot-token",
        TABLE_NAME: "costbot-test",
        SLACK_API_URL: slack.apiUrl,
        AWS_ENDPOINT_URL_SSM: `http://127.0.0.1:${(ssm.address() as AddressInfo).port}`,
        AWS_REGION: "us-east-1",
        AWS_ACCESS_KEY_ID: "test",
        AWS_SECRET_ACCESS_KEY: "test",
      });
      const { handler } = await coldStart("ssm-settings");
      expect(asked).toEqual([
        {
          target: "AmazonSSM.GetParameters",
          Names: ["/costbot/test/slack/signing-secret", "/costbot/test/slack/bot-token"],
          WithDecryption: true,
        },
      ]);
      // The secret from SSM is the one requests are verified with.
      expect((await handler(urlVerification("from-ssm"), {})).statusCode).toBe(200);
      expect((await handler(urlVerification("forged", { secret: "other" }), {})).statusCode).toBe(401);
    } finally {
      ssm.close();
      await slack.stop();
    }
  });

  it("bundles no Teams SDK (each function's bundle holds only what it imports)", () => {
    const files = readdirSync("dist/slack").filter((f) => f.endsWith(".mjs"));
    for (const file of files)
      expect(readFileSync(`dist/slack/${file}`, "utf8"), file).not.toMatch(/@microsoft\/agents/);
  });

  it("loads no Bolt, zod, AWS SDK, DynamoDB client or pricing core on the acknowledgement path", () => {
    // The acknowledgement's modules: index.mjs and what it imports statically (dynamic imports stay lazy).
    const meta = JSON.parse(readFileSync("dist/slack.meta.json", "utf8")) as {
      outputs: Record<string, { imports: { path: string; kind: string }[]; inputs: Record<string, unknown> }>;
    };
    const loaded = new Set<string>();
    const visit = (file: string) => {
      if (loaded.has(file) || !meta.outputs[file]) return;
      loaded.add(file);
      for (const i of meta.outputs[file]!.imports) if (i.kind === "import-statement") visit(i.path);
    };
    visit("dist/slack/index.mjs");
    const inputs = [...loaded].flatMap((f) => Object.keys(meta.outputs[f]!.inputs));
    expect(inputs.length).toBeGreaterThan(3);
    expect(
      inputs.filter((i) =>
        /node_modules\/(@slack|zod|@aws-sdk|@smithy|decimal\.js)\/|src\/core\/|dynamodb/.test(i),
      ),
    ).toEqual([]);
    // The worker is there, as a chunk loaded on first use.
    expect(Object.keys(meta.outputs).some((f) => /dist\/slack\/worker-[A-Z0-9]+\.mjs$/.test(f))).toBe(true);
  });
});
