/**
 * npm run package: build the bundles, then `osls package`, offline. Writes the CloudFormation
 * template and one zip per function (its dist/<function>/ folder only) to .serverless/.
 * Packaging reads no credentials and calls no AWS API: the template carries SSM parameter
 * *names*, and the stage's Slack/Teams ids come as --param values (placeholders unless set).
 *   npm run package                       build, then package for stage dev
 *   npm run package -- --no-build         package the bundles already in dist/
 */
import { spawnSync } from "node:child_process";
import { buildAll } from "./build.ts";

export const PACKAGE_DIR = ".serverless";

/** The deploy-time identities of the stage's bots; not secrets. */
const PARAMS = {
  slackBotUserId: process.env.SLACK_BOT_USER_ID ?? "U00000000",
  slackBotId: process.env.SLACK_BOT_ID ?? "B00000000",
  teamsAppId: process.env.MicrosoftAppId ?? "00000000-0000-0000-0000-000000000000",
  teamsTenantId: process.env.MicrosoftAppTenantId ?? "00000000-0000-0000-0000-000000000000",
};

export async function packageService(options: { build?: boolean; stage?: string } = {}): Promise<void> {
  if (options.build ?? true) await buildAll(["slack", "teams", "budget-alerts"]);
  const args = [
    "package",
    "--stage",
    options.stage ?? "dev",
    "--region",
    "us-east-1",
    "--package",
    PACKAGE_DIR,
    ...Object.entries(PARAMS).flatMap(([name, value]) => ["--param", `${name}=${value}`]),
  ];
  const result = spawnSync("node_modules/.bin/osls", args, {
    encoding: "utf8",
    env: {
      ...process.env,
      // Offline: no telemetry, no update or notification checks.
      SLS_TELEMETRY_DISABLED: "1",
      SLS_NOTIFICATIONS_MODE: "off",
      CI: "true",
    },
  });
  if (result.status !== 0) {
    throw new Error(`osls package failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await packageService({ build: !process.argv.includes("--no-build") });
  console.log(
    `packaged into ${PACKAGE_DIR}/: cloudformation-template-update-stack.json, slack.zip, teams.zip, budget-alerts.zip`,
  );
}
