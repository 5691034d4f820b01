import { describe, expect, it } from "vitest";
import { normalizeEvent } from "../../../src/adapters/slack/lambda.ts";
import { signed } from "../../fixtures/slack/requests.ts";

describe("normalizeEvent", () => {
  it("decodes a base64 body as UTF-8, so non-ASCII text keeps the bytes Slack signed", () => {
    const body = JSON.stringify({ text: "what if users=5千 ✓" });
    const event = normalizeEvent(signed(body, "application/json", { base64: true }));
    expect(event.body).toBe(body);
    expect(event.isBase64Encoded).toBe(false);
  });

  it("drops a charset from the content type, which Bolt compares exactly", () => {
    const event = normalizeEvent(signed("a=1", "application/x-www-form-urlencoded; charset=utf-8"));
    expect(event.headers["content-type"]).toBe("application/x-www-form-urlencoded");
  });

  it("leaves a plain body as it is", () => {
    const event = signed("{}", "application/json");
    expect(normalizeEvent(event)).toEqual(event);
  });
});
