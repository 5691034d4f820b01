/**
 * The Slack Web API client's transport: the part of `fetch` it uses, over node:http(s) with a
 * keep-alive agent. Node 20's global fetch loads undici on its first call and runs every body
 * through web streams: measured in the worker (docs/performance.md, "Issue 23, second round"),
 * that was tens of milliseconds of a cold start and about a tenth of a warm event's CPU. The
 * client accepts any fetch (`clientOptions.fetch`); what it sends is a form- or JSON-encoded
 * POST with plain-object headers, and what it reads is the status, a few headers and the text.
 * Anything else (a file upload's FormData, a Headers object) goes to the global fetch.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

interface Init {
  readonly method?: string;
  readonly headers?: unknown;
  readonly body?: unknown;
  readonly signal?: AbortSignal | null;
  readonly redirect?: string;
}

/** What the client reads of a response: status, headers, url, and the body as text or bytes. */
class NodeResponse {
  readonly ok: boolean;
  readonly headers: {
    get(name: string): string | null;
    entries(): IterableIterator<[string, string]>;
  };

  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    received: IncomingHttpHeaders,
    private readonly body: Buffer,
  ) {
    this.ok = status >= 200 && status < 300;
    const flat = new Map<string, string>();
    for (const [name, value] of Object.entries(received))
      if (value !== undefined) flat.set(name, Array.isArray(value) ? value.join(", ") : value);
    this.headers = { get: (name) => flat.get(name.toLowerCase()) ?? null, entries: () => flat.entries() };
  }

  async text(): Promise<string> {
    return this.body.toString("utf8");
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.body.toString("utf8"));
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return new Uint8Array(this.body).buffer;
  }
}

const isPlainHeaders = (headers: unknown): headers is Record<string, string> =>
  headers === undefined ||
  (typeof headers === "object" && headers !== null && Object.getPrototypeOf(headers) === Object.prototype);

/** A `fetch` for the Web API client; one keep-alive connection pool per scheme. */
export function nodeFetch(fallback: typeof fetch = (...args) => globalThis.fetch(...args)): typeof fetch {
  const agents = {
    "http:": new HttpAgent({ keepAlive: true }),
    "https:": new HttpsAgent({ keepAlive: true }),
  };
  const send = (input: string | URL, init: Init): Promise<NodeResponse> =>
    new Promise((resolve, reject) => {
      const url = new URL(String(input));
      if (url.protocol !== "http:" && url.protocol !== "https:")
        return reject(new TypeError(`fetch failed: unsupported protocol ${url.protocol}`));
      const signal = init.signal ?? undefined;
      if (signal?.aborted) return reject(signal.reason);
      const request = (url.protocol === "https:" ? httpsRequest : httpRequest)(
        url,
        {
          method: init.method ?? "GET",
          headers: {
            ...(init.headers as Record<string, string> | undefined),
            ...(typeof init.body === "string"
              ? { "content-length": String(Buffer.byteLength(init.body)) }
              : {}),
          },
          agent: agents[url.protocol],
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("error", fail);
          response.on("end", () => {
            signal?.removeEventListener("abort", abort);
            const status = response.statusCode ?? 0;
            if (init.redirect === "error" && status >= 300 && status < 400)
              return reject(new TypeError("fetch failed: unexpected redirect"));
            resolve(
              new NodeResponse(
                url.href,
                status,
                response.statusMessage ?? "",
                response.headers,
                Buffer.concat(chunks),
              ),
            );
          });
        },
      );
      function fail(error: unknown) {
        signal?.removeEventListener("abort", abort);
        reject(signal?.aborted ? signal.reason : new TypeError("fetch failed", { cause: error }));
      }
      function abort() {
        request.destroy(signal?.reason);
      }
      signal?.addEventListener("abort", abort, { once: true });
      request.on("error", fail);
      request.end(init.body as string | undefined);
    });
  return ((input: string | URL | Request, init: Init = {}) => {
    const simple =
      (typeof input === "string" || input instanceof URL) &&
      (init.body === undefined || typeof init.body === "string") &&
      isPlainHeaders(init.headers);
    return simple ? send(input, init) : fallback(input, init as RequestInit);
  }) as unknown as typeof fetch;
}
