import { describe, expect, it } from "vitest";
import { parseCommand } from "../../src/app/parse.ts";

describe("the price book, discount and region grammar", () => {
  it("prices set/unset take a catalog key with dots and dashes; prices book", () => {
    expect(parseCommand("prices set AWS.EC2.g4dn.xlarge=0.41 --json")).toEqual({
      kind: "prices",
      set: { key: "aws.ec2.g4dn.xlarge", text: "0.41" },
      options: { json: true },
    });
    expect(parseCommand("prices unset model.nova-pro.cache_read")).toEqual({
      kind: "prices",
      unset: "model.nova-pro.cache_read",
      options: {},
    });
    expect(parseCommand("prices book")).toEqual({ kind: "prices", book: true, options: {} });
    expect(() => parseCommand("prices set aws.lambda.requests=")).toThrow(/prices set needs key=amount/);
    expect(() => parseCommand("prices unset")).toThrow(/prices unset needs a key/);
    expect(() => parseCommand("prices set a=1 extra")).toThrow(/`extra` is not part of prices set/);
  });

  it("settings discount=aws:<percent>, 0 to 100 %", () => {
    expect(parseCommand("settings discount=aws:6%")).toEqual({
      kind: "settings",
      discount: { scope: "aws", percent: "6", text: "6%" },
      options: {},
    });
    expect(parseCommand("settings discount=aws:0%")).toMatchObject({ discount: { percent: "0" } });
    expect(() => parseCommand("settings discount=aws:100.5%")).toThrow(/between 0 and 100 %/);
    expect(() => parseCommand("settings discount=6%")).toThrow(/discount is `aws:<percent>`/);
  });

  it("region= is a flag on every command, checked against AWS's regions", () => {
    expect(parseCommand("bedrock-api users=5 region=EU-Central-1").options).toEqual({
      region: "eu-central-1",
    });
    expect(parseCommand("what if devs=20 region=us-west-2").options).toEqual({ region: "us-west-2" });
    expect(parseCommand("prices refresh region=ap-northeast-1")).toEqual({
      kind: "prices",
      refresh: true,
      options: { region: "ap-northeast-1" },
    });
    expect(() => parseCommand("list region=mars-1")).toThrow(/unknown AWS region `mars-1`/);
  });
});
