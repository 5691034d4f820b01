import { readFileSync } from "node:fs";
import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { DynamoScenarioStore } from "../../../src/adapters/dynamodb/scenario-store.ts";
import { handleText } from "../../../src/app/pipeline.ts";
import { ConflictError, LimitReached } from "../../../src/app/ports.ts";
import { chat, usePipeline } from "../../app/support.ts";
import { scenario, useEmbeddedDynamo } from "./fixtures.ts";

/** Issue 20: caps hold under concurrency (README, "Limits"); a scenario and its summary are written together. */
const pipeline = usePipeline();
const dynamo = useEmbeddedDynamo();
const ctx = chat("slack:T1");

/** The tiny-bot fixture model under another name. */
const TINY = (name: string) =>
  readFileSync("test/fixtures/workloads/tiny-bot.yml", "utf8").replace(
    "workload: tiny-bot",
    `workload: ${name}`,
  );

describe("caps under concurrency", () => {
  it("20 saves racing with MAX_SCENARIOS_PER_TENANT=5 store exactly 5; the other 15 are told why", async () => {
    const deps = { ...(await pipeline.deps()), maxScenarios: 5 };
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) => handleText(`save s${i} voice-agent users=${i + 1}`, ctx, deps)),
    );
    expect(replies.filter((r) => r.status === 0)).toHaveLength(5);
    const refused = replies.filter((r) => r.status !== 0).map((r) => r.summary);
    expect(refused).toHaveLength(15);
    for (const why of refused)
      expect(why).toMatch(/^this workspace has 5 saved scenarios, the most it can keep;/);
    expect(await deps.store.countScenarios("slack:T1")).toBe(5);
    expect(await deps.store.listScenarios("slack:T1")).toHaveLength(5);
    // A delete gives its slot back: one more save fits, the next does not.
    const kept = (await deps.store.listScenarios("slack:T1"))[0]!.name;
    expect((await handleText(`delete ${kept}`, ctx, deps)).status).toBe(0);
    expect((await handleText("save again bedrock-api", ctx, deps)).status).toBe(0);
    expect((await handleText("save once-more bedrock-api", ctx, deps)).status).toBe(2);
  });

  it("a save refused for its name gives its slot back", async () => {
    const deps = { ...(await pipeline.deps()), maxScenarios: 2 };
    expect((await handleText("save a bedrock-api", ctx, deps)).status).toBe(0);
    expect((await handleText("save a bedrock-api", ctx, deps)).summary).toBe(
      "a scenario named `a` already exists",
    );
    expect((await handleText("save b bedrock-api", ctx, deps)).status).toBe(0);
  });

  it("20 `workload add` racing past 95 end at exactly 100", async () => {
    const deps = await pipeline.deps();
    for (let i = 0; i < 95; i++)
      await deps.store.putWorkload(
        {
          tenant: "slack:T1",
          name: `w-${i}`,
          title: "t",
          source: "x",
          updatedBy: "U1",
          updatedAt: "2026-12-01",
        },
        0,
      );
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        handleText("workload add", ctx, deps, { model: TINY(`new-${i}`) }),
      ),
    );
    expect(replies.filter((r) => r.status === 0)).toHaveLength(5);
    expect(replies.filter((r) => r.status === 2).map((r) => r.summary)).toEqual(
      Array.from({ length: 15 }, () =>
        expect.stringMatching(/^this workspace has 100 workloads, the most it can keep \(100\);/),
      ),
    );
    expect(await deps.store.listWorkloads("slack:T1")).toHaveLength(100);
  });
});

/** A document client that records what it is sent and answers as the given function says. */
function recordingClient(answer: (input: Record<string, unknown>, name: string) => unknown) {
  const sent: { name: string; input: Record<string, unknown> }[] = [];
  const client = {
    send: async (command: { input: Record<string, unknown>; constructor: { name: string } }) => {
      sent.push({ name: command.constructor.name, input: command.input });
      return answer(command.input, command.constructor.name);
    },
  } as unknown as DynamoDBDocumentClient;
  return { client, sent };
}

describe("a scenario, its list summary and the counter: one transaction where the engine has them", () => {
  it("sends one TransactWriteItems: the scenario if its name is free, its summary, the counter if below the cap", async () => {
    const { client, sent } = recordingClient((_input, name) =>
      name === "GetCommand" ? { Item: { pk: "T#slack:T1", sk: "META", count: 2 } } : {},
    );
    const store = new DynamoScenarioStore(client, "costbot");
    await store.putScenario(scenario("slack:T1", "Plan"), 0, 5);
    const transaction = sent.find((s) => s.name === "TransactWriteCommand")!;
    expect(transaction.input).toEqual({
      TransactItems: [
        {
          Put: {
            TableName: "costbot",
            Item: expect.objectContaining({
              pk: "T#slack:T1",
              sk: "SCENARIO#plan",
              name: "Plan",
              version: 1,
            }),
            ConditionExpression: "attribute_not_exists(pk)",
          },
        },
        {
          Put: {
            TableName: "costbot",
            Item: expect.objectContaining({
              pk: "T#slack:T1",
              sk: "RECENT#SCENARIO#2025-01-01T00:00:00.000Z#plan",
              name: "Plan",
            }),
          },
        },
        {
          Update: {
            TableName: "costbot",
            Key: { pk: "T#slack:T1", sk: "META#COUNT#SCENARIO" },
            UpdateExpression: "SET #count = #count + :one",
            ConditionExpression: "#count < :limit",
            ExpressionAttributeNames: { "#count": "count" },
            ExpressionAttributeValues: { ":one": 1, ":limit": 5 },
          },
        },
      ],
    });
    // Nothing written outside the transaction.
    expect(sent.filter((s) => /Put|Update|Delete/.test(s.name) && s.name !== "TransactWriteCommand")).toEqual(
      [],
    );
  });

  it("a cancelled transaction says why: the name is taken, or the cap is reached", async () => {
    const cancelled = (codes: string[]) =>
      new TransactionCanceledException({
        message: "Transaction cancelled",
        $metadata: {},
        CancellationReasons: codes.map((Code) => ({ Code })),
      });
    for (const [codes, kind] of [
      [["ConditionalCheckFailed", "None", "None"], ConflictError],
      [["None", "None", "ConditionalCheckFailed"], LimitReached],
    ] as const) {
      const { client } = recordingClient((_input, name) => {
        if (name === "TransactWriteCommand") throw cancelled([...codes]);
        return { Item: { count: 5 } };
      });
      await expect(
        new DynamoScenarioStore(client, "costbot").putScenario(scenario("slack:T1", "p"), 0, 5),
      ).rejects.toBeInstanceOf(kind);
    }
  });

  it("on an engine without transactions (dynalite) the same writes go one by one", async () => {
    const table = await dynamo.newTable();
    const store = new DynamoScenarioStore(dynamo.db(), table);
    await store.putScenario(scenario("slack:T1", "one"), 0, 1);
    await expect(store.putScenario(scenario("slack:T1", "two"), 0, 1)).rejects.toBeInstanceOf(LimitReached);
    expect((await store.listScenarios("slack:T1")).map((s) => s.name)).toEqual(["one"]);
    expect(await store.consistency("slack:T1")).toEqual({ scenarios: 1, unlisted: [], stale: [] });
  });
});
