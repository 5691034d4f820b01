/** What an HTTP request from Azure Bot Service is, before and after admit.ts let it in. */
import type { Claims } from "./token.ts";

/** The parts of an API Gateway HTTP API (payload v2) event the bot reads. */
export interface HttpEvent {
  readonly headers?: Readonly<Record<string, string | undefined>>;
  readonly body?: string | null;
  readonly isBase64Encoded?: boolean;
  readonly requestContext?: { readonly http?: { readonly method?: string }; readonly requestId?: string };
}

export interface HttpResult {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** A request whose token and activity passed every check. */
export interface AdmittedRequest {
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly activity: Readonly<Record<string, unknown>>;
  readonly claims: Claims;
}
