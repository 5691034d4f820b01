import { dec } from "../money.ts";
import { bool, num } from "../params.ts";
import { defineTemplate, line } from "../template.ts";

interface SelfParams {
  readonly [key: string]: number | boolean;
  commands: number;
  invocations: number;
  duration_ms: number;
  memory_mb: number;
  writes: number;
  reads: number;
  log_kb: number;
  free_tier: boolean;
}

/**
 * What running costbot itself costs on AWS: each command is one HTTP API request, two arm64
 * Lambda invocations (the acknowledgement, and the asynchronous worker it hands the request to:
 * issue #12) and a few DynamoDB on-demand requests. The defaults are measured by `npm run bench`
 * (docs/performance.md): the slack function's warm p50 per slash command, acknowledgement and
 * work each billed rounded up to the millisecond, and the DynamoDB operations it makes
 * (idempotency claim and thread link written, one read).
 */
export const self = defineTemplate<SelfParams>({
  name: "self",
  title: "costbot's own AWS bill",
  seed: "costbot's bench (docs/performance.md)",
  description: "Running costbot: Lambda (arm64), HTTP API, DynamoDB on-demand and logs per command",
  params: {
    commands: num({
      default: 10_000,
      min: 0,
      max: 1e10,
      integer: true,
      unit: "commands/month",
      description: "slash commands, mentions and thread replies per month",
    }),
    invocations: num({
      default: 2,
      min: 1,
      max: 10,
      integer: true,
      unit: "invocations/command",
      description: "Lambda invocations per command: the acknowledgement and its asynchronous worker",
    }),
    duration_ms: num({
      default: 14,
      min: 1,
      max: 900_000,
      unit: "ms",
      description:
        "billed Lambda time per command, both invocations (bench: warm p50 of the acknowledgement, 1 ms, and of the work, 13 ms, each rounded up; on AWS the acknowledgement's Invoke call adds its round trip)",
    }),
    memory_mb: num({
      default: 512,
      min: 128,
      max: 10240,
      integer: true,
      unit: "MB",
      description: "Lambda memory size (serverless.yml)",
    }),
    writes: num({
      default: 2,
      min: 0,
      max: 100,
      unit: "WRU/command",
      description: "DynamoDB write units per command (idempotency claim, thread link)",
    }),
    reads: num({
      default: 1,
      min: 0,
      max: 100,
      unit: "RRU/command",
      description: "DynamoDB read units per command (one strongly consistent read)",
    }),
    log_kb: num({
      default: 0.7,
      min: 0,
      max: 1024,
      unit: "KB/command",
      description:
        "CloudWatch Logs ingested per command (Lambda's START/END/REPORT lines, ~0.3 KB per invocation; ours)",
    }),
    free_tier: bool({
      default: false,
      description: "apply Lambda's monthly free tier (a company account has usually used it up)",
    }),
  },
  lines(p, pricer, notes) {
    const commands = dec(p.commands);
    const gbSeconds = commands.times(dec(p.memory_mb).div(1024)).times(dec(p.duration_ms).div(1000));
    const invocations = commands.times(p.invocations);
    const requests = p.free_tier
      ? pricer.beyondAllowance(invocations, "aws.lambda.free.requests")
      : invocations;
    const billedGbs = p.free_tier
      ? pricer.beyondAllowance(gbSeconds, "aws.lambda.free.gb-seconds")
      : gbSeconds;
    notes.push(
      "Budget alerts (SNS into Lambda) are a few a month: SNS does not charge for Lambda deliveries",
    );
    return [
      line("lambda", "AWS Lambda (arm64)", [
        pricer.charge(
          p.free_tier ? "requests beyond the free tier" : "requests",
          requests,
          "aws.lambda.requests",
        ),
        pricer.charge(
          p.free_tier ? "GB-seconds beyond the free tier" : "GB-seconds",
          billedGbs,
          "aws.lambda.arm64.gb-second",
        ),
      ]),
      line("api", "API Gateway (HTTP API)", [pricer.charge("requests", commands, "aws.apigw.http")]),
      line("dynamodb", "DynamoDB on-demand", [
        pricer.charge("write request units", commands.times(p.writes), "aws.dynamodb.write"),
        pricer.charge("read request units", commands.times(p.reads), "aws.dynamodb.read"),
      ]),
      line("logs", "CloudWatch Logs", [
        pricer.charge(
          "GB ingested",
          commands.times(p.log_kb).div(1024 * 1024),
          "aws.cloudwatch.logs-ingested",
        ),
      ]),
    ];
  },
});
