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
  constructor(private readonly listener: RequestListener) {}

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
