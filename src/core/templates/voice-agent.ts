import { dec } from "../money.ts";
import { choice, model, num } from "../params.ts";
import { defineTemplate, line } from "../template.ts";

interface VoiceAgentParams {
  readonly [key: string]: number | string;
  users: number;
  hours: number;
  days: number;
  turn_seconds: number;
  question_seconds: number;
  answer_seconds: number;
  answer_chars: number;
  images: number;
  image_mb: number;
  image_tokens: number;
  prompt_tokens: number;
  output_tokens: number;
  model: string;
  stt: string;
  tts: string;
  audio_mb_per_s: number;
  instances: number;
  month_hours: number;
}

const TTS_KEYS: Record<string, string> = {
  "polly-generative": "aws.polly.generative",
  "polly-neural": "aws.polly.neural",
  "polly-standard": "aws.polly.standard",
};

export const voiceAgent = defineTemplate<VoiceAgentParams>({
  name: "voice-agent",
  title: "Realtime voice + vision agent",
  seed: "000_170c4680b054d463.txt",
  description: "Agora RTC voice agent on EKS: Transcribe, Polly and a multimodal model every turn",
  params: {
    users: num({
      default: 1000,
      min: 1,
      max: 1e9,
      integer: true,
      unit: "users",
      description: "monthly active users",
    }),
    hours: num({
      default: 1,
      min: 0,
      max: 24,
      exclusiveMin: true,
      unit: "h/day",
      description: "hours of use per user per day",
    }),
    days: num({
      default: 30,
      min: 0,
      max: 31,
      exclusiveMin: true,
      unit: "days",
      description: "days of use per month",
    }),
    turn_seconds: num({
      default: 30,
      min: 0,
      max: 86400,
      exclusiveMin: true,
      unit: "s",
      description: "one conversational turn every N seconds",
    }),
    question_seconds: num({
      default: 5,
      min: 0,
      max: 3600,
      unit: "s",
      description: "user speech per turn (speech-to-text)",
    }),
    answer_seconds: num({ default: 15, min: 0, max: 3600, unit: "s", description: "bot speech per turn" }),
    answer_chars: num({
      default: 200,
      min: 0,
      max: 1e6,
      unit: "chars",
      description: "text-to-speech characters per answer",
    }),
    images: num({
      default: 10,
      min: 0,
      max: 1000,
      integer: true,
      unit: "images",
      description: "images sent to the model per turn",
    }),
    image_mb: num({ default: 0.1, min: 0, max: 1000, unit: "MB", description: "size of one image" }),
    image_tokens: num({
      default: 800,
      min: 0,
      max: 1e6,
      unit: "tokens",
      description: "input tokens per image (900×450 ≈ 800)",
    }),
    prompt_tokens: num({
      default: 0,
      min: 0,
      max: 1e7,
      unit: "tokens",
      description: "other input tokens per turn",
    }),
    output_tokens: num({
      default: 100,
      min: 0,
      max: 1e7,
      unit: "tokens",
      description: "model output tokens per turn",
    }),
    model: model({
      default: "nova-pro",
      description: "the model every turn calls (any model in the catalog)",
      needs: ["images"],
    }),
    stt: choice({ default: "transcribe", options: ["transcribe"], description: "speech-to-text service" }),
    tts: choice({
      default: "polly-generative",
      options: Object.keys(TTS_KEYS),
      description: "text-to-speech voice engine",
    }),
    audio_mb_per_s: num({
      default: 0.093,
      min: 0,
      max: 100,
      unit: "MB/s",
      description: "audio bandwidth per second of speech",
    }),
    instances: num({
      default: 3,
      min: 0,
      max: 10000,
      integer: true,
      unit: "servers",
      description: "application servers (c8g.large)",
    }),
    month_hours: num({
      default: 720,
      min: 0,
      max: 744,
      unit: "h",
      description: "hours the always-on parts run (24 × 30)",
    }),
  },
  plan: {
    usageKey: "hours",
    minutesPerUnit: (p) => dec(60).times(p.days as number),
    variableLines: ["llm", "stt", "tts", "rtc", "egress", "cloudfront"],
  },
  lines(p, pricer) {
    const userHours = dec(p.users).times(p.hours).times(p.days);
    const turns = userHours.times(3600).div(p.turn_seconds);
    const m = pricer.catalog.model(p.model)!;
    const sttMinutes = turns.times(p.question_seconds).div(60);
    const speechMb = turns.times(dec(p.question_seconds).plus(p.answer_seconds)).times(p.audio_mb_per_s);
    const imageMb = turns.times(p.images).times(p.image_mb);
    const lcuHours = dec(p.month_hours).times(dec(p.users).times(p.hours).div(12)).div(3000);
    return [
      line("llm", `LLM (${m.id})`, [
        pricer.charge(
          "input tokens",
          turns.times(dec(p.images).times(p.image_tokens).plus(p.prompt_tokens)),
          m.inputKey,
        ),
        pricer.charge("output tokens", turns.times(p.output_tokens), m.outputKey),
      ]),
      line(
        "stt",
        "Amazon Transcribe",
        pricer.tiered("speech-to-text minutes", sttMinutes, [
          { size: 250_000, key: "aws.transcribe.tier1" },
          { size: 750_000, key: "aws.transcribe.tier2" },
          { size: 4_000_000, key: "aws.transcribe.tier3" },
          { key: "aws.transcribe.tier4" },
        ]),
      ),
      line("tts", `Amazon Polly (${p.tts.replace("polly-", "")})`, [
        pricer.charge("characters", turns.times(p.answer_chars), TTS_KEYS[p.tts]!),
      ]),
      line("rtc", "Agora RTC", [pricer.charge("user minutes", userHours.times(60), "agora.rtc")]),
      line("egress", "Data transfer out", [
        pricer.charge("audio", speechMb.div(1000), "aws.transfer.internet-out"),
        pricer.charge("images", imageMb.div(1000), "aws.transfer.internet-out"),
      ]),
      line("eks", "EKS control plane", [
        pricer.charge("cluster-hours", p.month_hours, "aws.eks.control-plane"),
      ]),
      line("ec2", "EC2 c8g.large", [pricer.charge("instances", p.instances, "aws.ec2.c8g.large.monthly")]),
      line("cloudfront", "CloudFront", [
        pricer.charge("HTTPS requests", userHours.times(60), "aws.cloudfront.https"),
      ]),
      line("alb", "Application Load Balancer", [
        pricer.charge("ALB-hours", p.month_hours, "aws.alb.hour"),
        pricer.charge("LCU-hours", lcuHours, "aws.alb.lcu-hour"),
      ]),
    ];
  },
});
