/**
 * The seeds' own published figures, line by line, with why ours differ. These are the
 * documents' numbers as printed (README, Workload templates, lists their slips); `audit <template>` sets
 * them beside a fresh estimate. Values are the seed's USD, as text, exactly as printed.
 */
export interface AuditLine {
  readonly id: string;
  readonly seed: string | null;
  readonly seedSays: string;
  readonly why?: string;
}

export interface AuditCase {
  /** The parameters the seed's figures are for (as command text). */
  readonly written: Readonly<Record<string, string>>;
  readonly label: string;
  readonly lines: readonly AuditLine[];
  readonly seedTotal: string;
  readonly seedTotalSays: string;
  readonly findings: readonly string[];
}

export const AUDITS: Readonly<Record<string, readonly AuditCase[]>> = {
  "voice-agent": [
    {
      written: {},
      label: "seed 000: 1,000 users, 1 h a day, Nova Pro",
      seedTotal: "53901.05",
      seedTotalSays: "72 + 115.14 + 926.24 + 1.8 + 16.29 + 9960/7.3 + 23155.2 + 6750 + 21500",
      lines: [
        {
          id: "llm",
          seed: "23155.20",
          seedSays: "Pro: 23040 + 115.2",
          why: "output is 100 × 120 × 1,000 × 30 = 360,000,000 tokens, not 36,000,000: Nova Pro output is $1,152.00, not $115.20",
        },
        {
          id: "stt",
          seed: "6750",
          seedSays: "250k min × 0.024 + 50k min × 0.015",
          why: "the table is right; the seed's STT summary says 6,250 where 6,000 + 750 = 6,750",
        },
        {
          id: "tts",
          seed: "21500",
          seedSays: "the total adds Polly as 21,500",
          why: "120 × 200 × 1,000 × 30 = 720 M characters (the line says 1,080 M) × $30/M = 21,600; the total adds 21,500",
        },
        { id: "rtc", seed: "1364.38", seedSays: "9960 CNY / 7.3" },
        {
          id: "egress",
          seed: "926.24",
          seedSays: "602.64 + 324",
          why: "602.64 + 324 = 926.64, not 926.24",
        },
        { id: "eks", seed: "72", seedSays: "0.10 × 24 × 30" },
        { id: "ec2", seed: "115.14", seedSays: "38.38 × 3" },
        { id: "cloudfront", seed: "1.8", seedSays: "180 × 0.01" },
        {
          id: "alb",
          seed: "16.29",
          seedSays: "16.2 + 0.09",
          why: "the 0.09 of LCU is unexplained; 720 h × (1,000 × 1 / 12 users/h) / 3,000 = 20 LCU-hours × $0.008 = 0.16",
        },
      ],
      findings: [
        "Nova Lite: the seed prices output at $0.00014 per 1K tokens; Nova Lite output costs $0.00024 per 1K (that is Nova Micro's price)",
      ],
    },
  ],
  "gpu-platform": [
    {
      written: { preset: "dev" },
      label: "seed 001, scenario 1 (development): ~$200–300",
      seedTotal: "201",
      seedTotalSays: "133 + 15 + 3 + 30 + 20 (range ~$200–300)",
      lines: [
        { id: "eks", seed: "73", seedSays: "control plane ~$73" },
        { id: "workers", seed: "60", seedSays: "2 × ~$30", why: "2 × 730 h × $0.0416 = 60.74" },
        { id: "gpu", seed: "15", seedSays: "50 spot hours ~ $15" },
        { id: "s3", seed: "3", seedSays: "100 GB ~ $3", why: "100 GB × $0.023 = 2.30" },
        { id: "databases", seed: "30", seedSays: "RDS 15 + MongoDB on EC2 15 + Milvus 0" },
        { id: "messaging", seed: "20", seedSays: "MQ etc." },
        { id: "api", seed: null, seedSays: "not in the scenario" },
      ],
      findings: ["inside the seed's range"],
    },
    {
      written: { preset: "prod" },
      label: "seed 001, scenario 2 (production): ~$800–1,200",
      seedTotal: "828",
      seedTotalSays: "193 + 260 + 35 + 300 + 40 (range ~$800–1,200)",
      lines: [
        { id: "eks", seed: "73", seedSays: "control plane" },
        { id: "workers", seed: "120", seedSays: "larger workers", why: "2 × 730 h × $0.0832 = 121.47" },
        { id: "gpu", seed: "260", seedSays: "500 on-demand hours ~ $260", why: "500 × $0.526 = 263.00" },
        {
          id: "s3",
          seed: "35",
          seedSays: "1 TB + transfer ~ $35",
          why: "1,000 GB × $0.023 + 100 GB × $0.09 = 32.00",
        },
        { id: "databases", seed: "300", seedSays: "RDS 30 + DocumentDB 200 + Pinecone 70" },
        { id: "messaging", seed: "40", seedSays: "MQ etc." },
        {
          id: "api",
          seed: null,
          seedSays: "§1.6 prices 1M requests at ~$1 but the scenario leaves it out",
          why: "1M × $1.00/M",
        },
      ],
      findings: ["inside the seed's range"],
    },
    {
      written: { preset: "scale" },
      label: "seed 001, scenario 3 (scaled): $3,000–10,000+",
      seedTotal: "3000",
      seedTotalSays: "the seed gives only a range: $3,000–10,000+",
      lines: [
        { id: "eks", seed: "73", seedSays: "control plane" },
        {
          id: "workers",
          seed: "500",
          seedSays: "$500+ (many/large workers)",
          why: "4 × 730 h × $0.1664 = 485.89",
        },
        {
          id: "gpu",
          seed: "1500",
          seedSays: "$1,500–5,000+",
          why: "2,500 spot h × $0.30 + 2,500 on-demand h × $0.526",
        },
        {
          id: "s3",
          seed: "250",
          seedSays: "10+ TB + transfer ~ $250+",
          why: "10,000 GB × $0.023 + 1,000 GB × $0.09 = 320.00",
        },
        {
          id: "databases",
          seed: "800",
          seedSays: "~$800+",
          why: "db.m5.large 125 + 3-node DocumentDB 600 + Pinecone 70",
        },
        { id: "messaging", seed: "100", seedSays: "$100+" },
        { id: "api", seed: null, seedSays: "not in the scenario" },
      ],
      findings: ["inside the seed's range; the seed's figures are lower bounds"],
    },
  ],
  "bedrock-api": [
    {
      written: {},
      label: "seed 002: 10 developers × 100 calls a day",
      seedTotal: "38.61",
      seedTotalSays: "0 + 37.50 + 0.11 + 1",
      lines: [
        { id: "lambda", seed: "0", seedSays: "15,000 GB-s, inside the free tier" },
        { id: "bedrock", seed: "37.50", seedSays: "30,000 × $0.00125" },
        { id: "api", seed: "0.11", seedSays: "$0.105 rounded", why: "exactly 0.105, half-up to 0.11" },
        { id: "s3", seed: "1", seedSays: "~$1/month" },
      ],
      findings: [],
    },
    {
      written: { devs: "1000", calls: "100", days: "1" },
      label: "seed 002 scaling table: 100,000 calls",
      seedTotal: "126.35",
      seedTotalSays: "125 + 0.35 (+ 1 S3)",
      lines: [
        { id: "lambda", seed: null, seedSays: "not in the table", why: "50,000 GB-s: inside the free tier" },
        { id: "bedrock", seed: "125", seedSays: "$125" },
        { id: "api", seed: "0.35", seedSays: "$0.35" },
        { id: "s3", seed: null, seedSays: "not in the table, but counted in its total" },
      ],
      findings: [],
    },
    {
      written: { devs: "5000", calls: "100", days: "1" },
      label: "seed 002 scaling table: 500,000 calls",
      seedTotal: "626.75",
      seedTotalSays: "625 + 1.75",
      lines: [
        { id: "lambda", seed: null, seedSays: "not in the table", why: "250,000 GB-s: inside the free tier" },
        { id: "bedrock", seed: "625", seedSays: "$625" },
        { id: "api", seed: "1.75", seedSays: "$1.75" },
        { id: "s3", seed: null, seedSays: "left out", why: "the $1 of S3 is left out of this row's total" },
      ],
      findings: ["the total leaves S3 out"],
    },
    {
      written: { devs: "10000", calls: "100", days: "1" },
      label: "seed 002 scaling table: 1,000,000 calls",
      seedTotal: "1253.50",
      seedTotalSays: "1250 + 3.50",
      lines: [
        {
          id: "lambda",
          seed: null,
          seedSays: '"Lambda is free"',
          why: "1,000,000 × 0.5 GB × 1 s = 500,000 GB-s: 100,000 beyond the free tier × $0.0000166667",
        },
        { id: "bedrock", seed: "1250", seedSays: "$1,250" },
        { id: "api", seed: "3.50", seedSays: "$3.50" },
        { id: "s3", seed: null, seedSays: "left out", why: "the $1 of S3 is left out of this row's total" },
      ],
      findings: ["the total leaves S3 out", "the free tier is used up: 100,000 GB-s are billed"],
    },
  ],
  "voice-coach": [
    {
      written: {},
      label: "seed 003 §5.2: 2,000 users at 1 h a month",
      seedTotal: "1254",
      seedTotalSays: "2,000 × $0.587 = 1,174 + 80 fixed",
      lines: [
        { id: "stt", seed: "800", seedSays: "2,000 h × $0.40" },
        {
          id: "emotion",
          seed: "200",
          seedSays: "2,000 h × $0.10",
          why: "1,200 calls × (750 × $0.10 + 20 × $0.40)/1M = $0.0996 an hour",
        },
        {
          id: "report",
          seed: "70",
          seedSays: "2,000 × $0.035",
          why: "$0.02775 + $0.0063 + $0.001 embedding = $0.03505 a session",
        },
        { id: "infra", seed: "104", seedSays: "2,000 h × $0.052" },
        { id: "fixed", seed: "80", seedSays: "Supabase 25 + Cloud Run 50 + other 5" },
      ],
      findings: [
        "the seed rounds the hourly cost to $0.587 (exactly $0.58665) before multiplying",
        "break-even: the seed's 323 min comes from rounding to 0.31 TWD/min; exactly 100 TWD / (0.58665 USD/60 × 32) = 319.6 min",
        "§5.1 charges 30-minute sessions as if one report were made per hour: two 30-minute sessions make two reports",
      ],
    },
  ],
  "image-gen": [
    {
      written: {},
      label: "seed 004: SDXL endpoint 8 h × 20 days (AWS calculator, Dec 2023)",
      seedTotal: "310.45",
      seedTotalSays: "the AWS Pricing Calculator's total",
      lines: [
        { id: "sagemaker", seed: "276.00", seedSays: "160 h × $1.515 + 240 GB × $0.14" },
        { id: "lambda", seed: "0.02", seedSays: "9.5 GB extra ephemeral storage" },
        { id: "api", seed: "1.05", seedSays: "300,000 REST requests" },
        { id: "s3", seed: "27.70", seedSays: "storage, GETs, Select, egress" },
        { id: "dynamodb", seed: "0.50", seedSays: "2 GB" },
        {
          id: "stepfunctions",
          seed: "0.13",
          seedSays: "9,000 transitions − 4,000 free",
          why: "0.125, half-up to 0.13",
        },
        {
          id: "cloudwatch",
          seed: "5.05",
          seedSays: "10 GB ingested",
          why: "5.00 + 10 GB × 15 % × $0.03 = 5.045, half-up",
        },
      ],
      findings: ['"72,000 images" does not follow from 8 h × 20 days at 7 s an image: that is 82,285'],
    },
  ],
};
