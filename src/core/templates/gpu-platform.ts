import { dec } from "../money.ts";
import { choice, num } from "../params.ts";
import { defineTemplate, line } from "../template.ts";

interface GpuPlatformParams {
  readonly [key: string]: number | string;
  preset: string;
  gpu_hours: number;
  spot_share: number;
  workers: number;
  worker: string;
  storage_gb: number;
  egress_gb: number;
  postgres: string;
  mongo: string;
  vector: string;
  messaging: number;
  api_requests: number;
}

const WORKER_KEYS: Record<string, string> = {
  "t3.medium": "aws.ec2.t3.medium",
  "t3.large": "aws.ec2.t3.large",
  "t3.xlarge": "aws.ec2.t3.xlarge",
};
const POSTGRES_KEYS: Record<string, string> = {
  "db.t3.micro": "aws.rds.db.t3.micro",
  "db.t3.small": "aws.rds.db.t3.small",
  "db.m5.large": "aws.rds.db.m5.large",
};
const MONGO_KEYS: Record<string, string> = {
  ec2: "mongo.ec2",
  documentdb: "aws.documentdb.small",
  "documentdb-3": "aws.documentdb.3-node",
};
const VECTOR_KEYS: Record<string, string> = { milvus: "vector.milvus", pinecone: "pinecone.starter-index" };

/** EC2 and the EKS control plane bill by the hour: 730 hours is AWS's average month. */
const HOURS_PER_MONTH = 730;

export const gpuPlatform = defineTemplate<GpuPlatformParams>({
  name: "gpu-platform",
  title: "GPU media-analysis platform (AIMA)",
  seed: "001_dda32fca2ae0ec5b.txt",
  description: "EKS with GPU analysis jobs, S3 media, managed databases and messaging",
  params: {
    preset: choice({
      default: "dev",
      options: ["dev", "prod", "scale"],
      description: "the seed's scenario; keys override it",
    }),
    gpu_hours: num({
      default: 50,
      min: 0,
      max: 1e7,
      unit: "h/month",
      description: "GPU instance hours per month (g4dn.xlarge)",
    }),
    spot_share: num({
      default: 1,
      min: 0,
      max: 1,
      fraction: true,
      unit: "share",
      description: "share of GPU hours on spot",
    }),
    workers: num({
      default: 2,
      min: 0,
      max: 10000,
      integer: true,
      unit: "nodes",
      description: "EKS worker nodes",
    }),
    worker: choice({
      default: "t3.medium",
      options: Object.keys(WORKER_KEYS),
      description: "worker instance type",
    }),
    storage_gb: num({ default: 100, min: 0, max: 1e9, unit: "GB", description: "S3 Standard storage" }),
    egress_gb: num({
      default: 0,
      min: 0,
      max: 1e9,
      unit: "GB/month",
      description: "data transfer out to the internet",
    }),
    postgres: choice({
      default: "db.t3.micro",
      options: Object.keys(POSTGRES_KEYS),
      description: "RDS PostgreSQL instance",
    }),
    mongo: choice({
      default: "ec2",
      options: Object.keys(MONGO_KEYS),
      description: "MongoDB: self-hosted or DocumentDB",
    }),
    vector: choice({ default: "milvus", options: Object.keys(VECTOR_KEYS), description: "vector database" }),
    messaging: num({
      default: 20,
      min: 0,
      max: 1e9,
      unit: "USD/month",
      description: "Amazon MQ and the rest, assumed spend",
    }),
    api_requests: num({
      default: 0,
      min: 0,
      max: 1e6,
      unit: "M requests",
      description: "API Gateway HTTP requests, millions",
    }),
  },
  defaultPreset: "dev",
  presets: {
    dev: {},
    prod: {
      gpu_hours: 500,
      spot_share: 0,
      workers: 2,
      worker: "t3.large",
      storage_gb: 1000,
      egress_gb: 100,
      postgres: "db.t3.small",
      mongo: "documentdb",
      vector: "pinecone",
      messaging: 40,
      api_requests: 1,
    },
    scale: {
      gpu_hours: 5000,
      spot_share: 0.5,
      workers: 4,
      worker: "t3.xlarge",
      storage_gb: 10000,
      egress_gb: 1000,
      postgres: "db.m5.large",
      mongo: "documentdb-3",
      vector: "pinecone",
      messaging: 100,
      api_requests: 10,
    },
  },
  lines(p, pricer) {
    const spotHours = dec(p.gpu_hours).times(p.spot_share);
    return [
      line("eks", "EKS control plane", [
        pricer.charge("cluster-hours", HOURS_PER_MONTH, "aws.eks.control-plane"),
      ]),
      line("workers", `EKS workers (${p.workers} × ${p.worker})`, [
        pricer.charge("instance-hours", dec(p.workers).times(HOURS_PER_MONTH), WORKER_KEYS[p.worker]!),
      ]),
      line("gpu", "GPU jobs (g4dn.xlarge)", [
        pricer.charge("spot hours", spotHours, "aws.ec2.g4dn.xlarge.spot"),
        pricer.charge("on-demand hours", dec(p.gpu_hours).minus(spotHours), "aws.ec2.g4dn.xlarge"),
      ]),
      line("s3", "S3 storage and egress", [
        pricer.charge("storage", p.storage_gb, "aws.s3.standard"),
        pricer.charge("egress", p.egress_gb, "aws.transfer.internet-out"),
      ]),
      line("databases", "Databases", [
        pricer.charge(`PostgreSQL ${p.postgres}`, 1, POSTGRES_KEYS[p.postgres]!),
        pricer.charge(`MongoDB (${p.mongo})`, 1, MONGO_KEYS[p.mongo]!),
        pricer.charge(`vector (${p.vector})`, 1, VECTOR_KEYS[p.vector]!),
      ]),
      line("messaging", "Messaging (Amazon MQ etc.)", [pricer.given("assumed spend", p.messaging)]),
      line("api", "API Gateway (HTTP)", [
        pricer.charge("requests", dec(p.api_requests).times(1_000_000), "aws.apigw.http"),
      ]),
    ];
  },
});
