/**
 * What `costbot prices refresh` asks the AWS Price List Query API for each catalog key: the
 * service, the TERM_MATCH filters that name exactly one product in us-east-1, and how many of the
 * product's units make one of the catalog entry's (`per`). The on-demand tier starting at 0 is
 * taken. Keys not listed here (Transcribe and Polly tiers, EKS, ALB, CloudFront, data transfer,
 * RDS and DocumentDB monthly figures, the seeds' assumptions) keep their shipped entries.
 */
export interface PriceListQuery {
  readonly serviceCode: string;
  readonly filters: Readonly<Record<string, string>>;
  /** The price list's unit, checked on the answer (a unit change is a vanished price). */
  readonly unit: string;
}

const US_EAST_1 = { regionCode: "us-east-1" } as const;

const ec2 = (instanceType: string): PriceListQuery => ({
  serviceCode: "AmazonEC2",
  filters: {
    ...US_EAST_1,
    instanceType,
    operatingSystem: "Linux",
    tenancy: "Shared",
    preInstalledSw: "NA",
    capacitystatus: "Used",
    licenseModel: "No License required",
  },
  unit: "Hrs",
});

export const PRICE_LIST_QUERIES: Readonly<Record<string, PriceListQuery>> = {
  "aws.lambda.requests": {
    serviceCode: "AWSLambda",
    filters: { ...US_EAST_1, group: "AWS-Lambda-Requests", usagetype: "Request" },
    unit: "Requests",
  },
  "aws.lambda.gb-second": {
    serviceCode: "AWSLambda",
    filters: { ...US_EAST_1, group: "AWS-Lambda-Duration", usagetype: "Lambda-GB-Second" },
    unit: "Lambda-GB-Second",
  },
  "aws.lambda.arm64.gb-second": {
    serviceCode: "AWSLambda",
    filters: { ...US_EAST_1, group: "AWS-Lambda-Duration-ARM", usagetype: "Lambda-GB-Second-ARM" },
    unit: "Lambda-GB-Second",
  },
  "aws.apigw.rest": {
    serviceCode: "AmazonApiGateway",
    filters: { ...US_EAST_1, usagetype: "ApiGatewayRequest" },
    unit: "Requests",
  },
  "aws.apigw.http": {
    serviceCode: "AmazonApiGateway",
    filters: { ...US_EAST_1, usagetype: "ApiGatewayHttpRequest" },
    unit: "Requests",
  },
  "aws.s3.standard": {
    serviceCode: "AmazonS3",
    filters: { ...US_EAST_1, usagetype: "TimedStorage-ByteHrs", volumeType: "Standard" },
    unit: "GB-Mo",
  },
  "aws.ec2.t3.medium": ec2("t3.medium"),
  "aws.ec2.t3.large": ec2("t3.large"),
  "aws.ec2.t3.xlarge": ec2("t3.xlarge"),
  "aws.ec2.g4dn.xlarge": ec2("g4dn.xlarge"),
  "aws.dynamodb.write": {
    serviceCode: "AmazonDynamoDB",
    filters: { ...US_EAST_1, usagetype: "WriteRequestUnits" },
    unit: "WriteRequestUnits",
  },
  "aws.dynamodb.read": {
    serviceCode: "AmazonDynamoDB",
    filters: { ...US_EAST_1, usagetype: "ReadRequestUnits" },
    unit: "ReadRequestUnits",
  },
};

/** "AmazonEC2 instanceType=t3.medium regionCode=us-east-1 …": a query as the log and sources show it. */
export function describeQuery(q: PriceListQuery): string {
  return `${q.serviceCode} ${Object.entries(q.filters)
    .map(([k, v]) => `${k}=${v}`)
    .join(" ")}`;
}
