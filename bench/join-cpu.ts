// The CPU a join costs, per thread of the server: a built bundle on 127.0.0.1 over a fresh
// database, wrk joining one deal (1 thread, 50 connections, distinct signed-in users) for a few
// seconds after a warm-up on another deal, and each thread's user + system time from /proc
// divided by the joins. Steadier than throughput on a shared machine, and it says whether the
// work is on the main thread or elsewhere (the checkpointer, the collector's helpers).
//
//   node --import tsx bench/join-cpu.ts [seconds]
//   SERVER=<bundle> (dist/server.mjs)   TIP=<threshold> (1,000,000: a deal that never tips)
//
// Compare two builds in alternating runs: SERVER=old.mjs, then the new one, then the old again.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seedDeal, seedUsers, seededDatabase } from "./seed.ts";

const SECONDS = Number(process.argv[2] ?? 5);
const PORT = 3290;
const base = `http://127.0.0.1:${PORT}`;
const work = mkdtempSync(join(tmpdir(), "quorum-join-cpu-"));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const file = join(work, "join.db");
const { db, initiatorId } = seededDatabase(file);
const deal = seedDeal(db, { threshold: Number(process.env.TIP ?? 1_000_000), capacity: null, initiatorId });
const warmDeal = seedDeal(db, { threshold: 1_000_000, capacity: null, initiatorId });
const cookies = (prefix: string, n: number) => {
  const f = join(work, `${prefix}.txt`);
  writeFileSync(f, seedUsers(db, n, prefix).cookies.join("\n") + "\n");
  return f;
};
const [warmCookies, joinCookies] = [cookies("warm-", 10_000), cookies("join-", SECONDS * 15_000)];
db.close();

const server = spawn(process.execPath, [process.env.SERVER ?? "dist/server.mjs"], {
  env: { ...process.env, NODE_ENV: "test", PORT: String(PORT), HOST: "127.0.0.1", DATABASE_URL: `file:${file}`, RATE_LIMITS: "off", LOG_LEVEL: "warn", SWEEP_INTERVAL_MS: "60000" },
  stdio: ["ignore", "ignore", "inherit"],
});

/** Each thread's CPU time so far, in clock ticks (100 a second), by "tid name". */
function threadTicks(pid: number) {
  const ticks = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, "utf8").trim();
    ticks.set(`${tid} ${name}`, Number(fields[11]) + Number(fields[12]));
  }
  return ticks;
}

function wrk(dealId: string, cookieFile: string, seconds: number) {
  const path = `/api/deals/${dealId}/commitments`;
  const r = spawnSync("wrk", ["-t", "1", "-c", "50", "-d", `${seconds}s`, "--timeout", "5s", "-s", join(import.meta.dirname, "join.lua"), base + path], {
    env: { ...process.env, THREADS: "1", COOKIES: cookieFile, JOIN_PATH: path },
    encoding: "utf8",
  });
  const line = r.stderr.split("\n").filter((l) => l.startsWith("{")).at(-1);
  if (!line) throw new Error(`wrk printed no summary:\n${r.stdout}\n${r.stderr}`);
  return JSON.parse(line) as { requests: number; non2xx: number };
}

try {
  let up = false;
  for (let i = 0; i < 300 && !up; i++) {
    up = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (!up) await sleep(100);
  }
  if (!up) throw new Error("the server did not start");
  wrk(warmDeal, warmCookies, 2);
  const before = threadTicks(server.pid!);
  const r = wrk(deal, joinCookies, SECONDS);
  const after = threadTicks(server.pid!);
  if (r.non2xx) throw new Error(`${r.non2xx} joins failed`);
  const perJoin = (t: number) => ((t * 10_000) / r.requests).toFixed(1);
  let all = 0;
  const rows: string[] = [];
  for (const [thread, t] of after) {
    const spent = t - (before.get(thread) ?? 0);
    all += spent;
    if (spent > 0) rows.push(`| ${thread}${thread.startsWith(`${server.pid} `) ? " (main)" : ""} | ${perJoin(spent)} |`);
  }
  console.log(`${r.requests} joins in ${SECONDS} s: ${Math.round(r.requests / SECONDS)} a second (${process.env.SERVER ?? "dist/server.mjs"})\n`);
  console.log(`| thread | CPU µs a join |\n|---|---:|\n${rows.join("\n")}\n| all | ${perJoin(all)} |`);
} finally {
  server.kill("SIGTERM");
  await new Promise((r) => server.once("exit", r));
  rmSync(work, { recursive: true, force: true });
}
