import type { App } from "@slack/bolt";
import type { SlackDeps } from "../../deps.ts";
import { costCommand } from "./cost.ts";

export const COST_COMMAND = "/cost";

export function register(app: App, deps: SlackDeps): void {
  app.command(COST_COMMAND, costCommand(deps));
}
