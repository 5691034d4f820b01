import type { RequestListener } from "node:http";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import dynalite from "dynalite";
import { documentClientFor } from "./client.ts";
import { InProcessRequestHandler } from "./in-process.ts";

export interface EmbeddedDynamoOptions {
  /** Folder for the LevelDB files; in memory when absent. */
  readonly path?: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
}

export interface EmbeddedDynamo {
  /** e.g. `http://127.0.0.1:8000` */
  readonly endpoint: string;
  /** Hands a client's requests to the engine in this process (`inProcessDocumentClient`). */
  readonly inProcess: InProcessRequestHandler;
  /**
   * Stops listening and closes the store, so the same path can be opened again; requests made
   * in this process are answered first (in-process.ts).
   */
  close(): Promise<void>;
}

/**
 * A DynamoDB engine inside this process (dynalite on LevelDB), for the CLI and tests. It
 * listens on loopback only: it has no authentication, so it must not be reachable from
 * outside the machine. Tables are ACTIVE at once instead of after dynalite's 500 ms default.
 */
export async function startEmbeddedDynamo(options: EmbeddedDynamoOptions = {}): Promise<EmbeddedDynamo> {
  const { path, port = 0, host = "127.0.0.1" } = options;
  const server = dynalite({
    ...(path === undefined ? {} : { path }),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("dynalite is not listening on TCP");
  const urlHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const inProcess = new InProcessRequestHandler(server.listeners("request")[0] as RequestListener);
  return {
    endpoint: `http://${urlHost}:${address.port}`,
    inProcess,
    close: async () => {
      await inProcess.answered();
      await new Promise<void>((resolve, reject) => {
        // Clients keep connections alive; closing them lets the server (and LevelDB) shut down now.
        server.closeIdleConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      });
    },
  };
}

/** A document client for a local endpoint. */
export function documentClient(endpoint: string, region = "us-east-1"): DynamoDBDocumentClient {
  return documentClientFor(endpoint, region);
}

/**
 * A document client that calls the engine in this process, without a socket (in-process.ts):
 * the CLI's. The engine still listens, for other clients and because dynalite closes its
 * LevelDB only when its server closes.
 */
export function inProcessDocumentClient(
  engine: EmbeddedDynamo,
  region = "us-east-1",
): DynamoDBDocumentClient {
  const db = documentClientFor(engine.endpoint, region, undefined, engine.inProcess);
  // Counted from the first middleware, which runs as the call is sent: closing the engine waits for it.
  db.middlewareStack.add((next) => (args) => engine.inProcess.track(next(args)), {
    step: "initialize",
    priority: "high",
    name: "costbotInProcessCalls",
  });
  return db;
}
