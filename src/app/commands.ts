import type { CurrencyCode } from "../core/money.ts";
import type { Value } from "../core/params.ts";

/** Flags every estimate-like command accepts. */
export interface Options {
  readonly currency?: CurrencyCode;
  readonly detail?: boolean;
  /** CLI only: print the result as JSON. */
  readonly json?: boolean;
  /** `region=eu-central-1`: price AWS keys for that region (checked against AWS's list). */
  readonly region?: string;
}

export type Assignments = Readonly<Record<string, Value>>;

export interface Axis {
  readonly key: string;
  readonly values: readonly Value[];
}

export type Command =
  | {
      readonly kind: "estimate";
      readonly template: string;
      readonly assignments: Assignments;
      readonly options: Options;
    }
  | { readonly kind: "what-if"; readonly assignments: Assignments; readonly options: Options }
  | {
      readonly kind: "sweep" | "compare";
      readonly template: string;
      readonly axis: Axis;
      readonly assignments: Assignments;
      readonly options: Options;
    }
  | {
      readonly kind: "plan";
      readonly template: string;
      readonly assignments: Assignments;
      readonly prices?: readonly Value[];
      readonly options: Options;
    }
  | {
      readonly kind: "audit";
      readonly template: string;
      readonly assignments: Assignments;
      readonly options: Options;
    }
  | {
      readonly kind: "save";
      readonly name: string;
      readonly inline?: { readonly template: string; readonly assignments: Assignments };
      readonly options: Options;
    }
  | { readonly kind: "list"; readonly page?: number; readonly options: Options }
  | { readonly kind: "show"; readonly name: string; readonly options: Options }
  | {
      readonly kind: "delete";
      readonly name: string;
      /** `confirm=<token>`: deleting someone else's scenario, as it was when they were asked. */
      readonly confirm?: string;
      readonly options: Options;
    }
  | { readonly kind: "diff"; readonly names: readonly [string, string]; readonly options: Options }
  | {
      readonly kind: "budget";
      readonly action: "create" | "list" | "show" | "delete";
      readonly name?: string;
      readonly assignments: Assignments;
      /** thresholds=50,75,100 */
      readonly thresholds?: readonly Value[];
      readonly options: Options;
    }
  | { readonly kind: "templates"; readonly options: Options }
  | { readonly kind: "models"; readonly filter?: string; readonly options: Options }
  | {
      readonly kind: "prices";
      readonly filter?: string;
      readonly refresh?: boolean;
      /** `prices set <key>=<amount>`: the key and the amount as written. */
      readonly set?: { readonly key: string; readonly text: string };
      /** `prices unset <key>` */
      readonly unset?: string;
      /** `prices book` */
      readonly book?: true;
      readonly options: Options;
    }
  | {
      readonly kind: "settings";
      /** `drift=10%`: the drift-notice threshold in percent, as a decimal string ("10"). */
      readonly driftPercent?: string;
      /** `discount=aws:6%`: percent off every AWS-billed price ("6"; "0" removes it). */
      readonly discount?: { readonly scope: "aws"; readonly percent: string; readonly text: string };
      /** `variance=20%`: how far over its estimate a line is named first in the weekly actual. */
      readonly variancePercent?: string;
      readonly options: Options;
    }
  | { readonly kind: "help"; readonly topic?: string; readonly options: Options }
  | {
      /** `track <scenario> tag=<key>:<value> account=<12 digits>` (either or both; README "Actual spend"). */
      readonly kind: "track";
      readonly name: string;
      readonly tag?: { readonly key: string; readonly value: string };
      readonly account?: string;
      readonly options: Options;
    }
  | { readonly kind: "untrack"; readonly name: string; readonly options: Options }
  | {
      /** `actual <scenario> [month=YYYY-MM]`: the estimate beside the bill. */
      readonly kind: "actual";
      readonly name: string;
      readonly month?: string;
      readonly options: Options;
    }
  | {
      readonly kind: "workload";
      readonly action: "add" | "check" | "show" | "list" | "delete";
      /** show/delete: the workload; add/check in the CLI: the file the model was read from. */
      readonly name?: string;
      readonly options: Options;
    };

/** The words that start a command: one list, in core, which also reserves them as workload names. */
export { COMMAND_WORDS } from "../core/workload/reserved.ts";
