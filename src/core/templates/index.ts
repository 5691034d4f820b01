import type { Template } from "../template.ts";
import { bedrockApi } from "./bedrock-api.ts";
import { gpuPlatform } from "./gpu-platform.ts";
import { imageGen } from "./image-gen.ts";
import { self } from "./self.ts";
import { voiceAgent } from "./voice-agent.ts";
import { voiceCoach } from "./voice-coach.ts";

export const TEMPLATES: readonly Template[] = [
  voiceAgent,
  gpuPlatform,
  bedrockApi,
  voiceCoach,
  imageGen,
  self,
];

const byName = new Map(TEMPLATES.map((t) => [t.name, t]));

export function findTemplate(name: string): Template | undefined {
  return byName.get(name.toLowerCase());
}
