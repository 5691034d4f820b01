import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Handler tests drive the built bundles, so build them once before any test runs.
    globalSetup: ["test/global-setup.ts"],
    // Most files wait on child processes and loopback servers (the built CLI, dynalite, the
    // fakes), so more files than cores run well. Vitest's default (cores - 1) ran one file at a
    // time on a two-core machine: 407 s; two at a time 248 s, three 200 s (README, "Performance").
    maxWorkers: availableParallelism() + 1,
    // Hang guards, not speed claims: no test asserts a time, and on a busy two-core machine a
    // file that takes 100 s alone took over 10 minutes beside two CPU hogs (README, "Performance").
    testTimeout: 1_800_000,
    hookTimeout: 1_800_000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  },
});
