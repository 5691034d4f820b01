import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  MalformedNotificationError,
  parseBudgetNotification,
} from "../../../src/adapters/budgets/notification.ts";

const fixture = (name: string) => readFileSync(`test/fixtures/budgets/${name}`, "utf8");

describe("AWS Budgets notification parser", () => {
  it("reads a monthly ACTUAL alert", () => {
    expect(parseBudgetNotification(fixture("actual-monthly.txt"))).toEqual({
      awsBudgetName: "costbot-slack-T1-ml",
      alertType: "ACTUAL",
      budgetedUsd: "38.61",
      thresholdUsd: "19.31",
      amountUsd: "21.40",
      period: "month",
    });
  });

  it("reads a FORECASTED alert, thousands separators included", () => {
    expect(parseBudgetNotification(fixture("forecasted-monthly.txt"))).toMatchObject({
      alertType: "FORECASTED",
      amountUsd: "1042.17",
      thresholdUsd: "38.61",
    });
  });

  it("reads a daily budget's alert and knows it is about the day", () => {
    expect(parseBudgetNotification(fixture("actual-daily.txt"))).toMatchObject({
      awsBudgetName: "costbot-teams-72f988bf-daily",
      period: "day",
      amountUsd: "4.75",
    });
  });

  it("accepts the same fields as JSON", () => {
    expect(parseBudgetNotification(fixture("json.json"))).toEqual({
      awsBudgetName: "costbot-slack-T1-ml",
      alertType: "FORECASTED",
      budgetedUsd: "38.61",
      thresholdUsd: "38.61",
      amountUsd: "45.00",
      period: "month",
    });
  });

  it("refuses what is not a budget notification, keeping the text for the log", () => {
    for (const text of [
      "",
      "hello",
      "Budget Name: x\nAlert Type: SOMETIMES",
      "{not json",
      fixture("actual-monthly.txt").replace("ACTUAL Amount: $21.40", "ACTUAL Amount: lots"),
      // AWS names budgets with 1 to 100 characters and no ':' or '\'.
      fixture("actual-monthly.txt").replace(
        "Budget Name: costbot-slack-T1-ml",
        `Budget Name: ${"x".repeat(101)}`,
      ),
      fixture("actual-monthly.txt").replace("Budget Name: costbot-slack-T1-ml", "Budget Name: a:b"),
    ]) {
      try {
        parseBudgetNotification(text);
        expect.unreachable(text);
      } catch (e) {
        expect(e).toBeInstanceOf(MalformedNotificationError);
        expect((e as MalformedNotificationError).text).toBe(text);
      }
    }
  });
});

describe("AWS Budgets notification parser: hostile sizes (issue 16 item 7)", () => {
  // The old single-regex line parser backtracked quadratically: this line alone took 7.3 s,
  // past the test timeout. It is not a `Key: value` line (no colon), so it is simply skipped.
  it("reads the alert around a line of `a` and 60,000 spaces, in one pass", () => {
    const text = fixture("actual-monthly.txt").replace("Budget Type: Cost", `a${" ".repeat(60_000)}`);
    expect(parseBudgetNotification(text)).toMatchObject({
      awsBudgetName: "costbot-slack-T1-ml",
      amountUsd: "21.40",
    });
  });

  it("trims 20,000 spaces on each side of a key and its value", () => {
    const pad = " ".repeat(20_000);
    const text = fixture("actual-monthly.txt").replace(
      "ACTUAL Amount: $21.40",
      `ACTUAL Amount${pad}:${pad}$21.40${pad}`,
    );
    expect(parseBudgetNotification(text).amountUsd).toBe("21.40");
  });

  it("refuses a message over 64 KB before reading it", () => {
    const text = `${fixture("actual-monthly.txt")}${"x".repeat(64 * 1024)}`;
    expect(() => parseBudgetNotification(text)).toThrow(/message under 64 KB/);
  });
});

describe("AWS Budgets notification parser: amounts it can show exactly (issue 16 item 8)", () => {
  it("refuses an amount of 400 digits (it printed ∞ USD) or 14 digits, and names the field", () => {
    for (const [digits, field] of [
      [`1${"0".repeat(400)}`, "actual amount"],
      ["12345678901234", "actual amount"],
    ] as const) {
      const text = fixture("actual-monthly.txt").replace(
        "ACTUAL Amount: $21.40",
        `ACTUAL Amount: $${digits}`,
      );
      expect(() => parseBudgetNotification(text)).toThrow(`amount under 10 trillion USD in ${field}`);
    }
    const budgeted = fixture("actual-monthly.txt").replace(
      "Budgeted Amount: $38.61",
      `Budgeted Amount: $${"9".repeat(20)}`,
    );
    expect(() => parseBudgetNotification(budgeted)).toThrow(/in budgeted amount/);
  });

  it("keeps 13 digits with cents, written with thousands separators as AWS does", () => {
    const text = fixture("actual-monthly.txt").replace(
      "ACTUAL Amount: $21.40",
      "ACTUAL Amount: $9,999,999,999,999.99",
    );
    expect(parseBudgetNotification(text).amountUsd).toBe("9999999999999.99");
  });
});
