import { BudgetsClient } from "@aws-sdk/client-budgets";
import { SSMClient } from "@aws-sdk/client-ssm";
import { AwsBudgets } from "../adapters/budgets/aws-budgets.ts";
import { documentClientFor } from "../adapters/dynamodb/client.ts";
import { DynamoIdempotencyStore, DynamoScenarioStore } from "../adapters/dynamodb/scenario-store.ts";
import { jsonLogger } from "../adapters/log.ts";
import { resolveSecretParams } from "../adapters/secrets/ssm.ts";
import { createTeamsApp } from "../adapters/teams/app.ts";
import { loadTeamsConfig } from "../adapters/teams/config.ts";
import type { HttpEvent, HttpResult } from "../adapters/teams/http.ts";
import { builtInCatalog } from "../core/catalog/index.ts";

/**
 * The `teams` Lambda: Azure Bot Service posts Bot Framework activities to the HTTP API route
 * (POST /teams/messages), and this returns the status and body the Agents SDK adapter produced.
 * Everything below is built once per cold start: the app secret is read from SSM
 * (MicrosoftAppPassword_PARAM), and a missing setting fails the cold start, naming it.
 */
const config = loadTeamsConfig(await resolveSecretParams(process.env, new SSMClient({})));
const log = jsonLogger({ function: "teams" });
const clock = { now: () => new Date() };
const db = documentClientFor(config.dynamoEndpoint);
const app = createTeamsApp(config, {
  catalog: builtInCatalog(),
  store: new DynamoScenarioStore(db, config.tableName),
  idempotency: new DynamoIdempotencyStore(db, config.tableName, clock),
  clock,
  log,
  // AWS Budgets is a global service served from us-east-1.
  ...(config.budgets
    ? {
        budgets: new AwsBudgets(
          new BudgetsClient({ region: "us-east-1" }),
          config.budgets.accountId,
          config.budgets.topicArn,
        ),
      }
    : {}),
});

/** Proactive posts from this process (tests use it; budget-alerts builds its own TeamsNotifier). */
export const notifier = app.notifier;

export const handler = async (event: HttpEvent, context: { awsRequestId?: string }): Promise<HttpResult> => {
  const started = Date.now();
  const result = await app.handle(event);
  log.info("teams request", {
    status: result.statusCode,
    ms: Date.now() - started,
    request: context?.awsRequestId,
  });
  return result;
};
