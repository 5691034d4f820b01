/**
 * An error the user caused (bad input, unknown name). Surfaces turn it into a clear reply;
 * anything else is a bug, logged with context. Callers check with `instanceof`, never names.
 */
export class UserError extends Error {
  override readonly name = "UserError";
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}
