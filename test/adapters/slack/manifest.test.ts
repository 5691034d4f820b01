import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const manifest = parse(readFileSync("slack/manifest.yml", "utf8"));

describe("slack/manifest.yml", () => {
  it("subscribes to direct messages, with the scope to read them and a Messages tab to write in", () => {
    expect(manifest.settings.event_subscriptions.bot_events).toContain("message.im");
    expect(manifest.oauth_config.scopes.bot).toContain("im:history");
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
  });

  it("has every scope it asks for explained in docs/slack.md", () => {
    const docs = readFileSync("docs/slack.md", "utf8");
    for (const scope of manifest.oauth_config.scopes.bot as string[])
      expect(docs, scope).toContain(`\`${scope}\``);
  });
});
