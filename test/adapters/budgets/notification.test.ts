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
