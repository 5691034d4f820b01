import { dec } from "../money.ts";
import { type AmountValue, amount, choice, model, num } from "../params.ts";
import { defineTemplate, line } from "../template.ts";

interface VoiceCoachParams {
  readonly [key: string]: number | string | AmountValue;
  users: number;
  hours: number;
  session_minutes: number;
  stt: string;
  emotion_model: string;
  emotion_every_s: number;
  emotion_input: number;
  emotion_output: number;
  report_model: string;
  report_input: number;
  report_output: number;
  embedding_per_session: number;
  infra_per_hour: number;
  fixed_monthly: number;
  price: AmountValue;
}

const STT_KEYS: Record<string, string> = {
  "elevenlabs-scribe-v2": "elevenlabs.scribe-v2",
  "elevenlabs-scribe-v2-enterprise": "elevenlabs.scribe-v2-enterprise",
};

export const voiceCoach = defineTemplate<VoiceCoachParams>({
  name: "voice-coach",
  title: "Realtime parenting-coach sessions",
  seed: "003_14a7828d5ee22325.txt",
  description: "ElevenLabs speech-to-text, an emotion signal every few seconds and a report per session",
  params: {
    users: num({ default: 2000, min: 1, max: 1e9, integer: true, unit: "users", description: "subscribers" }),
    hours: num({
      default: 1,
      min: 0,
      max: 744,
      unit: "h/month",
      description: "hours of sessions per user per month",
    }),
    session_minutes: num({
      default: 60,
      min: 0,
      max: 1440,
      exclusiveMin: true,
      unit: "min",
      description: "length of one session (one report each)",
    }),
    stt: choice({
      default: "elevenlabs-scribe-v2",
      options: Object.keys(STT_KEYS),
      description: "speech-to-text plan",
    }),
    emotion_model: model({ default: "gemini-flash-lite", description: "model for the emotion signal" }),
    emotion_every_s: num({
      default: 3,
      min: 0,
      max: 3600,
      exclusiveMin: true,
      unit: "s",
      description: "one emotion call every N seconds",
    }),
    emotion_input: num({
      default: 750,
      min: 0,
      max: 1e7,
      unit: "tokens",
      description: "input tokens per emotion call",
    }),
    emotion_output: num({
      default: 20,
      min: 0,
      max: 1e7,
      unit: "tokens",
      description: "output tokens per emotion call",
    }),
    report_model: model({ default: "gemini-3-flash", description: "model for the end-of-session report" }),
    report_input: num({
      default: 55500,
      min: 0,
      max: 1e8,
      unit: "tokens",
      description: "input tokens per report",
    }),
    report_output: num({
      default: 2100,
      min: 0,
      max: 1e8,
      unit: "tokens",
      description: "output tokens per report",
    }),
    embedding_per_session: num({
      default: 0.001,
      min: 0,
      max: 1e6,
      unit: "USD",
      description: "RAG embedding per session",
    }),
    infra_per_hour: num({
      default: 0.052,
      min: 0,
      max: 1e6,
      unit: "USD/h",
      description: "Cloud Run and database per session hour",
    }),
    fixed_monthly: num({
      default: 80,
      min: 0,
      max: 1e9,
      unit: "USD/month",
      description: "fixed monthly costs",
    }),
    price: amount({
      default: { value: "100", currency: "TWD" },
      description: "subscription per user per month (for margin)",
    }),
  },
  revenueUsd: (p) => dec(p.users).times(p.price.usd),
  plan: {
    usageKey: "hours",
    minutesPerUnit: () => dec(60),
    variableLines: ["stt", "emotion", "report", "infra"],
  },
  lines(p, pricer) {
    const sessionHours = dec(p.users).times(p.hours);
    const sessions = sessionHours.times(60).div(p.session_minutes);
    const emotionCalls = sessionHours.times(3600).div(p.emotion_every_s);
    const emotion = pricer.catalog.model(p.emotion_model)!;
    const report = pricer.catalog.model(p.report_model)!;
    return [
      line("stt", "ElevenLabs speech-to-text", [
        pricer.charge("session hours", sessionHours, STT_KEYS[p.stt]!),
      ]),
      line("emotion", `Emotion signal (${emotion.id})`, [
        pricer.charge("input tokens", emotionCalls.times(p.emotion_input), emotion.inputKey),
        pricer.charge("output tokens", emotionCalls.times(p.emotion_output), emotion.outputKey),
      ]),
      line("report", `Session reports (${report.id})`, [
        pricer.charge("input tokens", sessions.times(p.report_input), report.inputKey),
        pricer.charge("output tokens", sessions.times(p.report_output), report.outputKey),
        pricer.given(
          "embeddings",
          sessions.times(p.embedding_per_session),
          `USD (${p.embedding_per_session} per session)`,
        ),
      ]),
      line("infra", "Cloud Run and database", [
        pricer.given(
          "session hours",
          sessionHours.times(p.infra_per_hour),
          `USD (${p.infra_per_hour} per session hour)`,
        ),
      ]),
      line("fixed", "Fixed monthly costs", [pricer.given("fixed", p.fixed_monthly)]),
    ];
  },
});
