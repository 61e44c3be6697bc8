import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/test/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { TZ: "Asia/Tokyo" },
    // CI reads a plain "N passed, N failed" line made from this file (.ci/summary.mjs).
    reporters: process.env.CI ? ["default", ["json", { outputFile: "out/test-results.json" }]] : ["default"],
  },
});
