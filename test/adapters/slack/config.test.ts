import { describe, expect, it } from "vitest";
import {
  loadSlackConfig,
  loadSocketModeConfig,
  SlackConfigError,
} from "../../../src/adapters/slack/config.ts";

const complete = {
  SLACK_SIGNING_SECRET: "secret",
  SLACK_BOT_TOKEN: "xoxb-1-2-3",
  TABLE_NAME: "costbot",
};

function failure(run: () => unknown): SlackConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof SlackConfigError) return error;
    throw error;
  }
  throw new Error("expected a SlackConfigError");
}

describe("loadSlackConfig", () => {
  it("reads the required settings and leaves the optional ones unset", () => {
    expect(loadSlackConfig(complete)).toEqual(complete);
  });

  it("names every missing setting in one message", () => {
    const error = failure(() => loadSlackConfig({ TABLE_NAME: "costbot" }));
    expect(error.settings).toEqual(["SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN"]);
    expect(error.message).toMatch(/SLACK_SIGNING_SECRET: .*is required/);
    expect(error.message).toMatch(/SLACK_BOT_TOKEN: .*is required/);
  });

  it("treats an empty value (an unresolved SSM reference) as missing", () => {
    expect(failure(() => loadSlackConfig({ ...complete, SLACK_SIGNING_SECRET: "  " })).settings).toEqual([
      "SLACK_SIGNING_SECRET",
    ]);
  });

  it("refuses a user or app token where the bot token belongs", () => {
    const error = failure(() => loadSlackConfig({ ...complete, SLACK_BOT_TOKEN: "xoxp-user" }));
    expect(error.message).toMatch(/SLACK_BOT_TOKEN: must be a bot token/);
  });

  it("accepts the optional bot ids, local endpoints and an empty optional value", () => {
    const config = loadSlackConfig({
      ...complete,
      SLACK_BOT_USER_ID: "U0COSTBOT",
      SLACK_BOT_ID: "B0COSTBOT",
      DYNAMODB_ENDPOINT: "http://127.0.0.1:8000",
      SLACK_API_URL: "http://127.0.0.1:9999/api/",
      LOG_LEVEL: "",
    });
    expect(config).toMatchObject({
      SLACK_BOT_USER_ID: "U0COSTBOT",
      DYNAMODB_ENDPOINT: "http://127.0.0.1:8000",
    });
    expect(config.LOG_LEVEL).toBeUndefined();
  });

  it("refuses a malformed endpoint URL", () => {
    expect(
      failure(() => loadSlackConfig({ ...complete, DYNAMODB_ENDPOINT: "localhost:8000" })).settings,
    ).toEqual(["DYNAMODB_ENDPOINT"]);
  });
});

describe("loadSocketModeConfig", () => {
  it("needs the bot token and the app-level token, not the signing secret", () => {
    expect(loadSocketModeConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" })).toMatchObject({
      SLACK_APP_TOKEN: "xapp-1",
    });
    expect(failure(() => loadSocketModeConfig({})).settings).toEqual(["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"]);
  });
});
