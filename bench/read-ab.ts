// Two builds side by side on the signed-out deal read: both bundles serve one seeded database on
// 127.0.0.1, and wrk (1 thread, 50 connections) reads the same deal from one, then the other, in
// alternating rounds; each round prints the reads a second and the server's user and system CPU
// per read, from /proc. On a shared machine that drifts from minute to minute, only rounds taken
// side by side compare.
//
//   node --import tsx bench/read-ab.ts <a.mjs> <b.mjs> [rounds] [seconds]
//
// Build a bundle with `npm run build:server` and copy dist/server.mjs aside before the change.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seedDeal, seededDatabase } from "./seed.ts";

const [a, b] = process.argv.slice(2, 4);
if (!a || !b) throw new Error("usage: node --import tsx bench/read-ab.ts <a.mjs> <b.mjs> [rounds] [seconds]");
const ROUNDS = Number(process.argv[4] ?? 6);
const SECONDS = Number(process.argv[5] ?? 4);
const work = mkdtempSync(join(tmpdir(), "quorum-read-ab-"));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const file = join(work, "read.db");
const { db, initiatorId } = seededDatabase(file);
const deal = seedDeal(db, { threshold: 10, capacity: 100, initiatorId });
db.close();

const start = (bundle: string, port: number) =>
  spawn(process.execPath, [bundle], {
    env: { ...process.env, NODE_ENV: "test", PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: `file:${file}`, RATE_LIMITS: "off", LOG_LEVEL: "warn", SWEEP_INTERVAL_MS: "60000" },
    stdio: ["ignore", "ignore", "inherit"],
  });

/** user and system CPU so far, in clock ticks (100 a second). */
function cpu(pid: number) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return { user: Number(fields[11]), system: Number(fields[12]) };
}

function round(server: ChildProcess, url: string, seconds: number) {
  const before = cpu(server.pid!);
  const r = spawnSync("wrk", ["-t", "1", "-c", "50", "-d", `${seconds}s`, url], { encoding: "utf8" });
  const after = cpu(server.pid!);
  const requests = Number(/(\d+) requests in/.exec(r.stdout)?.[1] ?? 0);
  if (!requests || /Non-2xx/.test(r.stdout)) throw new Error(`wrk failed:\n${r.stdout}\n${r.stderr}`);
  const per = (ticks: number) => Math.round((ticks * 10_000) / requests);
  return { rps: Math.round(requests / seconds), user: per(after.user - before.user), system: per(after.system - before.system) };
}

const servers = [start(a, 3321), start(b, 3322)];
try {
  const urls = [3321, 3322].map((port) => `http://127.0.0.1:${port}/api/deals/${deal}`);
  for (const url of urls) {
    let up = false;
    for (let i = 0; i < 300 && !up; i++) {
      up = await fetch(url).then((r) => r.ok, () => false);
      if (!up) await sleep(100);
    }
    if (!up) throw new Error(`${url} did not answer`);
  }
  // Warm both (the JIT, the deal cache).
  servers.forEach((s, i) => round(s, urls[i]!, 2));
  console.log(`| round | a: reads a second | a: CPU µs a read (user + system) | b: reads a second | b: CPU µs a read |\n|---:|---:|---:|---:|---:|`);
  for (let n = 1; n <= ROUNDS; n++) {
    const [x, y] = servers.map((s, i) => round(s, urls[i]!, SECONDS)) as [ReturnType<typeof round>, ReturnType<typeof round>];
    console.log(`| ${n} | ${x.rps} | ${x.user} + ${x.system} | ${y.rps} | ${y.user} + ${y.system} |`);
  }
  console.log(`\na = ${a}, b = ${b}`);
} finally {
  for (const s of servers) s.kill("SIGTERM");
  await Promise.all(servers.map((s) => new Promise((r) => (s.exitCode !== null ? r(null) : s.once("exit", r)))));
  rmSync(work, { recursive: true, force: true });
}
