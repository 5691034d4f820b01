import { readdirSync, readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { PACKAGE_DIR, packageService } from "../../scripts/package.ts";
import { zipEntries } from "./zip-entries.ts";

/**
 * `npm run package` (osls, offline) over the bundles the global setup built: the generated
 * CloudFormation template is what would be deployed, so this reads it rather than serverless.yml.
 */
interface Resource {
  Type: string;
  Properties: Record<string, unknown>;
}
interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Principal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

const FUNCTIONS = {
  slack: "Slack",
  teams: "Teams",
  "budget-alerts": "BudgetDashalerts",
  prices: "Prices",
  "actual-weekly": "ActualDashweekly",
} as const;
let resources: Record<string, Resource>;
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);

beforeAll(async () => {
  await packageService({ build: false });
  const template = JSON.parse(
    readFileSync(`${PACKAGE_DIR}/cloudformation-template-update-stack.json`, "utf8"),
  );
  resources = template.Resources;
});

/** Every string inside a CloudFormation value, intrinsic functions included, joined. */
const flat = (value: unknown): string =>
  typeof value === "string"
    ? value
    : Array.isArray(value)
      ? value.map(flat).join("")
      : value && typeof value === "object"
        ? Object.values(value).map(flat).join("")
        : "";

describe("npm run package (osls, offline): the generated CloudFormation template", () => {
  it("has the five functions on nodejs22.x arm64, each with its bundle's handler", () => {
    for (const [name, logical] of Object.entries(FUNCTIONS)) {
      const fn = resources[`${logical}LambdaFunction`]!;
      expect(fn.Properties, name).toMatchObject({
        Runtime: "nodejs22.x",
        Architectures: ["arm64"],
        Handler: `dist/${name}/index.handler`,
      });
      expect(flat((fn.Properties.Code as { S3Key: unknown }).S3Key)).toMatch(new RegExp(`/${name}\\.zip$`));
    }
    expect(ofType("AWS::Lambda::Function")).toHaveLength(5);
  });

  it("routes POST /slack/{commands,events,interactivity} to slack and /teams/messages to teams on one HTTP API", () => {
    expect(ofType("AWS::ApiGatewayV2::Api").map(([, r]) => r.Properties.ProtocolType)).toEqual(["HTTP"]);
    const integrations = Object.fromEntries(
      ofType("AWS::ApiGatewayV2::Integration").map(([id, r]) => [id, flat(r.Properties.IntegrationUri)]),
    );
    const routes = Object.fromEntries(
      ofType("AWS::ApiGatewayV2::Route").map(([, r]) => {
        // Target: { "Fn::Join": ["/", ["integrations", { Ref: <integration> }]] }
        const integration = JSON.stringify(r.Properties.Target).match(/"Ref":"(\w+)"/)?.[1] ?? "";
        return [r.Properties.RouteKey, integrations[integration]];
      }),
    );
    expect(Object.keys(routes).sort()).toEqual([
      "POST /slack/commands",
      "POST /slack/events",
      "POST /slack/interactivity",
      "POST /teams/messages",
    ]);
    for (const [key, target] of Object.entries(routes)) {
      expect(target, key).toContain(key.includes("/slack/") ? "SlackLambdaFunction" : "TeamsLambdaFunction");
    }
  });

  it("runs prices daily, allowed only pricing:GetProducts and, per action, the partitions its refresh and drift notices use", () => {
    const rules = ofType("AWS::Events::Rule")
      .map(([, r]) => r.Properties)
      .filter((r) => flat(r.Targets).includes("PricesLambdaFunction"));
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ ScheduleExpression: "rate(1 day)", State: "ENABLED" });
    const role = resources.PricesRole!.Properties.Policies as {
      PolicyDocument: { Statement: Statement[] };
    }[];
    const statements = role.flatMap((p) => p.PolicyDocument.Statement);
    expect(statements.map((s) => s.Action)).toEqual([
      ["logs:CreateLogStream", "logs:PutLogEvents"],
      ["pricing:GetProducts"],
      ["dynamodb:PutItem"],
      ["dynamodb:Query"],
      ["dynamodb:GetItem"],
      ["dynamodb:UpdateItem"],
      ["dynamodb:DeleteItem"],
      ["ssm:GetParameters"],
    ]);
    const leading = (s: Statement) =>
      (s.Condition as Record<string, Record<string, string[]>>)["ForAllValues:StringLike"]![
        "dynamodb:LeadingKeys"
      ];
    // The overlay and notice claims written; tenants read, never written; the regions tenants priced
    // in read and added to (PRICES/REGIONS); claims given back.
    expect(leading(statements[2]!)).toEqual(["PRICES", "IDEMP#*"]);
    expect(leading(statements[3]!)).toEqual(["PRICES", "TENANTS", "T#*"]);
    expect(leading(statements[4]!)).toEqual(["PRICES", "T#*"]);
    expect(leading(statements[5]!)).toEqual(["PRICES"]);
    expect(leading(statements[6]!)).toEqual(["IDEMP#*"]);
    expect(JSON.stringify(statements[7]!.Resource)).toMatch(/slack\/bot-token.*teams\/app-password/);
  });

  it("runs actual-weekly on Mondays, the one schedule besides prices, allowed Cost Explorer's two reads", () => {
    const rules = ofType("AWS::Events::Rule").map(([, r]) => r.Properties);
    expect(rules).toHaveLength(2);
    const weekly = rules.filter((r) => flat(r.Targets).includes("ActualDashweeklyLambdaFunction"));
    expect(weekly).toEqual([
      expect.objectContaining({ ScheduleExpression: "cron(0 8 ? * MON *)", State: "ENABLED" }),
    ]);
    const withCe = ofType("AWS::IAM::Role")
      .filter(([, r]) =>
        (r.Properties.Policies as { PolicyDocument: { Statement: Statement[] } }[]).some((p) =>
          p.PolicyDocument.Statement.some((s) => JSON.stringify(s.Action).includes("ce:")),
        ),
      )
      .map(([id]) => id)
      .sort();
    // The chat functions answer `actual`; budget-alerts and prices never call Cost Explorer.
    expect(withCe).toEqual(["ActualWeeklyRole", "SlackRole", "TeamsRole"]);
  });

  it("subscribes budget-alerts to the alerts topic", () => {
    const subs = ofType("AWS::SNS::Subscription").map(([, r]) => r.Properties);
    expect(subs).toEqual([
      {
        Protocol: "lambda",
        TopicArn: { Ref: "BudgetAlertsTopic" },
        Endpoint: { "Fn::GetAtt": ["BudgetDashalertsLambdaFunction", "Arn"] },
      },
    ]);
  });

  it("has one on-demand table with point-in-time recovery and TTL on expiresAt", () => {
    const tables = ofType("AWS::DynamoDB::Table");
    expect(tables).toHaveLength(1);
    expect(tables[0]![1].Properties).toMatchObject({
      BillingMode: "PAY_PER_REQUEST",
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
    });
  });

  it("lets only budgets.amazonaws.com publish to the topic, for this account and its budgets", () => {
    const policies = ofType("AWS::SNS::TopicPolicy");
    expect(policies).toHaveLength(1);
    const { Statement } = policies[0]![1].Properties.PolicyDocument as { Statement: Statement[] };
    expect(Statement).toHaveLength(1);
    const s = Statement[0]!;
    expect(s).toMatchObject({
      Effect: "Allow",
      Principal: { Service: "budgets.amazonaws.com" },
      Action: "sns:Publish",
      Resource: { Ref: "BudgetAlertsTopic" },
    });
    expect(s.Condition?.StringEquals?.["aws:SourceAccount"]).toEqual({ Ref: "AWS::AccountId" });
    expect(flat(s.Condition?.ArnLike?.["aws:SourceArn"])).toBe("arn:aws:budgets::AWS::AccountId:*");
  });

  it("grants no wildcard action and no wildcard resource, except inside ARNs whose names only exist at run time", () => {
    const allows = [
      ...ofType("AWS::IAM::Role").flatMap(([id, r]) =>
        (r.Properties.Policies as { PolicyDocument: { Statement: Statement[] } }[]).flatMap((p) =>
          p.PolicyDocument.Statement.map((s) => [id, s] as const),
        ),
      ),
    ].filter(([, s]) => s.Effect === "Allow");
    expect(allows.length).toBeGreaterThan(0);
    for (const [role, s] of allows) {
      for (const action of [s.Action].flat()) expect(action, role).not.toContain("*");
      // pricing:GetProducts has no resource-level permissions: "*" is its only resource.
      if (JSON.stringify(s.Action) === JSON.stringify(["pricing:GetProducts"])) {
        expect([role, s.Resource]).toEqual(["PricesRole", "*"]);
        continue;
      }
      // Nor have Cost Explorer's GetCostAndUsage and GetCostForecast.
      if (JSON.stringify(s.Action) === JSON.stringify(["ce:GetCostAndUsage", "ce:GetCostForecast"])) {
        expect(s.Resource, role).toBe("*");
        continue;
      }
      for (const resource of [s.Resource].flat()) {
        const arn = flat(resource);
        expect(arn, role).not.toBe("*");
        // Log streams (named by Lambda), the stage's SSM parameters, and budgets costbot
        // creates per channel: the trailing wildcard is the only way to name them.
        if (arn.includes("*")) {
          expect(arn, role).toMatch(
            /(:log-group:\/aws\/lambda\/costbot-dev-[a-z-]+:\*|:parameter\/costbot\/dev\/(slack|teams)\/\*|:budget\/costbot-\*)$/,
          );
        }
      }
    }
    // The only other policy is the framework's deployment bucket: a Deny of plain HTTP.
    for (const [, r] of ofType("AWS::S3::BucketPolicy")) {
      for (const s of (r.Properties.PolicyDocument as { Statement: Statement[] }).Statement) {
        expect(s).toMatchObject({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": false } } });
      }
    }
  });

  it("zips each function with only its own dist folder", () => {
    expect(
      readdirSync(PACKAGE_DIR)
        .filter((f) => f.endsWith(".zip"))
        .sort(),
    ).toEqual(["actual-weekly.zip", "budget-alerts.zip", "prices.zip", "slack.zip", "teams.zip"]);
    for (const name of Object.keys(FUNCTIONS)) {
      const entries = zipEntries(`${PACKAGE_DIR}/${name}.zip`);
      expect(entries, name).toContain(`dist/${name}/index.mjs`);
      expect(entries, name).toContain(`dist/${name}/index.mjs.map`);
      for (const entry of entries)
        expect(entry, name).toMatch(new RegExp(`^dist/${name}/[^/]+\\.mjs(\\.map)?$`));
    }
  });
});
