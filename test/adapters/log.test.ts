import { describe, expect, it } from "vitest";
import { jsonLogger, redact } from "../../src/adapters/log.ts";

describe("redact: what no log line may carry (issue 16 item 9)", () => {
  const hook = "https://hooks.slack.com/commands/T1/123/abcDEF";

  it("a response_url as JSON, as escaped JSON inside a string, and form-encoded", () => {
    expect(redact(JSON.stringify({ response_url: hook }))).toBe('{"response_url":"[redacted]"}');
    expect(redact(JSON.stringify({ m: JSON.stringify({ response_url: hook, a: 1 }) }))).toBe(
      '{"m":"{\\"response_url\\":\\"[redacted]\\",\\"a\\":1}"}',
    );
    const form = `token=x&response_url=${encodeURIComponent(hook)}&trigger_id=1`;
    expect(redact(form)).toBe("token=x&response_url=[redacted]&trigger_id=1");
    const payload = `payload=${encodeURIComponent(JSON.stringify({ response_url: hook, a: 1 }))}`;
    expect(redact(payload)).toBe("payload=%7B%22response_url%22%3A%22[redacted]%22%2C%22a%22%3A1%7D");
  });

  it("Slack signatures, Slack tokens and JWTs", () => {
    const line = JSON.stringify({
      "x-slack-signature": `v0=${"ab".repeat(32)}`,
      token: "xoxb-1-2-abc",
      app: "xapp-1-A1-2-ff",
      authorization: "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln",
    });
    expect(JSON.parse(redact(line))).toEqual({
      "x-slack-signature": "v0=[redacted]",
      token: "xox-[redacted]",
      app: "xapp-[redacted]",
      authorization: "Bearer jwt-[redacted]",
    });
  });

  it("applies to every line the JSON logger writes, at every level", () => {
    const lines: string[] = [];
    const log = jsonLogger(
      {},
      (l) => lines.push(l),
      (l) => lines.push(l),
      { debug: true },
    );
    for (const write of [log.debug, log.info, log.warn, log.error]) write("event", { response_url: hook });
    expect(lines).toHaveLength(4);
    for (const l of lines) expect(l).not.toContain("hooks.slack.com");
  });
});
