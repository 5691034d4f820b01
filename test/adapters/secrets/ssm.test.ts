import { GetParametersCommand, SSMClient } from "@aws-sdk/client-ssm";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { MissingSecretError, resolveSecretParams } from "../../../src/adapters/secrets/ssm.ts";

const ssmMock = mockClient(SSMClient);
afterEach(() => ssmMock.reset());
const client = () => new SSMClient({ region: "us-east-1" });

describe("secrets from SSM Parameter Store", () => {
  it("reads every *_PARAM in one decrypted GetParameters call and sets the variable it names", async () => {
    ssmMock.on(GetParametersCommand).resolves({
      Parameters: [
        { Name: "/costbot/prod/slack/bot-token", Value: "xoxb-from-ssm" },
        { Name: "/costbot/prod/slack/signing-secret", Value: "s3cret" },
      ],
    });
    const env = await resolveSecretParams(
      {
        SLACK_BOT_TOKEN_PARAM: "/costbot/prod/slack/bot-token",
        SLACK_SIGNING_SECRET_PARAM: "/costbot/prod/slack/signing-secret",
        TABLE_NAME: "costbot-prod",
      },
      client(),
    );
    expect(env).toMatchObject({
      SLACK_BOT_TOKEN: "xoxb-from-ssm",
      SLACK_SIGNING_SECRET: "s3cret",
      TABLE_NAME: "costbot-prod",
    });
    expect(ssmMock.commandCalls(GetParametersCommand).map((c) => c.args[0].input)).toEqual([
      {
        Names: ["/costbot/prod/slack/bot-token", "/costbot/prod/slack/signing-secret"],
        WithDecryption: true,
      },
    ]);
  });

  it("a variable set directly wins and no call is made", async () => {
    const env = await resolveSecretParams(
      { SLACK_BOT_TOKEN: "xoxb-local", SLACK_BOT_TOKEN_PARAM: "/x" },
      client(),
    );
    expect(env.SLACK_BOT_TOKEN).toBe("xoxb-local");
    expect(ssmMock.calls()).toHaveLength(0);
  });

  it("a parameter that does not exist fails fast, naming it", async () => {
    ssmMock
      .on(GetParametersCommand)
      .resolves({ Parameters: [], InvalidParameters: ["/costbot/prod/teams/app-password"] });
    await expect(
      resolveSecretParams({ MicrosoftAppPassword_PARAM: "/costbot/prod/teams/app-password" }, client()),
    ).rejects.toThrow(MissingSecretError);
    await expect(
      resolveSecretParams({ MicrosoftAppPassword_PARAM: "/costbot/prod/teams/app-password" }, client()),
    ).rejects.toThrow(/teams\/app-password/);
  });
});
