/**
 * The `budget-alerts` Lambda, subscribed to the SNS topic AWS Budgets publishes to. Each
 * record is parsed, matched to its subscription and posted to every subscribed channel.
 * Built once per cold start; each platform's SDK loads only when a subscription needs it.
 * The function fails (so SNS and Lambda retry, then the dead-letter queue) only when a post
 * failed, and a retry re-posts only to the channels that did not get the alert.
 */
import { MalformedNotificationError, parseBudgetNotification } from "../adapters/budgets/notification.ts";
import { documentClientFor, LAMBDA_DYNAMO_POLICY } from "../adapters/dynamodb/client.ts";
import { DynamoIdempotencyStore } from "../adapters/dynamodb/idempotency-store.ts";
import { dynamoStores } from "../adapters/dynamodb/stores.ts";
import { jsonLogger, withLogContext } from "../adapters/log.ts";
import { platformNotifiers } from "../adapters/notifiers.ts";
import { resolveSecretParams, secretsClient } from "../adapters/secrets/ssm.ts";
import { deliverAlert } from "../app/alerts.ts";
import { builtInCatalog } from "../core/catalog/index.ts";

export interface SnsEvent {
  readonly Records: readonly { readonly Sns: { readonly MessageId: string; readonly Message: string } }[];
}

// Either platform's secret may be missing: a Slack-only or Teams-only deployment still alerts
// on the other (platformNotifiers logs, once, which platform is skipped and why).
const env = await resolveSecretParams(process.env, secretsClient(), {
  optional: ["SLACK_BOT_TOKEN", "MicrosoftAppPassword"],
});
const log = jsonLogger({ function: "budget-alerts" });
const table = env.TABLE_NAME;
if (!table) throw new Error("budget-alerts configuration: TABLE_NAME (the DynamoDB table) is not set");
const db = documentClientFor(env.DYNAMODB_ENDPOINT, undefined, LAMBDA_DYNAMO_POLICY);
const store = dynamoStores(db, table);

const deps = {
  store,
  idempotency: new DynamoIdempotencyStore(db, table),
  catalog: builtInCatalog(),
  notifiers: platformNotifiers(env, store, log),
  log,
};

export const handler = async (event: SnsEvent, context: { awsRequestId?: string }): Promise<void> =>
  withLogContext({ requestId: context?.awsRequestId }, () => deliverAll(event));

async function deliverAll(event: SnsEvent): Promise<void> {
  let failed = 0;
  for (const record of event.Records) {
    const messageId = record.Sns.MessageId;
    await withLogContext({ messageId }, async () => {
      try {
        const alert = parseBudgetNotification(record.Sns.Message);
        const report = await deliverAlert(alert, messageId, deps);
        failed += report.failed.length;
        log.info("budget alert", {
          budget: alert.awsBudgetName,
          delivered: report.delivered.length,
          skipped: report.skipped.length,
          failed: report.failed.length,
        });
      } catch (error) {
        // Not ours to retry: a message that is not a budget notification never will be one.
        if (!(error instanceof MalformedNotificationError)) throw error;
        log.error("not an AWS Budgets notification", {
          missing: error.missing,
          text: error.text.slice(0, 2000),
        });
      }
    });
  }
  if (failed > 0) throw new Error(`budget alert: ${failed} channel(s) failed; SNS will retry only those`);
}
