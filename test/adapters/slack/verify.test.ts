import { describe, expect, it } from "vitest";
import {
  parseSlackBody,
  signatureMatches,
  signedRequest,
  timestampFresh,
} from "../../../src/adapters/slack/verify.ts";
import { SIGNING_SECRET, signature, signed } from "../../fixtures/slack/requests.ts";

describe("Slack's v0 signature", () => {
  it("verifies a base64 body with non-ASCII text against the UTF-8 bytes Slack signed, ignoring a charset suffix", () => {
    const body = JSON.stringify({ type: "event_callback", text: "what if users=5千 🎉" });
    const request = signedRequest(
      signed(body, "application/json; charset=utf-8", { base64: true, timestamp: 1_700_000_000 }),
    );
    expect(request).toMatchObject({ body, contentType: "application/json", timestamp: "1700000000" });
    expect(signatureMatches(request!, SIGNING_SECRET)).toBe(true);
    expect(signatureMatches(request!, "another-secret")).toBe(false);
  });

  it("matches Slack's documented example", () => {
    // api.slack.com/authentication/verifying-requests-from-slack: this secret, timestamp and body give this signature.
    const body =
      "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    const request = {
      body,
      contentType: "application/x-www-form-urlencoded",
      timestamp: "1531420618",
      signature: "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
    };
    expect(signatureMatches(request, "8f742231b10e8888abcd99yyyzzz85a5")).toBe(true);
    expect(signature("8f742231b10e8888abcd99yyyzzz85a5", 1531420618, body)).toBe(request.signature);
  });

  it("keeps the window at 5 minutes in both directions", () => {
    const at = (timestamp: string) => ({ body: "", contentType: "", timestamp, signature: "" });
    expect(timestampFresh(at("1000"), 1300)).toBe(true); // 300 s old
    expect(timestampFresh(at("1000"), 1301)).toBe(false); // 301 s old
    expect(timestampFresh(at("1300"), 1000)).toBe(true); // 300 s ahead
    expect(timestampFresh(at("1301"), 1000)).toBe(false); // 301 s ahead
  });

  it("reads JSON, interactivity's form payload and a slash command's form; nothing else", () => {
    expect(parseSlackBody({ contentType: "application/json", body: '{"a":1}' })).toEqual({ a: 1 });
    expect(parseSlackBody({ contentType: "application/json", body: "[1]" })).toBeUndefined();
    expect(
      parseSlackBody({
        contentType: "application/x-www-form-urlencoded",
        body: "payload=%7B%22type%22%3A%22x%22%7D",
      }),
    ).toEqual({ type: "x" });
    expect(parseSlackBody({ contentType: "application/x-www-form-urlencoded", body: "a=1&b=2" })).toEqual({
      a: "1",
      b: "2",
    });
    expect(parseSlackBody({ contentType: "text/plain", body: "a=1" })).toBeUndefined();
  });
});
