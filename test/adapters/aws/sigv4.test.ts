import { AwsV4Signer } from "aws4fetch";
import { describe, expect, it } from "vitest";
import { signAws } from "../../../src/adapters/aws/sigv4.ts";

/** Our SigV4 against aws4fetch's (a maintained implementation) for the same request and time. */
describe("SigV4 for the acknowledgement's two AWS calls", () => {
  const credentials = {
    accessKeyId: "AKIDEXAMPLE",
    secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    sessionToken: "session-token-example",
    region: "eu-west-1",
  };
  const now = new Date("2026-12-04T16:59:07.123Z");

  async function reference(service: string, url: URL, headers: Record<string, string>, body: string) {
    const signer = new AwsV4Signer({
      ...credentials,
      service,
      url: url.href,
      method: "POST",
      headers,
      body,
      datetime: "20261204T165907Z",
    });
    const signed = await signer.sign();
    return signed.headers.get("authorization");
  }

  it("signs Lambda's async Invoke exactly as aws4fetch does", async () => {
    const url = new URL(
      "https://lambda.eu-west-1.amazonaws.com/2015-03-31/functions/costbot-prod-slack/invocations",
    );
    const headers = { "content-type": "application/json", "x-amz-invocation-type": "Event" };
    const body = JSON.stringify({ costbotSlackWork: 1, request: { body: "a=1&b=%E5%8D%83" } });
    const ours = signAws(credentials, "lambda", url, headers, body, now);
    expect(ours.headers["x-amz-date"]).toBe("20261204T165907Z");
    expect(ours.headers["x-amz-security-token"]).toBe("session-token-example");
    expect(ours.headers.authorization).toBe(await reference("lambda", url, headers, body));
  });

  it("signs SSM GetParameters exactly as aws4fetch does", async () => {
    const url = new URL("https://ssm.eu-west-1.amazonaws.com/");
    const headers = {
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": "AmazonSSM.GetParameters",
    };
    const body = JSON.stringify({ Names: ["/costbot/prod/slack/signing-secret"], WithDecryption: true });
    expect(signAws(credentials, "ssm", url, headers, body, now).headers.authorization).toBe(
      await reference("ssm", url, headers, body),
    );
  });

  it("changes the signature when the body changes", () => {
    const url = new URL("https://ssm.eu-west-1.amazonaws.com/");
    const a = signAws(credentials, "ssm", url, {}, "{}", now).headers.authorization;
    const b = signAws(credentials, "ssm", url, {}, "{ }", now).headers.authorization;
    expect(a).not.toBe(b);
  });
});
