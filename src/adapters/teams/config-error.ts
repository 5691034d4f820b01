/** A Teams setting is missing or malformed; the message names each one. */
export class TeamsConfigError extends Error {
  override readonly name = "TeamsConfigError";
}
