// The Node entry: `npm start` runs it from source, `npm run serve` as the bundle dist/server.mjs.
import { setFlagsFromString } from "node:v8";
import { ConfigError, loadConfig, refuseUnsafeProduction } from "./config.ts";
import { startServer } from "./server.ts";

// V8 lets the old generation grow to as much as 4× what survived the last full collection before it
// collects again; under a crowd of joins that was 80-150 MB of heap for ~45 MB live, and the
// server's peak memory went past 200 MB. At 1.5× it peaks ~30 MB lower for no measurable CPU
// (docs/decisions/017-memory-under-a-crowd.md). A --heap-growing-percent on the command line wins.
if (!process.execArgv.some((a) => a.startsWith("--heap-growing-percent"))) setFlagsFromString("--heap-growing-percent=50");

// `npm run build:server` defines this as true. The bundle is what servers run, so there an unset
// NODE_ENV means production (which refuses to start misconfigured), never an open development mailbox.
declare const QUORUM_PRODUCTION_BUILD: boolean | undefined;
const defaultNodeEnv = typeof QUORUM_PRODUCTION_BUILD === "boolean" && QUORUM_PRODUCTION_BUILD ? "production" : "development";

let config;
try {
  config = refuseUnsafeProduction(loadConfig(process.env, { defaultNodeEnv }));
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}

const server = await startServer(config);
console.log(
  `Quorum is running on ${config.appUrl} (listening on ${config.host}:${new URL(server.url).port}, NODE_ENV=${config.nodeEnv})` +
    (config.devMode ? `; development mode: emails go to ${config.appUrl}/dev/mailbox` : ""),
);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
