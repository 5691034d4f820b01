import type { App } from "@slack/bolt";
import type { SlackDeps } from "../../deps.ts";
import { appMention } from "./app-mention.ts";
import { directMessage } from "./direct-message.ts";
import { threadMessage } from "./thread-message.ts";

export function register(app: App, deps: SlackDeps): void {
  app.event("message", threadMessage(deps));
  app.event("message", directMessage(deps));
  app.event("app_mention", appMention(deps));
}
