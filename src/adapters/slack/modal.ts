import { z } from "zod";
import type { ScenarioInput } from "../../app/ports.ts";
import { CURRENCIES } from "../../core/money.ts";
import { metadataOf, submittedText } from "./modal-fields.ts";

/** The modal's callback id; the view_submission listener matches on it. */
export const SAVE_VIEW_ID = "save_scenario_modal";
const NAME_BLOCK = "scenario_name";
const NAME_INPUT = "name";
/** Slack caps private_metadata at 3,000 characters. */
const METADATA_MAX = 3000;

const scenarioInput = z.object({
  template: z.string().min(1),
  written: z.record(z.string(), z.string()),
  currency: z.enum(CURRENCIES),
}) satisfies z.ZodType<ScenarioInput>;

/** What the modal carries from the button to the submission: the thread, and the scenario as a fallback. */
const saveTarget = z.object({
  channel: z.string(),
  thread: z.string(),
  input: scenarioInput.optional(),
});
export type SaveTarget = z.output<typeof saveTarget>;

/** The scenario a "Save scenario" button carries in its value (see the Block Kit renderer). */
export function scenarioFromButton(value: string | undefined): ScenarioInput | undefined {
  if (!value) return undefined;
  try {
    const parsed = scenarioInput.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function saveModal(target: SaveTarget) {
  let metadata = JSON.stringify(target);
  if (metadata.length > METADATA_MAX) metadata = JSON.stringify({ ...target, input: undefined });
  return {
    type: "modal" as const,
    callback_id: SAVE_VIEW_ID,
    private_metadata: metadata,
    title: { type: "plain_text" as const, text: "Save scenario" },
    submit: { type: "plain_text" as const, text: "Save" },
    close: { type: "plain_text" as const, text: "Cancel" },
    blocks: [
      {
        type: "input",
        block_id: NAME_BLOCK,
        label: { type: "plain_text" as const, text: "Name" },
        element: {
          type: "plain_text_input",
          action_id: NAME_INPUT,
          max_length: 64,
          placeholder: { type: "plain_text" as const, text: "e.g. launch-q3" },
        },
        hint: {
          type: "plain_text" as const,
          text: "Letters, digits, dot, dash, underscore. Later: /cost show <name>, diff, budget create … from=<name>.",
        },
      },
      {
        type: "context",
        elements: [
          {
            type: "mrkdwn",
            text: "Saves this thread's latest scenario (what-ifs included) for everyone in this workspace.",
          },
        ],
      },
    ],
  };
}

export const saveTargetOf = (privateMetadata: string) => metadataOf(saveTarget, privateMetadata);

export const submittedName = (values: unknown) => submittedText(values, NAME_BLOCK, NAME_INPUT).trim();

/** A view_submission answer that shows `message` under the name field and keeps the modal open. */
export function nameError(message: string) {
  return { response_action: "errors" as const, errors: { [NAME_BLOCK]: message } };
}
