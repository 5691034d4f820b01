import type { App, BlockButtonAction } from "@slack/bolt";
import { CONFIRM_DELETE_ACTION_ID, SAVE_ACTION_ID } from "../../../render/block-kit.ts";
import type { SlackDeps } from "../../deps.ts";
import { confirmDeleteButton } from "./confirm-delete.ts";
import { saveScenarioButton } from "./save-scenario.ts";

export function register(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(
    { type: "block_actions", action_id: SAVE_ACTION_ID },
    saveScenarioButton(deps),
  );
  app.action<BlockButtonAction>(
    { type: "block_actions", action_id: CONFIRM_DELETE_ACTION_ID },
    confirmDeleteButton(deps),
  );
}
