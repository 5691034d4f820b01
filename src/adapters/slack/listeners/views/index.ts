import type { App, ViewSubmitAction } from "@slack/bolt";
import type { SlackDeps } from "../../deps.ts";
import { SAVE_VIEW_ID } from "../../modal.ts";
import { WORKLOAD_VIEW_ID } from "../../workload-modal.ts";
import { saveScenarioSubmission } from "./save-scenario.ts";
import { workloadAddSubmission } from "./workload-add.ts";

export function register(app: App, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(
    { type: "view_submission", callback_id: SAVE_VIEW_ID },
    saveScenarioSubmission(deps),
  );
  app.view<ViewSubmitAction>(
    { type: "view_submission", callback_id: WORKLOAD_VIEW_ID },
    workloadAddSubmission(deps),
  );
}
