/**
 * AWS Signature Version 4 for the two calls the acknowledgement may make (Lambda's async
 * Invoke, SSM GetParameters), with node:crypto and node:http(s) only. Measured: the same call
 * through fetch (aws4fetch) made the cold acknowledgement ~3× slower, from loading undici and
 * WebCrypto; the SDK clients are larger still. A unit test checks the signature against
 * aws4fetch's for the same request and time.
 */
import { createHash, createHmac } from "node:crypto";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly region: string;
}

export interface SignedCall {
  readonly url: URL;
  readonly method: "POST";
  readonly headers: Record<string, string>;
  readonly body: string;
}

const sha256 = (data: string) => createHash("sha256").update(data, "utf8").digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data, "utf8").digest();

/** RFC 3986 encoding, as SigV4's canonical URI wants it (each segment; `/` kept). */
const encodePath = (path: string) =>
  path
    .split("/")
    .map((segment) =>
      encodeURIComponent(decodeURIComponent(segment)).replace(
        /[!'()*]/g,
        (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
      ),
    )
    .join("/");

/** Signs a POST with the given headers; `now` is injectable for tests. */
export function signAws(
  credentials: AwsCredentials,
  service: string,
  url: URL,
  headers: Record<string, string>,
  body: string,
  now: Date = new Date(),
): SignedCall {
  const amzDate = now.toISOString().replace(/[:-]|\.\d{3}/g, "");
  const day = amzDate.slice(0, 8);
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v.trim()]));
  // Like aws4fetch, content-type is sent but not signed (proxies may rewrite it).
  const { "content-type": contentType, ...signable } = lower;
  const all: Record<string, string> = {
    ...signable,
    host: url.host,
    "x-amz-date": amzDate,
    ...(credentials.sessionToken ? { "x-amz-security-token": credentials.sessionToken } : {}),
  };
  const names = Object.keys(all).sort();
  const signedHeaders = names.join(";");
  const canonical = [
    "POST",
    encodePath(url.pathname),
    url.search.slice(1),
    names.map((n) => `${n}:${all[n]}\n`).join(""),
    signedHeaders,
    sha256(body),
  ].join("\n");
  const scope = `${day}/${credentials.region}/${service}/aws4_request`;
  const toSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256(canonical)].join("\n");
  const key = hmac(
    hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, day), credentials.region), service),
    "aws4_request",
  );
  const signature = createHmac("sha256", key).update(toSign, "utf8").digest("hex");
  return {
    url,
    method: "POST",
    headers: {
      ...all,
      ...(contentType ? { "content-type": contentType } : {}),
      authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    },
    body,
  };
}

/** Sends a signed call; resolves with the status and body. A 5 s timeout: Slack's clock is running. */
export function send(call: SignedCall, timeoutMs = 5000): Promise<{ status: number; body: string }> {
  const request = call.url.protocol === "http:" ? httpRequest : httpsRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      call.url,
      {
        method: call.method,
        headers: { ...call.headers, "content-length": String(Buffer.byteLength(call.body)) },
        timeout: timeoutMs,
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`${call.url.host} did not answer in ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end(call.body);
  });
}

/** AWS credentials and region as Lambda puts them in the environment. */
export function credentialsFrom(env: Readonly<Record<string, string | undefined>>): AwsCredentials {
  const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION } = env;
  if (!AWS_ACCESS_KEY_ID || !AWS_SECRET_ACCESS_KEY || !AWS_REGION)
    throw new Error("AWS credentials or region missing from the environment");
  return {
    accessKeyId: AWS_ACCESS_KEY_ID,
    secretAccessKey: AWS_SECRET_ACCESS_KEY,
    ...(AWS_SESSION_TOKEN ? { sessionToken: AWS_SESSION_TOKEN } : {}),
    region: AWS_REGION,
  };
}

/**
 * Signs and sends, retrying a throttle or 5xx (or a connection error) twice with a short
 * backoff: well inside Slack's 3 seconds.
 */
export async function callAws(
  env: Readonly<Record<string, string | undefined>>,
  service: string,
  url: URL,
  headers: Record<string, string>,
  body: string,
  /** Each attempt's time limit; three attempts in all. */
  timeoutMs = 5000,
): Promise<{ status: number; body: string }> {
  const credentials = credentialsFrom(env);
  let last: { status: number; body: string } | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (attempt) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
    try {
      last = await send(signAws(credentials, service, url, headers, body), timeoutMs);
      if (last.status !== 429 && last.status < 500) return last;
    } catch (error) {
      if (attempt === 2) throw error;
    }
  }
  return last!;
}
