import { describe, expect, it } from "vitest";
import { useSlackLambda } from "../fixtures/slack/harness.ts";
import {
  authTestOf,
  click,
  command,
  type Installation,
  message,
  type Person,
  submission,
} from "../fixtures/slack/installs.ts";
import { BOT_USER_ID } from "../fixtures/slack/requests.ts";

/**
 * Issue 20: one function decides the tenant for every payload kind (README, "Slack: tenancy and
 * Slack Connect partners"). Each payload kind × {workspace install, Slack Connect host, Slack
 * Connect partner, Grid org install, Grid workspace install}, signed, through the built handler.
 */
type Json = Record<string, unknown>;

interface Case {
  readonly title: string;
  readonly install: Installation;
  /** Who starts the estimate with `/cost` (a member). */
  readonly starter: Person;
  /** Who then replies, mentions, clicks and submits. */
  readonly actor: Person;
  readonly tenant: string;
  readonly shared: boolean;
}

const HOST: Installation = { team: "T0HOST", orgWide: false, name: "Acme" };
const GRID_ORG: Installation = { enterprise: "E0GRID", orgWide: true, name: "Grid Org" };
const GRID_WS: Installation = {
  team: "T0GRIDWS",
  enterprise: "E0GRID2",
  orgWide: false,
  name: "Grid Workspace",
};

const CASES: Case[] = [
  {
    title: "workspace install",
    install: { team: "T0WORK", orgWide: false, name: "Work Co" },
    starter: { user: "U0WORKER", team: "T0WORK" },
    actor: { user: "U0WORKER2", team: "T0WORK" },
    tenant: "slack:T0WORK",
    shared: false,
  },
  {
    title: "Slack Connect host",
    install: HOST,
    starter: { user: "U0HOSTER", team: "T0HOST" },
    actor: { user: "U0HOSTER2", team: "T0HOST" },
    tenant: "slack:T0HOST",
    shared: true,
  },
  {
    title: "Slack Connect partner",
    install: HOST,
    starter: { user: "U0HOSTER", team: "T0HOST" },
    actor: { user: "U0PARTNER", team: "T0PARTNER" },
    tenant: "slack:T0HOST",
    shared: true,
  },
  {
    title: "Grid org install",
    install: GRID_ORG,
    // Two workspaces of the same enterprise: one tenant.
    starter: { user: "W0ORGA", team: "T0GRIDA", enterprise: "E0GRID" },
    actor: { user: "W0ORGB", team: "T0GRIDB", enterprise: "E0GRID" },
    tenant: "slack:E0GRID",
    shared: false,
  },
  {
    title: "Grid workspace install",
    install: GRID_WS,
    starter: { user: "W0WSA", team: "T0GRIDWS", enterprise: "E0GRID2" },
    actor: { user: "W0WSB", team: "T0GRIDWS", enterprise: "E0GRID2" },
    tenant: "slack:T0GRIDWS",
    shared: false,
  },
];

let seq = 1_700_300_000;
const nextTs = () => `${++seq}.000100`;

describe.each(CASES)("$title", (c) => {
  const lambda = useSlackLambda();
  const { slack } = lambda;
  slack.installation = authTestOf(c.install);
  const channel = `C0${c.title.replace(/\W/g, "").toUpperCase().slice(0, 8)}`;
  const partner = c.actor.team !== c.starter.team && !c.install.orgWide;
  /** Every tenant the table's payloads could wrongly write under. */
  const wrongTenants = [
    "T0PARTNER",
    "T0GRIDA",
    "T0GRIDB",
    "E0GRID2",
    "T0HOST",
    "T0WORK",
    "T0GRIDWS",
    "E0GRID",
  ]
    .map((t) => `slack:${t}`)
    .filter((t) => t !== c.tenant);
  let thread = "";
  let opened: Json = {};

  it("slash command: the estimate's thread is linked under the installation", async () => {
    await lambda.send(
      command(c.install, c.starter, {
        channel,
        text: "voice-agent users=1000",
        trigger: lambda.id("t"),
        responseUrl: slack.responseUrl(lambda.id("r")),
      }),
    );
    thread = String(slack.callsTo("chat.postMessage").at(-1)!.answer.ts);
    expect(await lambda.store().getThread(c.tenant, channel, thread)).toBeDefined();
  });

  it("message event: a reply in the thread is that tenant's what-if", async () => {
    const ts = nextTs();
    await lambda.send(
      message(
        c.install,
        c.actor,
        { channel, text: "what if users=5000", ts, thread, eventId: lambda.id("Ev") },
        c.shared,
      ),
    );
    const [post] = slack.callsTo("chat.postMessage");
    // users 1000 → 5000 on voice-agent: 55,038.32 → 262,978.26 USD (worked out in slack-threads.test.ts).
    expect(post?.body.text).toBe("what if users=5000: 262,978.26 USD / month (+207,939.94)");
    const link = await lambda.store().getThread(c.tenant, channel, thread);
    expect(link?.history.map((h) => [h.text, h.by])).toEqual([["users=5000", c.actor.user]]);
  });

  it("app_mention: a top-level mention starts a thread under the installation", async () => {
    const ts = nextTs();
    await lambda.send(
      message(
        c.install,
        c.actor,
        {
          channel,
          text: `<@${BOT_USER_ID}> voice-agent users=10`,
          ts,
          eventId: lambda.id("Ev"),
          type: "app_mention",
        },
        c.shared,
      ),
    );
    const [post] = slack.callsTo("chat.postMessage");
    expect(post?.body.thread_ts).toBe(ts);
    expect(await lambda.store().getThread(c.tenant, channel, ts)).toBeDefined();
  });

  it("block_actions: Save scenario opens the modal (the click's tenant is the bot token's)", async () => {
    const trigger = lambda.id("trigger-");
    await lambda.send(
      click(c.install, c.actor, {
        channel,
        messageTs: thread,
        actionId: "save_scenario",
        trigger,
        responseUrl: slack.responseUrl(lambda.id("r")),
      }),
    );
    const [open] = slack.callsTo("views.open");
    expect(open?.body.trigger_id).toBe(trigger);
    opened = open!.body.view as Json;
  });

  it("view_submission: saves the thread's latest what-if under the installation", async () => {
    const name = `plan-${c.title.replace(/\W/g, "-").toLowerCase()}`;
    const response = await lambda.send(
      submission(c.install, c.actor, {
        opened,
        values: { scenario_name: { name: { type: "plain_text_input", value: name } } },
        trigger: lambda.id("trigger-"),
      }),
    );
    expect(response.body).toBe("");
    const saved = await lambda.store().getScenario(c.tenant, name);
    // The thread's latest (users=5000 from the what-if), not the button's users=1000.
    expect(saved?.input.written.users).toBe("5000");
    expect(saved?.createdBy).toBe(c.actor.user);
    expect(saved?.savedIn).toMatchObject({ platform: "slack", channel, thread });
    const [confirmation] = slack.callsTo("chat.postMessage");
    expect(confirmation?.body).toMatchObject({ channel, thread_ts: thread });
  });

  it("block_actions: a delete confirmation acts on the installation's scenario", async () => {
    // The starter saves one; the actor is asked (someone else's) and confirms with the button.
    await lambda.send(
      command(c.install, c.starter, {
        channel,
        text: "save starter-plan voice-agent users=7",
        trigger: lambda.id("t"),
        responseUrl: slack.responseUrl(lambda.id("r")),
      }),
    );
    const saved = await lambda.store().getScenario(c.tenant, "starter-plan");
    expect(saved).toBeDefined();
    const confirm = `${saved!.createdAt.replace(/\D/g, "")}-${saved!.version}`;
    slack.clearCalls();
    await lambda.send(
      click(c.install, c.actor, {
        channel,
        messageTs: nextTs(),
        actionId: "confirm_delete",
        value: JSON.stringify({ name: "starter-plan", confirm }),
        trigger: lambda.id("trigger-"),
        responseUrl: slack.responseUrl(lambda.id("r")),
      }),
    );
    const [answer] = slack.callsTo("response_url");
    if (partner) {
      // A partner may not delete what someone else saved: refused privately, with the reason.
      expect(answer?.body).toMatchObject({ response_type: "ephemeral" });
      expect(answer?.body.text).toBe("only members of Acme can delete scenarios someone else saved");
      expect(await lambda.store().getScenario(c.tenant, "starter-plan")).toBeDefined();
    } else {
      expect(answer?.body.text).toMatch(/^Deleted `starter-plan`/);
      expect(await lambda.store().getScenario(c.tenant, "starter-plan")).toBeUndefined();
    }
  });

  it("nothing was written under any other team or enterprise", async () => {
    const keys = (await lambda.items()).map((i) => String(i.pk));
    expect([...new Set(keys.filter((k) => k.startsWith("T#slack:")))]).toEqual([`T#${c.tenant}`]);
    for (const wrong of wrongTenants) expect(keys.filter((k) => k.includes(wrong.slice(6)))).toEqual([]);
  });
});
