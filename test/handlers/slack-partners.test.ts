import { describe, expect, it } from "vitest";
import { useSlackLambda } from "../fixtures/slack/harness.ts";
import { authTestOf, command, type Installation, message, type Person } from "../fixtures/slack/installs.ts";
import { BOT_USER_ID } from "../fixtures/slack/requests.ts";

/**
 * Issue 20: what a Slack Connect partner may do (README, "Slack: tenancy and Slack Connect
 * partners"): estimate, ask what-ifs, save in that channel, show and diff what was saved in
 * that channel. Everything else is refused privately, saying why.
 */
const lambda = useSlackLambda();
const { slack } = lambda;
const HOST: Installation = { team: "T0HOST", orgWide: false, name: "Acme" };
slack.installation = authTestOf(HOST);
const MEMBER: Person = { user: "U0HOSTER", team: "T0HOST" };
const PARTNER: Person = { user: "U0PARTNER", team: "T0PARTNER" };
const SHARED = "C0SHARED";
const FINANCE = "C0FINANCE";

let seq = 1_700_400_000;
const nextTs = () => `${++seq}.000100`;

const memberSays = (channel: string, text: string) =>
  lambda.send(
    command(HOST, MEMBER, {
      channel,
      text,
      trigger: lambda.id("t"),
      responseUrl: slack.responseUrl(lambda.id("r")),
    }),
  );

/** The partner mentions the bot in the shared channel (a partner cannot use the host's /cost). */
async function partnerSays(text: string, thread?: string) {
  slack.clearCalls();
  const ts = nextTs();
  await lambda.send(
    message(
      HOST,
      PARTNER,
      {
        channel: SHARED,
        text: `<@${BOT_USER_ID}> ${text}`,
        ts,
        ...(thread ? { thread } : {}),
        eventId: lambda.id("Ev"),
        type: "app_mention",
      },
      true,
    ),
  );
  return {
    posted: slack.callsTo("chat.postMessage").map((c) => String(c.body.text)),
    privately: slack.callsTo("chat.postEphemeral").map((c) => [String(c.body.user), String(c.body.text)]),
  };
}

describe("a Slack Connect partner in the host's shared channel", () => {
  it("setup: the host saves one scenario in the shared channel and one in its finance channel", async () => {
    await memberSays(SHARED, "save shared-plan voice-agent users=1000");
    await memberSays(FINANCE, "save finance-plan voice-agent users=2000");
    expect((await lambda.store().getScenario("slack:T0HOST", "shared-plan"))?.savedIn?.channel).toBe(SHARED);
    expect((await lambda.store().getScenario("slack:T0HOST", "finance-plan"))?.savedIn?.channel).toBe(
      FINANCE,
    );
  });

  it("may estimate, and save in this channel (under the host)", async () => {
    const estimate = await partnerSays("voice-agent users=1000");
    // voice-agent at users=1000: 55,038.32 USD / month (worked out in slack-threads.test.ts).
    expect(estimate.posted[0]).toMatch(/55,038\.32 USD/);
    const saved = await partnerSays("save partner-plan voice-agent users=3");
    expect(saved.posted[0]).toMatch(/^Saved `partner-plan`/);
    const scenario = await lambda.store().getScenario("slack:T0HOST", "partner-plan");
    expect(scenario).toMatchObject({ createdBy: "U0PARTNER", savedIn: { channel: SHARED } });
    expect(await lambda.store().getScenario("slack:T0PARTNER", "partner-plan")).toBeUndefined();
  });

  it("may show and diff scenarios saved in this channel", async () => {
    const shown = await partnerSays("show shared-plan");
    expect(shown.posted[0]).toMatch(/^shared-plan: voice-agent: 55,038\.32 USD/);
    const diff = await partnerSays("diff shared-plan partner-plan");
    expect(diff.posted[0]).toMatch(/^shared-plan 55,038\.32 vs partner-plan/);
  });

  it("sees nothing saved elsewhere: the same answer whether it exists or not, no names suggested", async () => {
    const elsewhere = await partnerSays("show finance-plan");
    const missing = await partnerSays("show finance-plun");
    const why = "only members of Acme can see scenarios saved elsewhere";
    expect(elsewhere).toEqual({
      posted: [],
      privately: [["U0PARTNER", `no scenario named \`finance-plan\` was saved in this channel; ${why}`]],
    });
    expect(missing.privately[0]?.[1]).toBe(
      `no scenario named \`finance-plun\` was saved in this channel; ${why}`,
    );
    const diff = await partnerSays("diff shared-plan finance-plan");
    expect(diff.posted).toEqual([]);
    expect(diff.privately[0]?.[1]).toMatch(/`finance-plan` was saved in this channel; only members of Acme/);
  });

  it.each([
    ["list", "only members of Acme can list saved scenarios"],
    ["delete shared-plan", "only members of Acme can delete scenarios someone else saved"],
    ["workload list", "only members of Acme can add, list, show or delete this workspace's workloads"],
    [
      "workload delete tiny-bot",
      "only members of Acme can add, list, show or delete this workspace's workloads",
    ],
    ["settings drift=5%", "only members of Acme can see or change settings"],
    ["budget list", "only members of Acme can use budgets"],
    ["prices refresh", "only members of Acme can refresh prices"],
    ["prices set aws.lambda.requests=0.1", "only members of Acme can change the price book; nothing stored"],
    ["prices book", "only members of Acme can see the price book"],
    ["settings discount=aws:6%", "only members of Acme can see or change settings"],
    ["track shared-plan tag=app:voice", "only members of Acme can link scenarios to an AWS bill"],
    ["untrack shared-plan", "only members of Acme can unlink scenarios from an AWS bill"],
    ["actual shared-plan", "only members of Acme can see actual spend"],
  ])("`%s` is refused privately: %s", async (text, why) => {
    const before = await lambda.items();
    const answer = await partnerSays(text);
    expect(answer).toEqual({ posted: [], privately: [["U0PARTNER", why]] });
    expect(await lambda.items()).toHaveLength(before.length + 1); // the delivery's claim, nothing else
  });

  it("a member in the same channel is not limited", async () => {
    slack.clearCalls();
    await memberSays(SHARED, "list");
    const [answer] = slack.callsTo("response_url");
    expect(answer?.body.text).toBe("3 saved scenario(s)");
  });
});
