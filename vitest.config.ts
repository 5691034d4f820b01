import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Handler tests drive the built bundles, so build them once before any test runs.
    globalSetup: ["test/global-setup.ts"],
    // Hang guards, not speed claims: no test asserts a time, and on a busy two-core machine a
    // file that takes 100 s alone took over 10 minutes beside two CPU hogs (README, "Performance").
    testTimeout: 1_800_000,
    hookTimeout: 1_800_000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  },
});
