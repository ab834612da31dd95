// `npm run test:chaos`: the kill -9 test (tests/chaos), which takes minutes and so stays out of
// `npm test`. CI runs it after `npm test` (.ci/run).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/chaos/**/*.test.ts"],
    pool: "forks",
    testTimeout: 10 * 60_000,
    hookTimeout: 60_000,
    env: { LOG_LEVEL: "silent" },
  },
});
