import type { CurrencyCode } from "../money.ts";
import {
  AI_KEYS_DATE,
  PAGE,
  RECORDED,
  SEED,
  SEED_003_DATE,
  SEED_004_DATE,
  UNDATED_SEEDS,
} from "./sources.ts";
import type { AllowanceEntry, PriceEntry, RateEntry } from "./types.ts";

function price(
  key: string,
  value: string,
  per: number,
  unit: string,
  source: string,
  asOf = RECORDED,
  currency: CurrencyCode = "USD",
  note?: string,
): PriceEntry {
  const seed = UNDATED_SEEDS.find((s) => source.startsWith(s));
  if (seed && asOf === RECORDED) {
    // The figure is the seed's assumption; the vendor's page is where to check it, not its date.
    const rest = source.slice(seed.length).replace(/^; /, "");
    const said = `as assumed by ${seed}, undated${rest ? `; check: ${rest}` : ""}`;
    return { key, value, currency, per, unit, source: said, asOf, ...(note ? { note } : {}), undated: true };
  }
  return { key, value, currency, per, unit, source, asOf, ...(note ? { note } : {}) };
}

const both = (seed: string, page: string) => `${seed}; ${page}`;

/** Prices the LLM price library does not carry: cloud services, speech, RTC, seed-assumed models. */
export const PRICE_ENTRIES: readonly PriceEntry[] = [
  // Amazon Transcribe streaming, tiered by monthly minutes (us-east-1).
  price("aws.transcribe.tier1", "0.024", 1, "minute (first 250,000)", both(SEED.voiceAgent, PAGE.transcribe)),
  price("aws.transcribe.tier2", "0.015", 1, "minute (next 750,000)", both(SEED.voiceAgent, PAGE.transcribe)),
  price("aws.transcribe.tier3", "0.0102", 1, "minute (next 4,000,000)", PAGE.transcribe),
  price("aws.transcribe.tier4", "0.0078", 1, "minute (over 5,000,000)", PAGE.transcribe),
  price("aws.polly.generative", "30", 1_000_000, "characters", both(SEED.voiceAgent, PAGE.polly)),
  price("aws.polly.neural", "16", 1_000_000, "characters", PAGE.polly),
  price("aws.polly.standard", "4", 1_000_000, "characters", PAGE.polly),
  price("agora.rtc", "8300", 1_500_000, "minutes", both(SEED.voiceAgent, PAGE.agora), RECORDED, "CNY"),
  price("aws.transfer.internet-out", "0.09", 1, "GB", both(SEED.voiceAgent, PAGE.dataTransfer)),
  price("aws.eks.control-plane", "0.10", 1, "cluster-hour", both(SEED.voiceAgent, PAGE.eks)),
  // Seed 000 says "按需/RI" (on-demand or reserved): its figure, not the EC2 on-demand page's.
  price(
    "aws.ec2.c8g.large.monthly",
    "38.38",
    1,
    "instance-month",
    SEED.voiceAgent,
    RECORDED,
    "USD",
    "on-demand or RI, per seed 000 (it does not say which); not the EC2 on-demand price",
  ),
  price("aws.cloudfront.https", "0.01", 10_000, "HTTPS requests", both(SEED.voiceAgent, PAGE.cloudfront)),
  price("aws.alb.hour", "0.0225", 1, "ALB-hour", both(SEED.voiceAgent, PAGE.elb)),
  price("aws.alb.lcu-hour", "0.008", 1, "LCU-hour", both(SEED.voiceAgent, PAGE.elb)),

  // gpu-platform (seed 001).
  price("aws.ec2.t3.medium", "0.0416", 1, "instance-hour", both(SEED.gpuPlatform, PAGE.ec2)),
  price("aws.ec2.t3.large", "0.0832", 1, "instance-hour", PAGE.ec2),
  price("aws.ec2.t3.xlarge", "0.1664", 1, "instance-hour", PAGE.ec2),
  price("aws.ec2.g4dn.xlarge", "0.526", 1, "instance-hour", both(SEED.gpuPlatform, PAGE.ec2)),
  price("aws.ec2.g4dn.xlarge.spot", "0.30", 1, "instance-hour", both(SEED.gpuPlatform, PAGE.ec2Spot)),
  price("aws.s3.standard", "0.023", 1, "GB-month", both(SEED.gpuPlatform, PAGE.s3)),
  price("aws.rds.db.t3.micro", "15", 1, "instance-month", both(SEED.gpuPlatform, PAGE.rds)),
  price("aws.rds.db.t3.small", "30", 1, "instance-month", both(SEED.gpuPlatform, PAGE.rds)),
  price("aws.rds.db.m5.large", "125", 1, "instance-month", PAGE.rds),
  price("mongo.ec2", "15", 1, "month", SEED.gpuPlatform, RECORDED, "USD", "self-hosted MongoDB on EC2"),
  price("aws.documentdb.small", "200", 1, "month", both(SEED.gpuPlatform, PAGE.documentdb)),
  price("aws.documentdb.3-node", "600", 1, "month", PAGE.documentdb, RECORDED, "USD", "3 small instances"),
  price("vector.milvus", "0", 1, "month", SEED.gpuPlatform, RECORDED, "USD", "runs on the EKS workers"),
  price("pinecone.starter-index", "70", 1, "month", both(SEED.gpuPlatform, PAGE.pinecone)),
  price("aws.apigw.http", "1.00", 1_000_000, "requests", both(SEED.gpuPlatform, PAGE.apiGateway)),

  // bedrock-api (seed 002).
  price("aws.apigw.rest", "3.50", 1_000_000, "requests", both(SEED.bedrockApi, PAGE.apiGateway)),
  price("aws.lambda.requests", "0.20", 1_000_000, "requests", PAGE.lambda),
  price("aws.lambda.gb-second", "0.0000166667", 1, "GB-second", PAGE.lambda),
  price("aws.lambda.ephemeral-gb-second", "0.0000000309", 1, "GB-second", both(SEED.imageGen, PAGE.lambda)),
  price("model.deepseek-r1-distill-llama-70b.input", "0.0005", 1000, "input tokens", SEED.bedrockApi),
  price("model.deepseek-r1-distill-llama-70b.output", "0.002", 1000, "output tokens", SEED.bedrockApi),

  // voice-coach (seed 003).
  price("elevenlabs.scribe-v2", "0.40", 1, "hour", both(SEED.voiceCoach, PAGE.elevenlabs), SEED_003_DATE),
  price(
    "elevenlabs.scribe-v2-enterprise",
    "0.22",
    1,
    "hour",
    both(SEED.voiceCoach, PAGE.elevenlabs),
    SEED_003_DATE,
  ),
  price(
    "model.gemini-flash-lite.input",
    "0.10",
    1_000_000,
    "input tokens",
    both(SEED.voiceCoach, PAGE.vertex),
    SEED_003_DATE,
  ),
  price(
    "model.gemini-flash-lite.output",
    "0.40",
    1_000_000,
    "output tokens",
    both(SEED.voiceCoach, PAGE.vertex),
    SEED_003_DATE,
  ),

  // image-gen (seed 004, AWS Pricing Calculator, us-east-1, December 2023).
  price(
    "aws.sagemaker.ml.g5.2xlarge",
    "1.515",
    1,
    "instance-hour",
    both(SEED.imageGen, PAGE.sagemaker),
    SEED_004_DATE,
  ),
  price("aws.sagemaker.gp2", "0.14", 1, "GB-month", both(SEED.imageGen, PAGE.sagemaker), SEED_004_DATE),
  price("aws.s3.get", "0.0004", 1000, "GET requests", both(SEED.imageGen, PAGE.s3), SEED_004_DATE),
  price("aws.s3.select-returned", "0.0007", 1, "GB returned", both(SEED.imageGen, PAGE.s3), SEED_004_DATE),
  price("aws.dynamodb.storage", "0.25", 1, "GB-month", both(SEED.imageGen, PAGE.dynamodb), SEED_004_DATE),
  price("aws.stepfunctions.transition", "0.000025", 1, "state transition", PAGE.stepFunctions, SEED_004_DATE),
  price("aws.cloudwatch.logs-ingested", "0.50", 1, "GB", both(SEED.imageGen, PAGE.cloudwatch), SEED_004_DATE),
  price("aws.cloudwatch.logs-stored", "0.03", 1, "GB-month", PAGE.cloudwatch, SEED_004_DATE),
  price(
    "aws.sagemaker.training.g5.2xlarge.seed",
    "526.18",
    300,
    "training hours",
    SEED.imageGen,
    SEED_004_DATE,
    "USD",
    "the seed's calculator figure for 300 one-hour jobs, storage included",
  ),

  // costbot's own bill (DynamoDB on-demand, SNS).
  price("aws.dynamodb.write", "0.625", 1_000_000, "write request units", PAGE.dynamodb),
  price("aws.dynamodb.read", "0.125", 1_000_000, "read request units", PAGE.dynamodb),

  // costbot's own Lambdas run on arm64 (Graviton): the same request price, cheaper duration
  // (us-east-1, first 7.5 billion GB-seconds a month).
  // Cost Explorer API: $0.01 a request, each page of a paginated answer counted (the FAQ).
  price("aws.costexplorer.request", "0.01", 1, "API requests", PAGE.costExplorer, "2026-12-06"),
  price("aws.lambda.arm64.gb-second", "0.0000133334", 1, "GB-second", PAGE.lambda, "2026-11-23"),

  // The keys AI workloads need (us-east-1 list prices, first tier; refreshed from the AWS Price
  // List API with the queries in adapters/pricing/filters.ts).
  price("aws.textract.detect-text", "1.50", 1000, "pages (DetectDocumentText)", PAGE.textract, AI_KEYS_DATE),
  price("aws.textract.tables", "15.00", 1000, "pages (AnalyzeDocument tables)", PAGE.textract, AI_KEYS_DATE),
  price("aws.textract.forms", "50.00", 1000, "pages (AnalyzeDocument forms)", PAGE.textract, AI_KEYS_DATE),
  price(
    "aws.textract.queries",
    "15.00",
    1000,
    "pages (AnalyzeDocument queries)",
    PAGE.textract,
    AI_KEYS_DATE,
  ),
  price("aws.textract.layout", "4.00", 1000, "pages (AnalyzeDocument layout)", PAGE.textract, AI_KEYS_DATE),
  price(
    "aws.opensearch-serverless.indexing-ocu",
    "0.24",
    1,
    "indexing OCU-hour",
    PAGE.opensearch,
    AI_KEYS_DATE,
  ),
  price("aws.opensearch-serverless.search-ocu", "0.24", 1, "search OCU-hour", PAGE.opensearch, AI_KEYS_DATE),
  price(
    "aws.opensearch-serverless.storage",
    "0.024",
    1,
    "GB-month (managed storage)",
    PAGE.opensearch,
    AI_KEYS_DATE,
  ),
  price("aws.sqs.standard.requests", "0.40", 1_000_000, "requests (standard queue)", PAGE.sqs, AI_KEYS_DATE),
  price("aws.sqs.fifo.requests", "0.50", 1_000_000, "requests (FIFO queue)", PAGE.sqs, AI_KEYS_DATE),
  price(
    "aws.stepfunctions.express.requests",
    "1.00",
    1_000_000,
    "Express requests",
    PAGE.stepFunctions,
    AI_KEYS_DATE,
  ),
  price(
    "aws.stepfunctions.express.gb-second",
    "0.00001667",
    1,
    "Express GB-second",
    PAGE.stepFunctions,
    AI_KEYS_DATE,
  ),
  price(
    "aws.sagemaker.endpoint.ml.m5.xlarge",
    "0.23",
    1,
    "real-time endpoint instance-hour",
    PAGE.sagemaker,
    AI_KEYS_DATE,
  ),
  price(
    "aws.sagemaker.endpoint.ml.g5.xlarge",
    "1.408",
    1,
    "real-time endpoint instance-hour",
    PAGE.sagemaker,
    AI_KEYS_DATE,
  ),
  price(
    "aws.sagemaker.endpoint.ml.g5.2xlarge",
    "1.515",
    1,
    "real-time endpoint instance-hour",
    PAGE.sagemaker,
    AI_KEYS_DATE,
  ),
  price("aws.s3.put", "0.005", 1000, "PUT, COPY, POST or LIST requests", PAGE.s3, AI_KEYS_DATE),
];

export const ALLOWANCE_ENTRIES: readonly AllowanceEntry[] = [
  {
    key: "aws.lambda.free.requests",
    quantity: 1_000_000,
    unit: "requests/month",
    source: PAGE.lambda,
    asOf: RECORDED,
  },
  {
    key: "aws.lambda.free.gb-seconds",
    quantity: 400_000,
    unit: "GB-seconds/month",
    source: PAGE.lambda,
    asOf: RECORDED,
  },
  {
    key: "aws.lambda.free.ephemeral-gb",
    quantity: 0.5,
    unit: "GB of /tmp included per function",
    source: PAGE.lambda,
    asOf: RECORDED,
  },
  {
    key: "aws.stepfunctions.free.transitions",
    quantity: 4000,
    unit: "state transitions/month",
    source: PAGE.stepFunctions,
    asOf: SEED_004_DATE,
  },
  {
    key: "aws.sqs.free.requests",
    quantity: 1_000_000,
    unit: "requests/month",
    source: PAGE.sqs,
    asOf: AI_KEYS_DATE,
  },
  {
    key: "aws.cloudwatch.free.logs-gb",
    quantity: 5,
    unit: "GB of logs ingested/month",
    source: PAGE.cloudwatch,
    asOf: AI_KEYS_DATE,
  },
  {
    key: "aws.dynamodb.free.storage-gb",
    quantity: 25,
    unit: "GB-month of table storage",
    source: PAGE.dynamodb,
    asOf: AI_KEYS_DATE,
  },
];

export const RATE_ENTRIES: readonly RateEntry[] = [
  { currency: "USD", perUsd: "1", source: "base currency", asOf: RECORDED },
  { currency: "TWD", perUsd: "32", source: SEED.voiceCoach, asOf: SEED_003_DATE },
  {
    currency: "CNY",
    perUsd: "7.3",
    source: `as assumed by ${SEED.voiceAgent}, undated`,
    asOf: RECORDED,
    undated: true,
  },
  {
    currency: "EUR",
    perUsd: "0.86",
    source: "costbot maintainers' working rate; replace with the ECB reference rate of the day you quote",
    asOf: RECORDED,
  },
];
