// The Node entry: `npm start`.
import { ConfigError, loadConfig } from "./config.ts";
import { startServer } from "./server.ts";

let config;
try {
  config = loadConfig(process.env);
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}

const server = await startServer(config);
console.log(
  `Quorum is running on ${config.appUrl}` +
    (config.devMode ? ` (development mode: emails go to ${config.appUrl}/dev/mailbox)` : ""),
);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
