/** Where the catalog's own entries come from: the seed documents and the vendors' pages. */
export const SEED = {
  voiceAgent: "seed 000_170c4680b054d463.txt",
  gpuPlatform: "seed 001_dda32fca2ae0ec5b.txt",
  bedrockApi: "seed 002_d97c40f400d2d597.txt",
  voiceCoach: "seed 003_14a7828d5ee22325.txt",
  imageGen: "seed 004_ac1518f222a821b9.txt",
} as const;

export const PAGE = {
  transcribe: "https://aws.amazon.com/transcribe/pricing/",
  polly: "https://aws.amazon.com/polly/pricing/",
  agora: "https://www.agora.io/en/pricing/",
  ec2: "https://aws.amazon.com/ec2/pricing/on-demand/",
  ec2Spot: "https://aws.amazon.com/ec2/spot/pricing/",
  eks: "https://aws.amazon.com/eks/pricing/",
  cloudfront: "https://aws.amazon.com/cloudfront/pricing/",
  elb: "https://aws.amazon.com/elasticloadbalancing/pricing/",
  dataTransfer: "https://aws.amazon.com/ec2/pricing/on-demand/#Data_Transfer",
  s3: "https://aws.amazon.com/s3/pricing/",
  rds: "https://aws.amazon.com/rds/postgresql/pricing/",
  documentdb: "https://aws.amazon.com/documentdb/pricing/",
  pinecone: "https://www.pinecone.io/pricing/",
  apiGateway: "https://aws.amazon.com/api-gateway/pricing/",
  lambda: "https://aws.amazon.com/lambda/pricing/",
  bedrock: "https://aws.amazon.com/bedrock/pricing/",
  elevenlabs: "https://elevenlabs.io/pricing/api",
  vertex: "https://cloud.google.com/vertex-ai/generative-ai/pricing",
  sagemaker: "https://aws.amazon.com/sagemaker/pricing/",
  dynamodb: "https://aws.amazon.com/dynamodb/pricing/on-demand/",
  stepFunctions: "https://aws.amazon.com/step-functions/pricing/",
  cloudwatch: "https://aws.amazon.com/cloudwatch/pricing/",
  costExplorer: "https://aws.amazon.com/aws-cost-management/aws-cost-explorer/pricing/",
  sns: "https://aws.amazon.com/sns/pricing/",
  textract: "https://aws.amazon.com/textract/pricing/",
  opensearch: "https://aws.amazon.com/opensearch-service/pricing/",
  sqs: "https://aws.amazon.com/sqs/pricing/",
} as const;

/**
 * The day the catalog's own figures were entered: the date of an entry read off a vendor's page
 * that day; for the undated seeds only the day they were copied (those entries are `undated`).
 */
export const RECORDED = "2026-11-23";
/** Seeds 000-002 state no date: their figures are "as assumed by seed 00x, undated". */
export const UNDATED_SEEDS: readonly string[] = [SEED.voiceAgent, SEED.gpuPlatform, SEED.bedrockApi];
/** Seed 003 states its date; seed 004 says "as of December 2023". */
export const SEED_003_DATE = "2026-02-07";
export const SEED_004_DATE = "2023-12-01";
/** The day the keys AI workloads need (Textract, SQS, …) were read off the vendors' pages. */
export const AI_KEYS_DATE = "2026-12-06";
