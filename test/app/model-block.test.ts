import { describe, expect, it } from "vitest";
import { splitModelBlock } from "../../src/app/model-block.ts";

const MODEL = "workload: tiny-bot\ntitle: Tiny bot\nlet:\n  calls: users * 30\n";

describe("splitModelBlock: `workload add` and the model in a code block of the same message", () => {
  it("takes the block out whole, its newlines and indentation kept, without the language tag", () => {
    expect(splitModelBlock(`workload add\n\`\`\`yaml\n${MODEL}\`\`\``)).toEqual({
      command: "workload add",
      model: MODEL,
    });
    expect(splitModelBlock(`<@U0COSTBOT> workload check \`\`\`json\n{"workload": "x"}\n\`\`\` `)).toEqual({
      command: "<@U0COSTBOT> workload check",
      model: '{"workload": "x"}\n',
    });
  });

  it("a block without a language tag or on the command's line is still the model", () => {
    expect(splitModelBlock(`workload add \`\`\`\n${MODEL}\`\`\``).model).toBe(MODEL);
    expect(splitModelBlock(`workload add \`\`\`${MODEL}\`\`\``).model).toBe(MODEL);
  });

  it("an unclosed block runs to the end of the message", () => {
    expect(splitModelBlock(`workload add\n\`\`\`yaml\n${MODEL}`)).toEqual({
      command: "workload add\n",
      model: MODEL,
    });
  });

  it("leaves every other message whole, code blocks and all", () => {
    for (const text of [
      "voice-agent users=5",
      "what if ```users=5```",
      "help workload",
      "workload list ```x```",
    ])
      expect(splitModelBlock(text)).toEqual({ command: text });
  });

  it("a block far longer than a command (60 KB) is split in one linear pass", () => {
    const big = `# ${"x".repeat(60 * 1024)}\n${MODEL}`;
    const split = splitModelBlock(`workload add\n\`\`\`yaml\n${big}\`\`\``);
    expect(split.command).toBe("workload add");
    expect(split.model).toBe(big);
  });
});
