import type { Estimate } from "../../core/estimate.ts";
import type { ScenarioInput } from "./model.ts";

/**
 * The surface-neutral reply: a short document that Slack (Block Kit), Teams (Adaptive
 * Card) and the CLI (text) each render their own way. Text in blocks uses only `code`
 * and *bold* markup, which all three can show.
 */
export interface Column {
  readonly header: string;
  readonly align: "left" | "right";
  /**
   * Where a narrow surface (an 80-column terminal) may put this column when the table does not
   * fit: "below" the table as one note per row (explanations), or "drop" it (details --json keeps).
   */
  readonly narrow?: "below" | "drop";
}

/**
 * A chart the platforms draw natively (Slack's data_visualization, Teams' Chart.*). It rides on
 * a `bars` block: the bars stay the text form (CLI, fallbacks). Values are for drawing, not
 * money: floats are fine. Each series has one value per category.
 */
export interface Chart {
  readonly kind: "bar" | "line";
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly categories: readonly string[];
  readonly series: readonly { readonly name: string; readonly values: readonly number[] }[];
}

export type Block =
  | { readonly type: "heading"; readonly text: string }
  | { readonly type: "text"; readonly text: string }
  | {
      readonly type: "table";
      readonly columns: readonly Column[];
      readonly rows: readonly (readonly string[])[];
    }
  | {
      /** A bar per item, `share` (0..1) long, labelled with `value` (a percent or an amount). */
      readonly type: "bars";
      readonly items: readonly { readonly label: string; readonly share: number; readonly value: string }[];
      /** The same data as a chart, where the surface can draw one. */
      readonly chart?: Chart;
    }
  | { readonly type: "notes"; readonly items: readonly string[] }
  | { readonly type: "context"; readonly text: string }
  /** Text shown exactly as it is, in a monospace font, never read as markup (a workload model). */
  | { readonly type: "code"; readonly text: string }
  | {
      readonly type: "actions";
      readonly actions: readonly Action[];
    };

/**
 * A button. "save" asks for a name and saves the reply's scenario; "confirm-delete" deletes the
 * scenario `name` as it was when the question was asked (`confirm`, see run/scenarios.ts).
 */
export type Action =
  | { readonly id: "save"; readonly label: string }
  | {
      readonly id: "confirm-delete";
      readonly label: string;
      readonly name: string;
      readonly confirm: string;
    };

export type ReplyKind =
  | "estimate"
  | "what-if"
  | "sweep"
  | "compare"
  | "plan"
  | "audit"
  | "scenario"
  | "budget"
  | "info"
  | "actual"
  | "help"
  | "error";

export interface Reply {
  readonly kind: ReplyKind;
  /** "private": errors and help (Slack ephemeral); "channel": results the team discusses. */
  readonly visibility: "channel" | "private";
  /** Plain-text fallback (notifications, screen readers, Slack's `text`). */
  readonly summary: string;
  readonly blocks: readonly Block[];
  /** The estimate behind the reply, for --json and for linking a thread to it. */
  readonly estimate?: Estimate;
  /** Structured result for --json when the reply is not a single estimate. */
  readonly data?: unknown;
  /** Set when this reply starts a scenario a thread can follow up on. */
  readonly scenario?: ScenarioInput;
  /** For errors: what to try instead. */
  readonly hint?: string;
  /** For errors: a stable machine-readable cause (the CLI's `--json` prints it). */
  readonly code?: "invalid_command" | "store_unavailable" | "unavailable" | "internal";
  /** Exit status for the CLI: 0 success, 2 the user's mistake, 1 our fault. */
  readonly status: 0 | 1 | 2;
}
