import { GetParametersCommand, SSMClient } from "@aws-sdk/client-ssm";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import {
  COLD_START_SECRETS,
  MissingSecretError,
  resolveSecretParams,
  SecretsTimeoutError,
} from "../../../src/adapters/secrets/ssm.ts";

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

describe("secrets at cold start: bounded inside Lambda's 10 s init (issue 16 item 6)", () => {
  const PARAM = { SLACK_BOT_TOKEN_PARAM: "/costbot/prod/slack/bot-token" };
  const ANSWER = { Parameters: [{ Name: "/costbot/prod/slack/bot-token", Value: "xoxb-from-ssm" }] };
  const fast = { attemptTimeoutMs: 50, backoffMs: 1 };
  const hang = () => new Promise<never>(() => {});

  it("the default policy ends before the 10 s init limit: 3 × 2.5 s + 2 × 0.2 s = 7.9 s", () => {
    const { attempts, attemptTimeoutMs, backoffMs } = COLD_START_SECRETS;
    expect(attempts * attemptTimeoutMs + (attempts - 1) * backoffMs).toBe(7_900);
  });

  it("an SSM that never answers is given up after 3 attempts with a timeout error", async () => {
    ssmMock.on(GetParametersCommand).callsFake(hang);
    await expect(resolveSecretParams(PARAM, client(), fast)).rejects.toThrow(SecretsTimeoutError);
    expect(ssmMock.commandCalls(GetParametersCommand)).toHaveLength(3);
  });

  it("one hung call, then an answer: the second attempt's value is used", async () => {
    ssmMock.on(GetParametersCommand).callsFakeOnce(hang).resolves(ANSWER);
    const env = await resolveSecretParams(PARAM, client(), fast);
    expect(env.SLACK_BOT_TOKEN).toBe("xoxb-from-ssm");
    expect(ssmMock.commandCalls(GetParametersCommand)).toHaveLength(2);
  });

  it("throttling is retried; access denied is not", async () => {
    const throttled = Object.assign(new Error("Rate exceeded"), {
      name: "ThrottlingException",
      $fault: "client",
    });
    ssmMock.on(GetParametersCommand).rejectsOnce(throttled).resolves(ANSWER);
    expect((await resolveSecretParams(PARAM, client(), fast)).SLACK_BOT_TOKEN).toBe("xoxb-from-ssm");
    ssmMock.reset();
    const denied = Object.assign(new Error("not authorized"), {
      name: "AccessDeniedException",
      $fault: "client",
    });
    ssmMock.on(GetParametersCommand).rejects(denied);
    await expect(resolveSecretParams(PARAM, client(), fast)).rejects.toThrow(/not authorized/);
    expect(ssmMock.commandCalls(GetParametersCommand)).toHaveLength(1);
  });

  it("an optional parameter that does not exist is left unset; the others are still read", async () => {
    ssmMock
      .on(GetParametersCommand)
      .resolves({ ...ANSWER, InvalidParameters: ["/costbot/prod/teams/app-password"] });
    const env = await resolveSecretParams(
      { ...PARAM, MicrosoftAppPassword_PARAM: "/costbot/prod/teams/app-password" },
      client(),
      { optional: ["MicrosoftAppPassword"] },
    );
    expect(env.SLACK_BOT_TOKEN).toBe("xoxb-from-ssm");
    expect(env.MicrosoftAppPassword).toBeUndefined();
  });
});
