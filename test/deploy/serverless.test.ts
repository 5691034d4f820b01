import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Principal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}
const text = readFileSync("serverless.yml", "utf8");
const sls = parse(text);
const resources = sls.resources.Resources as Record<
  string,
  { Type: string; Properties: Record<string, unknown> }
>;

describe("serverless.yml", () => {
  it("deploys the four functions from their own bundles, on nodejs22.x arm64", () => {
    expect(sls.provider).toMatchObject({ runtime: "nodejs22.x", architecture: "arm64" });
    for (const [name, fn] of Object.entries(
      sls.functions as Record<string, { handler: string; package: { patterns: string[] } }>,
    )) {
      expect(fn.handler).toBe(`dist/${name}/index.handler`);
      expect(fn.package.patterns).toEqual([`dist/${name}/**`]);
    }
    expect(sls.package).toMatchObject({ individually: true, patterns: ["!**"] });
  });

  it("routes Slack's three request kinds and Teams' messages through the HTTP API", () => {
    const routes = (fn: string) =>
      sls.functions[fn].events.map((e: { httpApi: { path: string } }) => e.httpApi.path);
    expect(routes("slack")).toEqual(["/slack/commands", "/slack/events", "/slack/interactivity"]);
    expect(routes("teams")).toEqual(["/teams/messages"]);
  });

  it("has one on-demand table with point-in-time recovery and TTL on expiresAt", () => {
    const tables = Object.values(resources).filter((r) => r.Type === "AWS::DynamoDB::Table");
    expect(tables).toHaveLength(1);
    expect(tables[0]!.Properties).toMatchObject({
      BillingMode: "PAY_PER_REQUEST",
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
    });
  });

  it("lets only AWS Budgets of this account publish to the alerts topic", () => {
    const policy = resources.BudgetAlertsTopicPolicy!.Properties.PolicyDocument as { Statement: Statement[] };
    expect(policy.Statement).toHaveLength(1);
    const [s] = policy.Statement;
    expect(s).toMatchObject({
      Effect: "Allow",
      Principal: { Service: "budgets.amazonaws.com" },
      Action: "sns:Publish",
    });
    expect(s!.Condition?.StringEquals?.["aws:SourceAccount"]).toEqual({ Ref: "AWS::AccountId" });
    expect(JSON.stringify(s!.Condition?.ArnLike?.["aws:SourceArn"])).toMatch(/arn:aws:budgets::/);
  });

  it("gives each function its own role, with no wildcard action and no wildcard resource", () => {
    for (const fn of Object.values(sls.functions as Record<string, { role: string }>)) {
      const role = resources[fn.role]!;
      expect(role.Type).toBe("AWS::IAM::Role");
      const statements = (
        role.Properties.Policies as { PolicyDocument: { Statement: Statement[] } }[]
      ).flatMap((p) => p.PolicyDocument.Statement);
      for (const s of statements) {
        for (const action of [s.Action].flat()) expect(action, fn.role).not.toMatch(/\*/);
        // pricing:GetProducts has no resource-level permissions: "*" is its only resource.
        if (JSON.stringify(s.Action) === JSON.stringify(["pricing:GetProducts"])) continue;
        // Neither have Cost Explorer's reads (README "Actual spend"): only the functions that call them.
        if (JSON.stringify(s.Action) === JSON.stringify(["ce:GetCostAndUsage", "ce:GetCostForecast"])) {
          expect(["SlackRole", "TeamsRole", "ActualWeeklyRole"], fn.role).toContain(fn.role);
          continue;
        }
        expect(s.Resource, fn.role).not.toBe("*");
      }
    }
  });

  it("lets the slack and teams functions each invoke itself (acknowledge, then work) and no other function", () => {
    for (const [role, fn] of [
      ["SlackRole", "slack"],
      ["TeamsRole", "teams"],
    ] as const) {
      const statements = (
        resources[role]!.Properties.Policies as { PolicyDocument: { Statement: Statement[] } }[]
      ).flatMap((p) => p.PolicyDocument.Statement);
      const invoke = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith("lambda:")));
      expect(invoke.map((s) => s.Action)).toEqual([["lambda:InvokeFunction"]]);
      expect(JSON.stringify(invoke[0]!.Resource)).toMatch(
        new RegExp(`:function:costbot-\\$\\{sls:stage\\}-${fn}"\\]\\]}\\]$`),
      );
    }
    for (const role of ["BudgetAlertsRole", "PricesRole", "ActualWeeklyRole"].filter((r) => resources[r]))
      expect(JSON.stringify(resources[role]!.Properties.Policies)).not.toMatch(/lambda:/);
  });

  it("holds no secret: only SSM parameter names", () => {
    expect(text).not.toMatch(/xox[abp]-/);
    for (const fn of Object.values(
      sls.functions as Record<string, { environment?: Record<string, string> }>,
    )) {
      for (const key of Object.keys(fn.environment ?? {})) {
        expect(key, "secrets are read from SSM at cold start").not.toMatch(
          /^(SLACK_SIGNING_SECRET|SLACK_BOT_TOKEN|MicrosoftAppPassword)$/,
        );
      }
    }
  });
});
