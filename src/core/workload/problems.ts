/**
 * The one way the workload engine reports a problem of a model: a path into the document
 * (`lines[2].cost[0].quantity`) and a message in plain words, with an optional hint.
 * parse.ts adds line:column. docs/workload-models.md, "Errors".
 */

export type Path = readonly (string | number)[];

export interface Issue {
  readonly path: Path;
  readonly message: string;
  readonly hint?: string;
  /** Point at the key itself, not its value (a key that should not be there). */
  readonly atKey?: boolean;
}

/** The problems found so far; every check adds to one of these. */
export class Problems {
  readonly list: Issue[] = [];
  add(path: Path, message: string, hint?: string, atKey?: boolean): void {
    this.list.push({ path, message, ...(hint ? { hint } : {}), ...(atKey ? { atKey } : {}) });
  }
  get size(): number {
    return this.list.length;
  }
}

/** ["lines", 0, "cost", 1, "quantity"] → `lines[0].cost[1].quantity` */
export function placeOf(path: Path): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${p}` : p;
  return out || "(document)";
}

/** `lines[0].cost[1].quantity` → ["lines", 0, "cost", 1, "quantity"] */
export function pathOf(place: string): Path {
  return [...place.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
}
