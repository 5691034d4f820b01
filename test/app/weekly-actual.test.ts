import { describe, expect, it } from "vitest";
import { isoWeek, varianceLead } from "../../src/app/weekly-actual.ts";
import type { ActualReport } from "../../src/core/actual.ts";

const line = (id: string, differencePct: string | null) => ({
  id,
  label: id.toUpperCase(),
  services: [],
  estimate: "100.00",
  actual: differencePct === null ? null : "1.00",
  projected: null,
  difference: null,
  differencePct,
});
const report = (lines: ReturnType<typeof line>[]): ActualReport => ({
  month: "2026-12",
  complete: false,
  daysElapsed: 6,
  daysInMonth: 31,
  lines,
  unmatched: [],
  total: { estimate: "0.00", actual: "0.00", projected: "0.00", forecast: null },
});

describe("the weekly actual's week and lead", () => {
  it("names ISO weeks: Monday 2026-12-07 and Sunday 2026-12-13 are one week, 2026-W50; 2027-01-01 is 2026-W53", () => {
    expect(isoWeek(new Date("2026-12-07T08:00:00Z"))).toBe("2026-W50");
    expect(isoWeek(new Date("2026-12-13T23:59:59Z"))).toBe("2026-W50");
    expect(isoWeek(new Date("2026-12-14T00:00:00Z"))).toBe("2026-W51");
    // 2027-01-01 is a Friday: its week's Thursday is 2026-12-31.
    expect(isoWeek(new Date("2027-01-01T08:00:00Z"))).toBe("2026-W53");
  });

  it("names first the lines over the threshold, worst first; exactly at it is not over", () => {
    expect(
      varianceLead(report([line("a", "20.0"), line("b", "35.5"), line("c", "21.0"), line("d", null)]), "20"),
    ).toBe("Over its estimate by more than 20 %: B +35.5 %, C +21.0 %.");
    expect(varianceLead(report([line("a", "-50.0")]), "20")).toBe(
      "No line is more than 20 % over its estimate.",
    );
  });
});
