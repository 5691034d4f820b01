import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { keys } from "../../src/adapters/dynamodb/table.ts";
import { type Invoke, startLambdaApi } from "../fixtures/aws/lambda-api.ts";
import { FakeSsm } from "../fixtures/fake-ssm.ts";
import { httpEvent } from "../fixtures/teams/activities.ts";
import { cardOf, startTeamsHarness, TABLE, TENANT_A, type TeamsHarness } from "../fixtures/teams/harness.ts";
import { nowSeconds, signingKey } from "../fixtures/teams/jwt.ts";

/**
 * On AWS (AWS_LAMBDA_FUNCTION_NAME set) the teams acknowledgement answers a message at once and
 * hands the admitted request to this same function through Lambda's asynchronous Invoke
 * (docs/teams.md, "Acknowledge, then work"). The Lambda API is a loopback stand-in that records
 * each call and answers as Lambda does (202); the recorded event is then delivered to the handler,
 * as Lambda's event queue would. SSM is a loopback stand-in too: the acknowledgement must not
 * read the app password, the worker must.
 */
const lambdaApi = await startLambdaApi();
const { invokes } = lambdaApi;
const PASSWORD_PARAM = "/costbot/test/teams/app-password";
const ssm = new FakeSsm({ [PASSWORD_PARAM]: "app-secret-from-ssm" });
const FUNCTION = "costbot-test-teams";

let h: TeamsHarness;
beforeAll(async () => {
  await ssm.start();
  // Read at the bundle's cold start (the harness imports it after this).
  Object.assign(process.env, {
    AWS_LAMBDA_FUNCTION_NAME: FUNCTION,
    AWS_ENDPOINT_URL_LAMBDA: lambdaApi.url,
    AWS_ENDPOINT_URL_SSM: ssm.url,
    AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
    AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    MicrosoftAppPassword_PARAM: PASSWORD_PARAM,
  });
  delete process.env.MicrosoftAppPassword;
  h = await startTeamsHarness();
});
afterAll(async () => {
  for (const key of ["AWS_LAMBDA_FUNCTION_NAME", "AWS_ENDPOINT_URL_LAMBDA", "AWS_ENDPOINT_URL_SSM"])
    delete process.env[key];
  delete process.env.MicrosoftAppPassword_PARAM;
  await lambdaApi.close();
  await ssm.stop();
  await h?.close();
});
beforeEach(() => lambdaApi.reset());

const acknowledge = (activity: unknown, bearer = h.token()) =>
  h.teams.handler(httpEvent(activity, bearer), { awsRequestId: "ack" });
const deliver = (invoke: Invoke) => h.teams.handler(JSON.parse(invoke.body), { awsRequestId: "work" });

describe("teams on AWS: acknowledge, then work in an asynchronous invocation", () => {
  it("an unsigned request is refused with 401: no Invoke, no SSM read, nothing stored", async () => {
    const response = await h.teams.handler(httpEvent(h.activity("channel-mention")), {});
    expect(response.statusCode).toBe(401);
    expect(invokes).toEqual([]);
    expect(ssm.requests).toEqual([]);
    expect(await h.itemCount()).toBe(0);
  });

  it("answers a message 200 with one signed Invoke (InvocationType Event) carrying its token and activity, before any work or secret", async () => {
    const activity = h.activity("channel-mention", TENANT_A, { id: "1732300000601" });
    const token = h.token();
    const response = await acknowledge(activity, token);
    expect(response).toEqual({ statusCode: 200, headers: {}, body: "" });
    expect(h.connector.posted).toEqual([]);
    expect(await h.itemCount()).toBe(0);
    expect(ssm.requests).toEqual([]);

    const [invoke, ...others] = invokes;
    expect(others).toEqual([]);
    expect(invoke!.url).toBe(`/2015-03-31/functions/${FUNCTION}/invocations`);
    expect(invoke!.headers["x-amz-invocation-type"]).toBe("Event");
    expect(invoke!.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/lambda\/aws4_request, SignedHeaders=[a-z0-9;-]*x-amz-invocation-type[a-z0-9;-]*, Signature=[0-9a-f]{64}$/,
    );
    const order = JSON.parse(invoke!.body);
    expect(order).toMatchObject({ costbotTeamsWork: 1, activity });
    expect(order.headers.authorization).toBe(`Bearer ${token}`);

    // Lambda delivers the event: the worker reads the password once and posts the same card as before.
    expect(await deliver(invoke!)).toEqual({ ok: true });
    expect(ssm.requests.map((r) => r.body.Names)).toEqual([[PASSWORD_PARAM]]);
    expect(h.connector.posted).toHaveLength(1);
    expect(cardOf(h.connector.posted[0]!.activity).heading).toBe("voice-agent: 55,038.32 USD / month");
    expect(invokes).toHaveLength(1);
  });

  it("the same work order delivered twice (Lambda's retry, or Bot Service's) posts once", async () => {
    await acknowledge(h.activity("channel-mention", TENANT_A, { id: "1732300000602" }));
    const before = h.connector.posted.length;
    await deliver(invokes[0]!);
    await deliver(invokes[0]!);
    expect(h.connector.posted.length).toBe(before + 1);
  });

  it("a work order whose token another key signed is ignored by the worker", async () => {
    await acknowledge(h.activity("channel-mention", TENANT_A, { id: "1732300000603" }));
    const order = JSON.parse(invokes[0]!.body);
    order.headers.authorization = `Bearer ${h.token({}, signingKey(h.key.kid))}`;
    const before = h.connector.posted.length;
    expect(await h.teams.handler(order, {})).toEqual({ ok: true });
    expect(h.connector.posted.length).toBe(before);
  });

  it("a work order is worked up to 15 minutes after its token expired (Lambda's retries), not later", async () => {
    const order = (id: string, expiredAgoSeconds: number) => ({
      costbotTeamsWork: 1,
      headers: { authorization: `Bearer ${h.token({ exp: nowSeconds() - expiredAgoSeconds })}` },
      activity: h.activity("channel-mention", TENANT_A, { id }),
    });
    const before = h.connector.posted.length;
    await h.teams.handler(order("1732300000604", 25 * 60), {});
    expect(h.connector.posted.length).toBe(before);
    await h.teams.handler(order("1732300000605", 10 * 60), {});
    expect(h.connector.posted.length).toBe(before + 1);
  });

  it("a message is claimed in progress while its turn runs: a worker that died mid-turn is taken over by Lambda's retry 20 s later", async () => {
    await acknowledge(h.activity("channel-mention", TENANT_A, { id: "1732300000607" }));
    const order = JSON.parse(invokes[0]!.body);
    // The tenant is `teams:<tenant id>`, so the claim reads `teams:teams:<tenant id>:…` (bot.ts).
    const key = keys.idempotency(`teams:teams:${TENANT_A}:${order.activity.conversation.id}:1732300000607`);
    const claim = async () => (await h.db.send(new GetCommand({ TableName: TABLE, Key: key }))).Item;
    const before = h.connector.posted.length;

    const held = h.connector.holdNext();
    const first = deliver(invokes[0]!);
    await held.reached;
    const during = await claim();
    expect(during).toMatchObject({ status: "INPROGRESS" });
    expect(during!.inProgressUntil - nowSeconds()).toBeGreaterThanOrEqual(18);
    expect(during!.inProgressUntil - nowSeconds()).toBeLessThanOrEqual(20);

    // Lambda's retry while the first worker still runs: a repeat, nothing posted.
    await deliver(invokes[0]!);
    expect(h.connector.posted.length).toBe(before);

    // The first worker dies (its post never answered) and the 20 s pass: the retry answers.
    await h.db.send(
      new PutCommand({ TableName: TABLE, Item: { ...during, inProgressUntil: nowSeconds() - 1 } }),
    );
    await deliver(invokes[0]!);
    expect(h.connector.posted.length).toBe(before + 1);
    expect(cardOf(h.connector.posted.at(-1)!.activity).heading).toBe("voice-agent: 55,038.32 USD / month");
    expect(await claim()).toMatchObject({ status: "COMPLETED" });
    expect((await claim())!.inProgressUntil).toBeUndefined();

    held.release();
    await first;
  });

  it("an invoke (the card's Save button) is answered inline with the card: no Invoke", async () => {
    const response = await acknowledge(h.activity("card-save-execute", TENANT_A, { id: "f:aws-save" }));
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body).type).toBe("application/vnd.microsoft.card.adaptive");
    expect(invokes).toEqual([]);
  });

  it("when Lambda will not take the invocation, the acknowledgement does the work itself and answers 200", async () => {
    lambdaApi.answer(500);
    const before = h.connector.posted.length;
    const response = await acknowledge(h.activity("channel-mention", TENANT_A, { id: "1732300000606" }));
    expect(response.statusCode).toBe(200);
    // The 5xx was retried twice (sigv4.ts callAws), then the work ran here.
    expect(invokes).toHaveLength(3);
    expect(h.connector.posted.length).toBe(before + 1);
  });
});
