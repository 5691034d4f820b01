import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { nodeFetch } from "../../../src/adapters/slack/node-fetch.ts";

/** A loopback server answering per path, recording what it received. */
const received: { method?: string; url?: string; headers: IncomingHttpHeaders; body: string }[] = [];
const server = createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    received.push({ method: req.method, url: req.url, headers: req.headers, body });
    if (req.url === "/api/chat.postMessage") {
      res.writeHead(200, {
        "content-type": "application/json; charset=utf-8",
        "x-oauth-scopes": "chat:write",
      });
      res.end(JSON.stringify({ ok: true, ts: "1732300000.000100", text: "naïve ✓" }));
    } else if (req.url === "/api/rate-limited") {
      res.writeHead(429, { "retry-after": "7" }).end("");
    } else if (req.url === "/api/moved") {
      res.writeHead(302, { location: "/api/chat.postMessage" }).end();
    } else if (req.url === "/api/slow") {
      setTimeout(() => res.writeHead(200).end("{}"), 2_000);
    } else res.writeHead(404).end("not found");
  });
});
let base = "";
beforeAll(async () => {
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe("nodeFetch: the Web API client's transport over node:http", () => {
  it("sends a form POST with its headers and a content length, and reads status, headers and body", async () => {
    const fetch = nodeFetch();
    const body = "channel=C0123&text=na%C3%AFve";
    const response = await fetch(`${base}/api/chat.postMessage`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: "Bearer xoxb-test" },
      body,
    });
    const sent = received.at(-1)!;
    expect(sent.method).toBe("POST");
    expect(sent.body).toBe(body);
    expect(sent.headers["content-length"]).toBe(String(Buffer.byteLength(body)));
    expect(sent.headers.authorization).toBe("Bearer xoxb-test");
    expect(response.status).toBe(200);
    expect(response.ok).toBe(true);
    expect(response.url).toBe(`${base}/api/chat.postMessage`);
    expect(response.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("x-oauth-scopes")).toBe("chat:write");
    expect(response.headers.get("x-missing")).toBeNull();
    expect(JSON.parse(await response.text())).toEqual({ ok: true, ts: "1732300000.000100", text: "naïve ✓" });
  });

  it("gives a 429 back as a response with its Retry-After, and reads every header as entries", async () => {
    const response = await nodeFetch()(`${base}/api/rate-limited`, { method: "POST", body: "" });
    expect(response.status).toBe(429);
    expect(response.ok).toBe(false);
    expect(Object.fromEntries(response.headers.entries())["retry-after"]).toBe("7");
  });

  it("refuses a redirect when asked to, as fetch's redirect: 'error' does", async () => {
    await expect(
      nodeFetch()(`${base}/api/moved`, { method: "POST", body: "", redirect: "error" }),
    ).rejects.toThrow(TypeError);
  });

  it("aborts with the signal's reason (the client's timeout), and fails a refused connection as fetch does", async () => {
    const timeout = nodeFetch()(`${base}/api/slow`, {
      method: "POST",
      body: "",
      signal: AbortSignal.timeout(50),
    });
    await expect(timeout).rejects.toMatchObject({ name: "TimeoutError" });
    const closed = `http://127.0.0.1:${(server.address() as AddressInfo).port + 1}`;
    const refused = nodeFetch()(`${closed}/api/chat.postMessage`, { method: "POST", body: "" });
    await expect(refused).rejects.toMatchObject({ name: "TypeError", cause: { code: "ECONNREFUSED" } });
  });

  it("hands a body it does not send itself (a file upload's FormData) to the global fetch", async () => {
    const fallback = vi.fn(async () => new Response("{}"));
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array([1, 2, 3])]), "a.bin");
    await nodeFetch(fallback as unknown as typeof fetch)(`${base}/api/files.upload`, {
      method: "POST",
      body: form,
    });
    expect(fallback).toHaveBeenCalledTimes(1);
    expect(received.some((r) => r.url === "/api/files.upload")).toBe(false);
  });
});
