// The real server (api/node.ts, from source) with V8's CPU profiler (what `node --cpu-prof` uses)
// switched on and off by signals, so a profile covers only the load and not the start:
// SIGUSR2 starts sampling, SIGUSR1 writes the profile to PROFILE_OUT. Used by bench/profile.ts.
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";

const session = new Session();
session.connect();
await session.post("Profiler.enable");
// 100 µs between samples: a join is a few hundred µs of CPU, a read a few dozen.
await session.post("Profiler.setSamplingInterval", { interval: 100 });
process.on("SIGUSR2", () => void session.post("Profiler.start"));
process.on("SIGUSR1", () => {
  void session.post("Profiler.stop").then(({ profile }) => writeFileSync(process.argv[2]!, JSON.stringify(profile)));
});
await import("../api/node.ts");
