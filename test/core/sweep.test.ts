import { describe, expect, it } from "vitest";
import { builtInCatalog } from "../../src/core/catalog/index.ts";
import type { Value } from "../../src/core/params.ts";
import { crossings, sweep, sweepLabel } from "../../src/core/sweep.ts";
import { findTemplate } from "../../src/core/templates/index.ts";
import { formatProblem, parseWorkload } from "../../src/core/workload/parse.ts";

const catalog = builtInCatalog();
const num = (text: string): Value => ({ kind: "number", value: text, text });

function template(text: string) {
  const r = parseWorkload(text, { catalog });
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join("\n"));
  return r.template;
}

// 10 USD per seat; seats = ceil(users / 5); a human line only from 4 seats on.
const SUPPORT = `workload: support
title: Support
params:
  users: { default: 1, min: 1, max: 100, integer: true, unit: users, description: users }
let:
  seats: ceil(users / 5)
lines:
  - id: base
    label: Base
    cost:
      - { label: fee, usd: "100 / (8 - users)" }
  - id: human
    label: Human support ({seats} seats)
    when: seats >= 2
    cost:
      - { label: seats, usd: seats * 10 }
`;

describe("sweep", () => {
  it("names the point that fails (before: the whole sweep refused, no point named)", () => {
    const t = template(SUPPORT);
    expect(() => sweep(t, "users", ["6", "7", "8"].map(num), {}, catalog, "USD")).toThrow(
      /^users=8: line `base` \(lines\[0\]\.cost\[0\]\.usd\): division by zero$/,
    );
  });

  it("a whole-number key steps in whole numbers: users=1..50 as ten points (before: users=6.444444 refused)", () => {
    const voice = findTemplate("voice-agent")!;
    // The parser's ten evenly spaced points from 1 to 50: 1 + 49 × i / 9.
    const tenths = Array.from({ length: 10 }, (_, i) => num(String(Number((1 + (49 * i) / 9).toFixed(6)))));
    const points = sweep(voice, "users", tenths, {}, catalog, "USD");
    // 1, 6.44→6, 11.89→12, 17.33→17, 22.78→23, 28.22→28, 33.67→34, 39.11→39, 44.56→45, 50
    expect(points.map((p) => p.value.text)).toEqual([
      "1",
      "6",
      "12",
      "17",
      "23",
      "28",
      "34",
      "39",
      "45",
      "50",
    ]);
  });

  it("a line that starts part way gets a note, and its column header is the label every point shares", () => {
    const t = template(SUPPORT.replace('"100 / (8 - users)"', "1"));
    const points = sweep(t, "users", ["1", "6", "20"].map(num), {}, catalog, "USD");
    // users=6: seats = ceil(6/5) = 2 → the human line appears at 20 USD; users=20: 4 seats, 40 USD.
    expect(points.map((p) => p.estimate.lines.map((l) => l.label))).toEqual([
      ["Base"],
      ["Base", "Human support (2 seats)"],
      ["Base", "Human support (4 seats)"],
    ]);
    expect(crossings(points)).toEqual([{ id: "human", label: "Human support", from: num("6") }]);
    expect(sweepLabel(points, "human")).toBe("Human support");
    expect(sweepLabel(points, "base")).toBe("Base");
  });
});
