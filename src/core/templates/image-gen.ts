import { dec } from "../money.ts";
import { choice, num } from "../params.ts";
import { defineTemplate, line } from "../template.ts";

interface ImageGenParams {
  readonly [key: string]: number | string;
  instance: string;
  hours_per_day: number;
  days: number;
  volume_gb: number;
  seconds_per_image: number;
  api_requests: number;
  lambda_ms: number;
  lambda_memory_mb: number;
  ephemeral_gb: number;
  s3_gb: number;
  s3_gets: number;
  s3_select_gb: number;
  egress_gb: number;
  dynamodb_gb: number;
  workflows: number;
  transitions: number;
  logs_gb: number;
  training_hours: number;
}

const INSTANCE_KEYS: Record<string, string> = { "ml.g5.2xlarge": "aws.sagemaker.ml.g5.2xlarge" };
/** CloudWatch stores logs compressed; the AWS calculator assumes 15 % of the ingested size. */
const LOG_COMPRESSION = "0.15";

export const imageGen = defineTemplate<ImageGenParams>({
  name: "image-gen",
  title: "Stable Diffusion XL on a SageMaker endpoint",
  seed: "004_ac1518f222a821b9.txt",
  description: "SDXL inference endpoint behind API Gateway and Lambda, with optional training",
  params: {
    instance: choice({
      default: "ml.g5.2xlarge",
      options: Object.keys(INSTANCE_KEYS),
      description: "endpoint instance",
    }),
    hours_per_day: num({
      default: 8,
      min: 0,
      max: 24,
      unit: "h/day",
      description: "endpoint uptime per day",
    }),
    days: num({ default: 20, min: 0, max: 31, unit: "days", description: "endpoint days per month" }),
    volume_gb: num({ default: 240, min: 0, max: 1e6, unit: "GB", description: "endpoint storage (gp2)" }),
    seconds_per_image: num({
      default: 7,
      min: 0,
      max: 86400,
      exclusiveMin: true,
      unit: "s",
      description: "time to generate one image",
    }),
    api_requests: num({
      default: 300000,
      min: 0,
      max: 1e12,
      unit: "requests",
      description: "API Gateway REST requests (one Lambda call each)",
    }),
    lambda_ms: num({ default: 200, min: 1, max: 900000, unit: "ms", description: "Lambda time per request" }),
    lambda_memory_mb: num({
      default: 128,
      min: 128,
      max: 10240,
      integer: true,
      unit: "MB",
      description: "Lambda memory",
    }),
    ephemeral_gb: num({
      default: 10,
      min: 0.5,
      max: 10,
      unit: "GB",
      description: "Lambda ephemeral storage",
    }),
    s3_gb: num({ default: 1000, min: 0, max: 1e9, unit: "GB", description: "S3 Standard storage" }),
    s3_gets: num({ default: 1_000_000, min: 0, max: 1e13, unit: "requests", description: "S3 GET requests" }),
    s3_select_gb: num({
      default: 1000,
      min: 0,
      max: 1e9,
      unit: "GB",
      description: "data returned by S3 Select",
    }),
    egress_gb: num({
      default: 40,
      min: 0,
      max: 1e9,
      unit: "GB",
      description: "data transfer out to the internet",
    }),
    dynamodb_gb: num({ default: 2, min: 0, max: 1e9, unit: "GB", description: "DynamoDB storage" }),
    workflows: num({
      default: 600,
      min: 0,
      max: 1e12,
      unit: "workflows",
      description: "Step Functions workflows per month",
    }),
    transitions: num({
      default: 15,
      min: 0,
      max: 1e6,
      unit: "transitions",
      description: "state transitions per workflow",
    }),
    logs_gb: num({ default: 10, min: 0, max: 1e9, unit: "GB", description: "CloudWatch logs ingested" }),
    training_hours: num({
      default: 0,
      min: 0,
      max: 1e6,
      unit: "h",
      description: "SageMaker training hours per month",
    }),
  },
  lines(p, pricer, notes) {
    const endpointHours = dec(p.hours_per_day).times(p.days);
    const images = endpointHours.times(3600).div(p.seconds_per_image).floor();
    notes.push(
      `${images.toNumber().toLocaleString("en-US")} images a month at ${p.seconds_per_image} s each`,
    );
    const lambdaSeconds = dec(p.api_requests).times(p.lambda_ms).div(1000);
    const computeGbs = lambdaSeconds.times(dec(p.lambda_memory_mb).div(1024));
    const extraEphemeral = dec(p.ephemeral_gb).minus(pricer.allowance("aws.lambda.free.ephemeral-gb"));
    const transitions = dec(p.workflows).times(p.transitions);
    const lines = [
      line("sagemaker", `SageMaker endpoint (${p.instance})`, [
        pricer.charge("endpoint hours", endpointHours, INSTANCE_KEYS[p.instance]!),
        pricer.charge("storage", p.volume_gb, "aws.sagemaker.gp2"),
      ]),
      line("lambda", "AWS Lambda", [
        pricer.charge(
          "requests beyond the free tier",
          pricer.beyondAllowance(p.api_requests, "aws.lambda.free.requests"),
          "aws.lambda.requests",
        ),
        pricer.charge(
          "GB-seconds beyond the free tier",
          pricer.beyondAllowance(computeGbs, "aws.lambda.free.gb-seconds"),
          "aws.lambda.gb-second",
        ),
        pricer.charge(
          "extra ephemeral storage",
          lambdaSeconds.times(extraEphemeral),
          "aws.lambda.ephemeral-gb-second",
          "GB-seconds",
        ),
      ]),
      line("api", "API Gateway (REST)", [pricer.charge("requests", p.api_requests, "aws.apigw.rest")]),
      line("s3", "Amazon S3", [
        pricer.charge("storage", p.s3_gb, "aws.s3.standard"),
        pricer.charge("GET requests", p.s3_gets, "aws.s3.get"),
        pricer.charge("S3 Select returned", p.s3_select_gb, "aws.s3.select-returned"),
        pricer.charge("egress", p.egress_gb, "aws.transfer.internet-out"),
      ]),
      line("dynamodb", "DynamoDB", [pricer.charge("storage", p.dynamodb_gb, "aws.dynamodb.storage")]),
      line("stepfunctions", "Step Functions", [
        pricer.charge(
          "transitions beyond the free tier",
          pricer.beyondAllowance(transitions, "aws.stepfunctions.free.transitions"),
          "aws.stepfunctions.transition",
        ),
      ]),
      line("cloudwatch", "CloudWatch Logs", [
        pricer.charge("ingested", p.logs_gb, "aws.cloudwatch.logs-ingested"),
        pricer.charge(
          "stored (compressed to 15 %)",
          dec(p.logs_gb).times(LOG_COMPRESSION),
          "aws.cloudwatch.logs-stored",
        ),
      ]),
    ];
    if (p.training_hours > 0) {
      lines.push(
        line("training", "SageMaker training", [
          pricer.charge("training hours", p.training_hours, "aws.sagemaker.training.g5.2xlarge.seed"),
        ]),
      );
    }
    return lines;
  },
});
