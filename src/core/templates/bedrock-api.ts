import { dec } from "../money.ts";
import { bool, choice, model, num } from "../params.ts";
import { defineTemplate, line } from "../template.ts";

interface BedrockApiParams {
  readonly [key: string]: number | string | boolean;
  devs: number;
  calls: number;
  days: number;
  input_tokens: number;
  output_tokens: number;
  model: string;
  memory_mb: number;
  duration_ms: number;
  api: string;
  s3_monthly: number;
  free_tier: boolean;
}

const API_KEYS: Record<string, string> = { rest: "aws.apigw.rest", http: "aws.apigw.http" };

export const bedrockApi = defineTemplate<BedrockApiParams>({
  name: "bedrock-api",
  title: "Lambda + API Gateway in front of a Bedrock model",
  seed: "002_d97c40f400d2d597.txt",
  description: "An API that invokes an (imported) Bedrock model from Lambda",
  params: {
    devs: num({ default: 10, min: 1, max: 1e9, integer: true, unit: "callers", description: "callers" }),
    calls: num({
      default: 100,
      min: 0,
      max: 1e9,
      unit: "calls/day",
      description: "calls per caller per day",
    }),
    days: num({
      default: 30,
      min: 0,
      max: 31,
      exclusiveMin: true,
      unit: "days",
      description: "days per month",
    }),
    input_tokens: num({
      default: 500,
      min: 0,
      max: 1e7,
      unit: "tokens",
      description: "input tokens per call",
    }),
    output_tokens: num({
      default: 500,
      min: 0,
      max: 1e7,
      unit: "tokens",
      description: "output tokens per call",
    }),
    model: model({ default: "deepseek-r1-distill-llama-70b", description: "the model each call invokes" }),
    memory_mb: num({
      default: 512,
      min: 128,
      max: 10240,
      integer: true,
      unit: "MB",
      description: "Lambda memory size",
    }),
    duration_ms: num({ default: 1000, min: 1, max: 900000, unit: "ms", description: "Lambda time per call" }),
    api: choice({
      default: "rest",
      options: ["rest", "http"],
      description: "API Gateway REST ($3.50/M) or HTTP ($1.00/M)",
    }),
    s3_monthly: num({
      default: 1,
      min: 0,
      max: 1e9,
      unit: "USD/month",
      description: "artifact storage, assumed spend",
    }),
    free_tier: bool({
      default: true,
      description: "apply Lambda's monthly free tier (1M requests, 400,000 GB-s)",
    }),
  },
  lines(p, pricer, notes) {
    const calls = dec(p.devs).times(p.calls).times(p.days);
    const gbSeconds = calls.times(dec(p.memory_mb).div(1024)).times(dec(p.duration_ms).div(1000));
    const billedRequests = p.free_tier ? pricer.beyondAllowance(calls, "aws.lambda.free.requests") : calls;
    const billedGbs = p.free_tier
      ? pricer.beyondAllowance(gbSeconds, "aws.lambda.free.gb-seconds")
      : gbSeconds;
    if (p.free_tier && billedGbs.gt(0)) {
      notes.push(
        `Lambda free tier exhausted: ${gbSeconds.toFixed(0)} GB-s used, ${billedGbs.toFixed(0)} billed`,
      );
    }
    if (p.free_tier && billedRequests.gt(0))
      notes.push(`Lambda free requests exhausted: ${billedRequests} billed`);
    const m = pricer.catalog.model(p.model)!;
    return [
      line("lambda", "AWS Lambda", [
        pricer.charge("requests beyond the free tier", billedRequests, "aws.lambda.requests"),
        pricer.charge("GB-seconds beyond the free tier", billedGbs, "aws.lambda.gb-second"),
      ]),
      line("bedrock", `Bedrock (${m.id})`, [
        pricer.charge("input tokens", calls.times(p.input_tokens), m.inputKey),
        pricer.charge("output tokens", calls.times(p.output_tokens), m.outputKey),
      ]),
      line("api", `API Gateway (${p.api.toUpperCase()})`, [
        pricer.charge("requests", calls, API_KEYS[p.api]!),
      ]),
      line("s3", "S3 artifacts", [pricer.given("assumed spend", p.s3_monthly)]),
    ];
  },
});
