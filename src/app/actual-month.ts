import type { BillMonth } from "../core/actual.ts";
import { UserError } from "../core/errors.ts";
import type { Scenario } from "./ports.ts";

// The months `actual` can answer about, as of the clock (README "Actual spend").

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
/** Cost Explorer keeps 13 months of history (README "Actual spend"). */
const HISTORY_MONTHS = 13;

/** Which month, and how much of it is over, as of `now` (UTC, as Cost Explorer's days are). */
export function billMonth(
  scenario: Scenario,
  asked: string | undefined,
  now: Date,
): BillMonth & { start: string; end: string; today: string } {
  const today = now.toISOString().slice(0, 10);
  const current = today.slice(0, 7);
  const month = asked ?? current;
  const [year, m] = month.split("-").map(Number) as [number, number];
  const index = (y: number, mo: number) => y * 12 + mo - 1;
  const ago = index(now.getUTCFullYear(), now.getUTCMonth() + 1) - index(year, m);
  if (ago < 0) throw new UserError(`${monthName(month)} has not begun; the latest is ${monthName(current)}`);
  if (ago >= HISTORY_MONTHS)
    throw new UserError(
      `Cost Explorer keeps ${HISTORY_MONTHS} months of spend: ${monthName(month)} is too long ago`,
    );
  const saved = scenario.createdAt.slice(0, 7);
  if (month < saved)
    throw new UserError(
      `\`${scenario.name}\` was saved on ${scenario.createdAt.slice(0, 10)}: there was no estimate for ${monthName(month)}`,
      `try \`actual ${scenario.name} month=${saved}\``,
    );
  const daysInMonth = new Date(Date.UTC(year, m, 0)).getUTCDate();
  const next = new Date(Date.UTC(year, m, 1)).toISOString().slice(0, 10);
  const complete = ago > 0;
  return {
    month,
    daysInMonth,
    daysElapsed: complete ? daysInMonth : now.getUTCDate() - 1,
    start: `${month}-01`,
    end: complete ? next : today,
    today,
  };
}

export const monthName = (month: string) =>
  `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;

/** The month before `month` (YYYY-MM). */
export function previousMonth(month: string): string {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 2, 1));
  return d.toISOString().slice(0, 7);
}
