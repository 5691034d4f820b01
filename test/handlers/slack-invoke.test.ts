import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { startLambdaApi } from "../fixtures/aws/lambda-api.ts";
import { useSlackLambda } from "../fixtures/slack/harness.ts";
import { slashCommand } from "../fixtures/slack/requests.ts";

/**
 * On AWS (AWS_LAMBDA_FUNCTION_NAME set) the acknowledgement hands the verified request to this
 * same function through Lambda's asynchronous Invoke. That one AWS call is the mock here: a
 * loopback stand-in for the Lambda API that records the exact request and answers as Lambda
 * does (202, empty body, for InvocationType Event). The recorded event is then delivered to
 * the handler, as Lambda's event queue would.
 */
const lambdaApi = await startLambdaApi();
const { invokes } = lambdaApi;
afterAll(() => lambdaApi.close());

const FUNCTION = "costbot-test-slack";
const lambda = useSlackLambda({
  env: () => ({
    AWS_LAMBDA_FUNCTION_NAME: FUNCTION,
    AWS_REGION: "eu-west-1",
    AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
    AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    AWS_SESSION_TOKEN: "session-token-example",
    AWS_ENDPOINT_URL_LAMBDA: lambdaApi.url,
  }),
});
const { slack } = lambda;
beforeEach(() => lambdaApi.reset());

const cost = (text: string) =>
  slashCommand({
    team: "T0AWS",
    channel: "C0AWS",
    text,
    trigger: lambda.id("t"),
    responseUrl: slack.responseUrl(lambda.id("r")),
  });

describe("on AWS: the work is this function's asynchronous invocation", () => {
  it("acknowledges /cost with one signed Invoke (InvocationType Event) carrying the request as Slack signed it, and does no work itself", async () => {
    const request = cost("bedrock-api");
    const response = await lambda.send(request);
    expect(response).toMatchObject({ statusCode: 200, body: "" });
    expect(slack.calls).toEqual([]);
    expect(await lambda.items()).toEqual([]);

    const [invoke, ...others] = invokes;
    expect(others).toEqual([]);
    expect(invoke?.method).toBe("POST");
    expect(invoke?.url).toBe(`/2015-03-31/functions/${FUNCTION}/invocations`);
    expect(invoke?.headers["x-amz-invocation-type"]).toBe("Event");
    expect(invoke?.headers["x-amz-security-token"]).toBe("session-token-example");
    expect(invoke?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/lambda\/aws4_request, SignedHeaders=[a-z0-9;-]*x-amz-invocation-type[a-z0-9;-]*, Signature=[0-9a-f]{64}$/,
    );
    expect(JSON.parse(invoke!.body)).toEqual({
      costbotSlackWork: 1,
      request: {
        body: request.body,
        contentType: "application/x-www-form-urlencoded",
        timestamp: request.headers["x-slack-request-timestamp"],
        signature: request.headers["x-slack-signature"],
      },
    });

    // Lambda delivers the event to the function: the worker posts the estimate.
    expect(await lambda.send(JSON.parse(invoke!.body))).toEqual({ ok: true });
    expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
    expect(invokes).toHaveLength(1);
  });

  it("an invocation that does not carry Slack's signature is ignored by the worker", async () => {
    await lambda.send(cost("image-gen"));
    const order = JSON.parse(invokes[0]!.body);
    const forged = {
      ...order,
      request: { ...order.request, body: order.request.body.replace("image-gen", "voice-agent") },
    };
    await lambda.send(forged);
    expect(slack.calls).toEqual([]);
  });

  it("answers 500 (so Slack retries or tells the user) when Lambda will not take the invocation", async () => {
    lambdaApi.answer(500);
    const response = await lambda.send(cost("bedrock-api"));
    expect(response.statusCode).toBe(500);
    // The 5xx was retried twice (sigv4.ts callAws), then the hand-off gave up.
    expect(invokes).toHaveLength(3);
    expect(slack.calls).toEqual([]);
  });
});
