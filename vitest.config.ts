import { configDefaults, defineConfig } from "vitest/config";
import solid from "vite-plugin-solid";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // The kill -9 test takes minutes: `npm run test:chaos` (vitest.chaos.config.ts).
    exclude: [...configDefaults.exclude, "tests/chaos/**"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { LOG_LEVEL: "silent" },
    projects: [
      // Everything above, in Node.
      { extends: true, test: { name: "node" } },
      // Solid component tests (*.test.tsx): compiled by vite-plugin-solid, in a happy-dom document.
      {
        plugins: [solid()],
        test: { name: "dom", include: ["tests/web/**/*.test.tsx"], environment: "happy-dom", pool: "forks" },
      },
    ],
  },
});
