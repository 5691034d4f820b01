import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/**
 * The document client every function uses. With `endpoint` (tests, db:local, the CLI) it
 * talks to a local engine, which ignores credentials but the SDK insists on some; without,
 * it uses the Lambda's role and region. Undefined attributes are dropped, not refused.
 */
export function documentClientFor(endpoint?: string, region?: string): DynamoDBDocumentClient {
  const client = new DynamoDBClient(
    endpoint
      ? {
          endpoint,
          region: region ?? process.env.AWS_REGION ?? "us-east-1",
          credentials: { accessKeyId: "local", secretAccessKey: "local" },
        }
      : {},
  );
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
