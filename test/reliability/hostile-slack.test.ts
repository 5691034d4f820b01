import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCommand } from "../../src/app/parse.ts";
import { UserError } from "../../src/core/errors.ts";
import { useSlackLambda } from "../fixtures/slack/harness.ts";
import { blockKitViolations } from "../fixtures/slack/limits.ts";
import {
  eventCallback,
  saveSubmission,
  signed,
  slashCommand,
  threadReply,
  urlVerification,
} from "../fixtures/slack/requests.ts";
import { captureConsole, report } from "./figures.ts";
import { hostileText, slackInjection } from "./hostile-input.ts";

const lambda = useSlackLambda();
const { slack } = lambda;
const TEAM = "T0HOSTILE";
const CASES = 10_000;

describe("hostile input: the parser", () => {
  it(`throws nothing but UserError on ${CASES.toLocaleString("en-US")} hostile messages, each message short`, () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        try {
          parseCommand(text);
        } catch (e) {
          expect(e).toBeInstanceOf(UserError);
          expect((e as UserError).message.length).toBeLessThan(600);
        }
      }),
      { numRuns: CASES },
    );
  });
});

describe("hostile input: the built slack handler", () => {
  it(`answers ${CASES.toLocaleString("en-US")} hostile slash commands and thread replies: never our fault, never a ping or link from the input, always inside Block Kit's limits`, async () => {
    await lambda.send(
      slashCommand({
        team: TEAM,
        channel: "C0FUZZ",
        text: "bedrock-api",
        trigger: "fz0",
        responseUrl: slack.responseUrl("0"),
      }),
    );
    const thread = String(slack.calls.at(-1)!.answer.ts);
    let n = 0;
    let answered = 0;
    const { lines } = await captureConsole(() =>
      fc.assert(
        fc.asyncProperty(hostileText, fc.boolean(), async (text, inThread) => {
          slack.clearCalls();
          n++;
          const event = inThread
            ? eventCallback(
                TEAM,
                `Ev0FZ${n}`,
                threadReply({ channel: "C0FUZZ", thread, ts: `${1_700_300_000 + n}.000100`, text }),
              )
            : slashCommand({
                team: TEAM,
                channel: "C0FUZZ",
                text,
                trigger: `fz${n}`,
                responseUrl: slack.responseUrl(`fz${n}`),
              });
          const response = await lambda.send(event);
          expect(response.statusCode).toBe(200);
          expect(response.body).not.toMatch(/something went wrong on our side/);
          expect(slackInjection(response.body)).toBeUndefined();
          if (response.body) expect(blockKitViolations(JSON.parse(response.body))).toEqual([]);
          for (const call of slack.calls) {
            expect(slackInjection(call.body), call.method).toBeUndefined();
            expect(String(call.body.text ?? "")).not.toMatch(/something went wrong on our side/);
            if (call.method.startsWith("chat.")) expect(blockKitViolations(call.body)).toEqual([]);
          }
          if (response.body || slack.calls.length) answered++;
        }),
        { numRuns: CASES },
      ),
    );
    expect(lines.filter((l) => l.includes('"level":"error"'))).toEqual([]);
    report("hostile-slack", { cases: CASES, answered });
  });

  it("refuses a 1 MB body with 413 before reading it, signed or not, and writes nothing", async () => {
    const before = await lambda.items();
    const huge = new URLSearchParams({
      team_id: TEAM,
      text: "x".repeat(1024 * 1024),
      trigger_id: "big",
    }).toString();
    const event = signed(huge, "application/x-www-form-urlencoded", { path: "/slack/commands" });
    const { result } = await captureConsole(() => lambda.send(event));
    expect(result.statusCode).toBe(413);
    const base64 = signed(huge, "application/x-www-form-urlencoded", {
      path: "/slack/commands",
      base64: true,
    });
    expect((await captureConsole(() => lambda.send(base64))).result.statusCode).toBe(413);
    expect(slack.calls).toEqual([]);
    expect(await lambda.items()).toEqual(before);
  });

  it("refuses forged signatures (any other secret, a tampered body) with 401 and writes nothing", async () => {
    const before = await lambda.items();
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 40 }), async (secret) => {
        const forged = slashCommand(
          {
            team: TEAM,
            channel: "C0X",
            text: "bedrock-api",
            trigger: "forged",
            responseUrl: slack.responseUrl("f"),
          },
          { secret: `${secret}-not-ours` },
        );
        expect((await lambda.send(forged)).statusCode).toBe(401);
      }),
      { numRuns: 50 },
    );
    const genuine = slashCommand({
      team: TEAM,
      channel: "C0X",
      text: "help",
      trigger: "tamper",
      responseUrl: slack.responseUrl("t"),
    });
    const tampered = { ...genuine, body: genuine.body.replace("help", "delete+everything") };
    expect((await lambda.send(tampered)).statusCode).toBe(401);
    expect(slack.calls).toEqual([]);
    expect(await lambda.items()).toEqual(before);
  });

  it("a replayed request (same body, signature and timestamp, inside the 5 minutes) acts once", async () => {
    const request = slashCommand({
      team: TEAM,
      channel: "C0REPLAY",
      text: "image-gen",
      trigger: "replay-1",
      responseUrl: slack.responseUrl("r"),
    });
    await lambda.send(request);
    const items = await lambda.items();
    for (let i = 0; i < 5; i++) expect((await lambda.send(structuredClone(request))).statusCode).toBe(200);
    expect(slack.accepted("chat.postMessage")).toHaveLength(1);
    expect(await lambda.items()).toEqual(items);
  });

  it("a url_verification with a hostile challenge is echoed as JSON data, not markup", async () => {
    const response = await lambda.send(urlVerification('<script>"x"</script>'));
    expect(JSON.parse(response.body)).toEqual({ challenge: '<script>"x"</script>' });
    expect(response.headers?.["Content-Type"]).toBe("application/json");
  });

  it("a modal submission from team B naming team A's thread saves nothing of team A's", async () => {
    await lambda.send(
      slashCommand({
        team: "T0VICTIM",
        channel: "C0SHARED",
        text: "voice-agent users=777",
        trigger: "victim",
        responseUrl: slack.responseUrl("v"),
      }),
    );
    const victimThread = String(slack.accepted("chat.postMessage").at(-1)!.answer.ts);
    slack.clearCalls();
    const opened = {
      callback_id: "save_scenario_modal",
      private_metadata: JSON.stringify({ channel: "C0SHARED", thread: victimThread }),
    };
    const response = await lambda.send(
      saveSubmission({ team: "T0ATTACK", opened, name: "stolen", trigger: "attack" }),
    );
    expect(response.statusCode).toBe(200);
    expect(await lambda.store().getScenario("slack:T0ATTACK", "stolen")).toBeUndefined();
    expect(await lambda.store().listScenarios("slack:T0VICTIM")).toEqual([]);
    expect(JSON.stringify(slack.calls)).not.toContain("777");
  });
});
