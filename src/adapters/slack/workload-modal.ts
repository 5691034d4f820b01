import { z } from "zod";
import { metadataOf, submittedText } from "./modal-fields.ts";

/** The `/cost workload add` modal's callback id; its view_submission listener matches on it. */
export const WORKLOAD_VIEW_ID = "workload_add_modal";
const MODEL_BLOCK = "workload_model";
const MODEL_INPUT = "model";
/** Slack's most for a plain_text_input; a longer model goes in a message's code block (64 KB) or the CLI. */
export const MODAL_MODEL_MAX = 3000;
/** Slack shows an error under a field; a short one reads better, the rest is in the first lines. */
const ERROR_MAX = 1500;

/** Where the answer goes once the model is accepted: the channel the command came from. */
const target = z.object({ channel: z.string() });
export type WorkloadTarget = z.output<typeof target>;

export function workloadModal(where: WorkloadTarget) {
  return {
    type: "modal" as const,
    callback_id: WORKLOAD_VIEW_ID,
    private_metadata: JSON.stringify(where),
    title: { type: "plain_text" as const, text: "Add a workload" },
    submit: { type: "plain_text" as const, text: "Add" },
    close: { type: "plain_text" as const, text: "Cancel" },
    blocks: [
      {
        type: "input",
        block_id: MODEL_BLOCK,
        label: { type: "plain_text" as const, text: "Workload model (YAML or JSON)" },
        element: {
          type: "plain_text_input",
          action_id: MODEL_INPUT,
          multiline: true,
          max_length: MODAL_MODEL_MAX,
          placeholder: { type: "plain_text" as const, text: "workload: rag-support\ntitle: …" },
        },
        hint: {
          type: "plain_text" as const,
          text: "`/cost workload show voice-agent` gives one to start from. Longer than 3,000 characters: mention @costbot with `workload add` and the model in a code block.",
        },
      },
    ],
  };
}

export const workloadTargetOf = (privateMetadata: string) => metadataOf(target, privateMetadata);

export const submittedModel = (values: unknown) => submittedText(values, MODEL_BLOCK, MODEL_INPUT);

/** A view_submission answer that shows the problems under the model and keeps the modal open. */
export function modelError(message: string) {
  const text = message.length > ERROR_MAX ? `${message.slice(0, ERROR_MAX - 1)}…` : message;
  return { response_action: "errors" as const, errors: { [MODEL_BLOCK]: text } };
}

/** `/cost workload add` with nothing after it: the modal, not a turn. */
export function opensWorkloadModal(text: string): boolean {
  return /^\s*workload\s+add\s*$/i.test(text);
}
