import type { AwsLambdaReceiver } from "@slack/bolt";

type AwsHandler = ReturnType<AwsLambdaReceiver["toHandler"]>;
type AwsEvent = Parameters<AwsHandler>[0];

/**
 * API Gateway may hand the body over base64-encoded. Bolt decodes that as ASCII, which
 * garbles any non-ASCII text (`what if users=5千`, emoji) and so fails its own signature
 * check; decoding as UTF-8 first keeps the exact bytes Slack signed. Bolt also matches the
 * content type exactly, so a `; charset=…` suffix is dropped.
 */
export function normalizeEvent<E extends AwsEvent>(event: E): E {
  const headers = Object.fromEntries(
    Object.entries(event.headers ?? {}).map(([name, value]) =>
      name.toLowerCase() === "content-type" && value ? [name, value.split(";")[0]!.trim()] : [name, value],
    ),
  );
  if (!event.isBase64Encoded || !event.body) return { ...event, headers };
  return {
    ...event,
    headers,
    body: Buffer.from(event.body, "base64").toString("utf8"),
    isBase64Encoded: false,
  };
}

/** The receiver's two-argument Lambda handler, fed normalized events. */
export function slackLambdaHandler(receiver: AwsLambdaReceiver): AwsHandler {
  const handle = receiver.toHandler();
  return (event, context) => handle(normalizeEvent(event), context);
}
