import { EventEmitter } from "node:events";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";

/** The part of the SDK's HTTP request a DynamoDB call fills in (JSON body, POST to `/`). */
interface SdkRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: unknown;
}

/** The SDK reads a response by shape (`statusCode`, `headers`, a byte body), not by class. */
interface SdkResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: Uint8Array;
}

/** The SDK serialises JSON into its own Uint8Array (string methods on it warn); older versions used strings. */
function bytesOf(body: unknown): Buffer {
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (typeof body === "string") return Buffer.from(body);
  return Buffer.alloc(0);
}

/**
 * An SDK request handler that hands each request to the embedded engine's request listener in
 * this process, instead of over a loopback socket: no connection, no HTTP framing or parsing on
 * either side (docs/performance.md, "Issue 23"). The engine still answers exactly as it does over
 * HTTP (validation, errors, headers), since it is the same listener given the same request.
 */
export class InProcessRequestHandler {
  /** Calls not finished yet: closing the engine under one fails the read it is doing. */
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly listener: RequestListener) {}

  /** Counts a client's call (`inProcessDocumentClient` passes each from its first middleware) until it settles. */
  track<T>(call: Promise<T>): Promise<T> {
    this.pending.add(call);
    const done = () => this.pending.delete(call);
    call.then(done, done);
    return call;
  }

  /**
   * Resolves once every call tracked so far has finished, or after `limitMs` (an engine that
   * threw from a callback never answers; the process's own handler reports that). A command
   * that stops at its first failure (`Promise.all`) can leave another call running, and the
   * engine's LevelDB must not be closed under its read.
   */
  async answered(limitMs = 5_000): Promise<void> {
    const deadline = Date.now() + limitMs;
    while (this.pending.size > 0 && Date.now() < deadline) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, deadline - Date.now());
      });
      await Promise.race([Promise.allSettled([...this.pending]), late]);
      clearTimeout(timer);
    }
  }

  handle(request: SdkRequest): Promise<{ response: SdkResponse }> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
      const incoming = Object.assign(new EventEmitter(), {
        method: request.method,
        url: request.path,
        headers,
      });
      const answer: Record<string, string> = {};
      const response = {
        statusCode: 200,
        setHeader(name: string, value: string | number) {
          answer[name.toLowerCase()] = String(value);
        },
        end(body?: string) {
          resolve({
            response: { statusCode: response.statusCode, headers: answer, body: Buffer.from(body ?? "") },
          });
        },
      };
      try {
        this.listener(incoming as unknown as IncomingMessage, response as unknown as ServerResponse);
        const body = bytesOf(request.body);
        if (body.length > 0) incoming.emit("data", body);
        incoming.emit("end");
      } catch (error) {
        reject(error);
      }
    });
  }

  updateHttpClientConfig(): void {}

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  destroy(): void {}
}
