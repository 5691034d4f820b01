import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Handler tests drive the built bundles, so build them once before any test runs.
    globalSetup: ["test/global-setup.ts"],
    // Hang guards, not speed claims: no test asserts a time, and on a busy two-core machine a
    // file that takes 20 s alone can take minutes (README, "Performance").
    testTimeout: 600_000,
    hookTimeout: 600_000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  },
});
