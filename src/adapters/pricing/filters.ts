/**
 * What `costbot prices refresh [region=…]` asks the AWS Price List Query API for each catalog key:
 * the service, the TERM_MATCH filters that name exactly one product in the region, the unit the
 * answer must be in, and how many of the catalog entry's units one price-list unit covers. The
 * on-demand tier starting at 0 is taken. Keys not listed here (Transcribe and Polly tiers, EKS,
 * ALB, CloudFront, data transfer, RDS and DocumentDB monthly figures, the seeds' assumptions)
 * keep their shipped entries (README "Prices: the catalog").
 */
export interface PriceListQuery {
  readonly serviceCode: string;
  readonly filters: Readonly<Record<string, string>>;
  /** The price list's unit, checked on the answer (a unit change is a vanished price). */
  readonly unit: string;
  /** One price-list unit is this many of the catalog's units (Bedrock prices per 1K tokens: 1000). */
  readonly unitSize?: number;
}

/**
 * The billing code a usage type starts with outside us-east-1 (AWS's "Region billing codes"
 * page). In us-east-1 some services write no prefix (Lambda, S3, DynamoDB) and some `USE1-`.
 */
const BILLING_CODES: Readonly<Record<string, string>> = {
  "us-east-1": "USE1",
  "us-east-2": "USE2",
  "us-west-1": "USW1",
  "us-west-2": "USW2",
  "ca-central-1": "CAN1",
  "ca-west-1": "CAN2",
  "mx-central-1": "MXC1",
  "sa-east-1": "SAE1",
  "eu-central-1": "EUC1",
  "eu-central-2": "EUC2",
  "eu-west-1": "EU",
  "eu-west-2": "EUW2",
  "eu-west-3": "EUW3",
  "eu-south-1": "EUS1",
  "eu-south-2": "EUS2",
  "eu-north-1": "EUN1",
  "il-central-1": "ILC1",
  "me-south-1": "MES1",
  "me-central-1": "MEC1",
  "af-south-1": "AFS1",
  "ap-east-1": "APE1",
  "ap-east-2": "APE2",
  "ap-south-1": "APS3",
  "ap-south-2": "APS5",
  "ap-northeast-1": "APN1",
  "ap-northeast-2": "APN2",
  "ap-northeast-3": "APN3",
  "ap-southeast-1": "APS1",
  "ap-southeast-2": "APS2",
  "ap-southeast-3": "APS4",
  "ap-southeast-4": "APS6",
  "ap-southeast-5": "APS7",
  "ap-southeast-7": "APS9",
  "us-gov-east-1": "UGE1",
  "us-gov-west-1": "UGW1",
};

/** A usage type in `region`: `Request` in us-east-1 is `EUC1-Request` in eu-central-1. */
export function usageType(region: string, type: string, homePrefixed = false): string {
  const code = BILLING_CODES[region] ?? region;
  if (region === "us-east-1") return homePrefixed ? `USE1-${type}` : type;
  return `${code}-${type}`;
}

const ec2 = (regionCode: string, instanceType: string): PriceListQuery => ({
  serviceCode: "AmazonEC2",
  filters: {
    regionCode,
    instanceType,
    operatingSystem: "Linux",
    tenancy: "Shared",
    preInstalledSw: "NA",
    capacitystatus: "Used",
    licenseModel: "No License required",
  },
  unit: "Hrs",
});

/** Amazon Bedrock's own models (not Marketplace ones): the Price List API's `AmazonBedrock` items. */
const BEDROCK_MODELS: Readonly<Record<string, string>> = {
  "nova-micro": "Nova Micro",
  "nova-lite": "Nova Lite",
  "nova-pro": "Nova Pro",
  "nova-premier": "Nova Premier",
  "llama-3.3-70b": "Llama 3.3 70B",
};

/** Every key's query in one region (us-east-1: the shipped catalog's region). */
export function priceListQueries(regionCode: string): Readonly<Record<string, PriceListQuery>> {
  const r = { regionCode } as const;
  const use = (type: string, homePrefixed = false) => usageType(regionCode, type, homePrefixed);
  const queries: Record<string, PriceListQuery> = {
    "aws.lambda.requests": {
      serviceCode: "AWSLambda",
      filters: { ...r, group: "AWS-Lambda-Requests", usagetype: use("Request") },
      unit: "Requests",
    },
    "aws.lambda.gb-second": {
      serviceCode: "AWSLambda",
      filters: { ...r, group: "AWS-Lambda-Duration", usagetype: use("Lambda-GB-Second") },
      unit: "Lambda-GB-Second",
    },
    "aws.lambda.arm64.gb-second": {
      serviceCode: "AWSLambda",
      filters: { ...r, group: "AWS-Lambda-Duration-ARM", usagetype: use("Lambda-GB-Second-ARM") },
      unit: "Lambda-GB-Second",
    },
    "aws.apigw.rest": {
      serviceCode: "AmazonApiGateway",
      filters: { ...r, usagetype: use("ApiGatewayRequest") },
      unit: "Requests",
    },
    "aws.apigw.http": {
      serviceCode: "AmazonApiGateway",
      filters: { ...r, usagetype: use("ApiGatewayHttpRequest") },
      unit: "Requests",
    },
    "aws.s3.standard": {
      serviceCode: "AmazonS3",
      filters: { ...r, usagetype: use("TimedStorage-ByteHrs"), volumeType: "Standard" },
      unit: "GB-Mo",
    },
    "aws.s3.put": {
      serviceCode: "AmazonS3",
      filters: { ...r, usagetype: use("Requests-Tier1"), group: "S3-API-Tier1" },
      unit: "Requests",
    },
    "aws.s3.get": {
      serviceCode: "AmazonS3",
      filters: { ...r, usagetype: use("Requests-Tier2"), group: "S3-API-Tier2" },
      unit: "Requests",
    },
    "aws.ec2.t3.medium": ec2(regionCode, "t3.medium"),
    "aws.ec2.t3.large": ec2(regionCode, "t3.large"),
    "aws.ec2.t3.xlarge": ec2(regionCode, "t3.xlarge"),
    "aws.ec2.g4dn.xlarge": ec2(regionCode, "g4dn.xlarge"),
    "aws.dynamodb.write": {
      serviceCode: "AmazonDynamoDB",
      filters: { ...r, usagetype: use("WriteRequestUnits") },
      unit: "WriteRequestUnits",
    },
    "aws.dynamodb.read": {
      serviceCode: "AmazonDynamoDB",
      filters: { ...r, usagetype: use("ReadRequestUnits") },
      unit: "ReadRequestUnits",
    },
    "aws.textract.detect-text": textract(regionCode, "SyncTextPagesProcessed"),
    "aws.textract.tables": textract(regionCode, "SyncTablesPagesProcessed"),
    "aws.textract.forms": textract(regionCode, "SyncFormsPagesProcessed"),
    "aws.textract.queries": textract(regionCode, "SyncQueriesPagesProcessed"),
    "aws.textract.layout": textract(regionCode, "SyncLayoutPagesProcessed"),
    "aws.opensearch-serverless.indexing-ocu": {
      serviceCode: "AmazonES",
      filters: { ...r, usagetype: use("IndexingOCU", true) },
      unit: "OCU-hours",
    },
    "aws.opensearch-serverless.search-ocu": {
      serviceCode: "AmazonES",
      filters: { ...r, usagetype: use("SearchOCU", true) },
      unit: "OCU-hours",
    },
    "aws.cloudwatch.logs-ingested": {
      serviceCode: "AmazonCloudWatch",
      filters: { ...r, usagetype: use("DataProcessing-Bytes", true) },
      unit: "GB",
    },
    "aws.sqs.standard.requests": {
      serviceCode: "AWSQueueService",
      filters: { ...r, usagetype: use("Requests-Tier1"), queueType: "Standard" },
      unit: "Requests",
    },
    "aws.sqs.fifo.requests": {
      serviceCode: "AWSQueueService",
      filters: { ...r, usagetype: use("Requests-FIFO-Tier1"), queueType: "FIFO" },
      unit: "Requests",
    },
    "aws.stepfunctions.express.requests": {
      serviceCode: "AmazonStates",
      filters: { ...r, usagetype: use("StepFunctions-Express-Requests", true) },
      unit: "Requests",
    },
    "aws.stepfunctions.express.gb-second": {
      serviceCode: "AmazonStates",
      filters: { ...r, usagetype: use("StepFunctions-Express-GB-Second", true) },
      unit: "GB-Second",
    },
    "aws.sagemaker.endpoint.ml.m5.xlarge": sagemakerHosting(regionCode, "ml.m5.xlarge"),
    "aws.sagemaker.endpoint.ml.g5.xlarge": sagemakerHosting(regionCode, "ml.g5.xlarge"),
    "aws.sagemaker.endpoint.ml.g5.2xlarge": sagemakerHosting(regionCode, "ml.g5.2xlarge"),
  };
  for (const [id, model] of Object.entries(BEDROCK_MODELS)) {
    for (const side of ["input", "output"] as const) {
      queries[`model.${id}.${side}`] = {
        serviceCode: "AmazonBedrock",
        filters: {
          ...r,
          model,
          feature: "On-demand Inference",
          inferenceType: side === "input" ? "Input tokens" : "Output tokens",
        },
        unit: "1K tokens",
        unitSize: 1000,
      };
    }
  }
  return queries;
}

function textract(regionCode: string, type: string): PriceListQuery {
  return {
    serviceCode: "AmazonTextract",
    filters: { regionCode, usagetype: usageType(regionCode, type, true) },
    unit: "Pages",
  };
}

function sagemakerHosting(regionCode: string, instance: string): PriceListQuery {
  return {
    serviceCode: "AmazonSageMaker",
    filters: { regionCode, usagetype: usageType(regionCode, `Host:${instance}`, true) },
    unit: "Hrs",
  };
}

/** The us-east-1 queries: the shipped catalog's region. */
export const PRICE_LIST_QUERIES = priceListQueries("us-east-1");

/** "AmazonEC2 instanceType=t3.medium regionCode=us-east-1 …": a query as the log and sources show it. */
export function describeQuery(q: PriceListQuery): string {
  return `${q.serviceCode} ${Object.entries(q.filters)
    .map(([k, v]) => `${k}=${v}`)
    .join(" ")}`;
}
