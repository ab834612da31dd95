// Where a join's and a deal read's time goes, per request: starts the real server from source on
// 127.0.0.1 with V8's CPU profiler (bench/profiled-server.ts), loads it with wrk (1 thread,
// 50 connections) on GET /api/deals/:id and then on POST commitments, profiles only the loaded
// seconds, and sorts every sample into the stages of a request by the frames on its stack.
// `node --import tsx bench/profile.ts [seconds] [--before-tip]`. Prints two tables; writes the profiles to
// bench/tmp/ (open them in Chrome's DevTools). See README "Performance".
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seedDeal, seedUsers, seededDatabase } from "./seed.ts";
import { cpuUs } from "./side-by-side.ts";

const SECONDS = Number(process.argv.slice(2).find((a) => !a.startsWith("--")) ?? 5);
/** `--before-tip`: profile joins of a deal that never tips (no payment, no email) instead. */
const BEFORE_TIP = process.argv.includes("--before-tip");
const PORT = 3204;
const CONNECTIONS = 50;
const root = join(import.meta.dirname, "..");
const work = join(tmpdir(), `quorum-profile-${process.pid}`);
const out = join(import.meta.dirname, "tmp");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

function wrk(url: string, script: string, env: Record<string, string>, seconds: number) {
  const r = spawnSync("wrk", ["-t", "1", "-c", String(CONNECTIONS), "-d", `${seconds}s`, "--timeout", "5s", "-s", join(import.meta.dirname, script), url], {
    env: { ...process.env, THREADS: "1", ...env },
    encoding: "utf8",
  });
  const line = r.stderr.split("\n").filter((l) => l.startsWith("{")).at(-1);
  if (!line) throw new Error(`wrk printed no summary:\n${r.stdout}\n${r.stderr}`);
  return JSON.parse(line) as { requests: number; non2xx: number };
}

/**
 * The stage a frame belongs to, or null when the frame says nothing (a native leaf): the first
 * frame from the leaf up that names a stage decides. Names first (they cut across packages), then
 * where the code lives.
 */
function stageOf(functionName: string, url: string): string | null {
  if (functionName === "(idle)") return "idle";
  if (functionName === "(garbage collector)") return "garbage collection";
  if (functionName === "(program)") return "V8 and native, unattributed";
  if (/^(stringify|toDealJson|dealFromRow|commitmentFromRow|coCreateFromRow|coCreateJson|toISOString|json)$/.test(functionName) && !/zod/.test(url)) return "serialisation";
  if (/^(writev|_writev|_writeGeneric|writeGeneric|handleWriteReq|writeOrBuffer|_write|write|end|_send|_flushOutput|_flush|doWrite|clearBuffer|onwrite|afterWriteDispatched)$/.test(functionName) && /^node:|^$/.test(url)) return "write";
  if (/^(setHeader|writeHead|_storeHeader|processHeader|_implicitHeader|buildOutgoingHttpHeaders|checkInvalidHeaderChar|validateHeaderName|validateHeaderValue|header)$/.test(functionName)) return "headers";
  if (/security-headers|\/hono\/dist\/.*(secure-headers|cors)/.test(url)) return "headers";
  if (/_http_common|_http_incoming|parserOn|\/node-server\/dist\/.*request|\/hono\/dist\/.*(body|request|cookie)/.test(url + " " + functionName)) return "HTTP parse and request";
  if (/\/api\/auth\/|session/i.test(url + " " + functionName)) return "session";
  if (/zod|validator/.test(url)) return "validation";
  if (/\/api\/db\/|better-sqlite3/.test(url)) return "SQL";
  if (/\/api\/outbox\//.test(url)) return "outbox (after the answer)";
  if (/\/api\/deals\/events|\/api\/deals\/audience/.test(url)) return "live events and cache";
  if (/\/api\/deals\//.test(url)) return "use case (statements, checks)";
  if (/prom-client|\/api\/ops\/|request-log|metrics/.test(url)) return "logs and metrics";
  if (/\/hono\/|\/node-server\/|\/api\/http\/|\/api\/app\.ts|\/api\/server\.ts/.test(url)) return "routing and middleware";
  if (/^node:(net|stream|internal\/streams|_http_outgoing|_http_server)/.test(url)) return "write";
  return null;
}

function stages(profile: CpuProfile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const memo = new Map<number, string>();
  const stageOfNode = (id: number): string => {
    const known = memo.get(id);
    if (known) return known;
    let at: number | undefined = id;
    let stage: string | null = null;
    while (at !== undefined && stage === null) {
      const f = byId.get(at)!.callFrame;
      stage = stageOf(f.functionName, f.url);
      at = parent.get(at);
    }
    const s = stage ?? "other";
    memo.set(id, s);
    return s;
  };
  const us = new Map<string, number>();
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i + 1] ?? 0;
    const s = stageOfNode(id);
    us.set(s, (us.get(s) ?? 0) + dt);
    const f = byId.get(id)!.callFrame;
    const name = `${s}: ${f.functionName || "(anonymous)"} ${f.url.replace(/^.*\/(node_modules|api)\//, "$1/")}`;
    self.set(name, (self.get(name) ?? 0) + dt);
  });
  return { us, self };
}

/**
 * The sampler ticks on the wall clock, so on a busy machine a stage's µs include the time the
 * thread waited for a core (and SQL's include the waits for the disk). The CPU column spreads the
 * process's measured CPU per request over the stages by their shares.
 */
function table(title: string, profile: CpuProfile, requests: number, cpuPerRequest: number) {
  const { us, self } = stages(profile);
  const busy = [...us].filter(([s]) => s !== "idle").reduce((a, [, v]) => a + v, 0);
  console.log(`\n${title}: ${requests} requests, ${Math.round(busy / 1000)} ms on the server's main thread (${Math.round(busy / requests)} µs a request; idle ${Math.round((us.get("idle") ?? 0) / 1000)} ms); CPU ${Math.round(cpuPerRequest)} µs a request (all threads)\n`);
  console.log("| stage | µs per request (sampled) | share | ≈ CPU µs per request |\n|---|---:|---:|---:|");
  for (const [s, v] of [...us].filter(([s]) => s !== "idle").sort((a, b) => b[1] - a[1])) {
    console.log(`| ${s} | ${(v / requests).toFixed(1)} | ${Math.round((100 * v) / busy)}% | ${((cpuPerRequest * v) / busy).toFixed(1)} |`);
  }
  console.log("\nTop self time:");
  for (const [name, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${(v / requests).toFixed(1)} µs  ${name}`);
}

async function profiled(server: ChildProcess, file: string, load: () => { requests: number; non2xx: number }) {
  server.kill("SIGUSR2");
  await sleep(200);
  const cpu = cpuUs(server.pid!);
  const r = load();
  const cpuPerRequest = (cpuUs(server.pid!) - cpu) / Math.max(1, r.requests);
  server.kill("SIGUSR1");
  for (let i = 0; i < 100 && !existsSync(file); i++) await sleep(100);
  await sleep(300);
  if (r.non2xx) throw new Error(`${r.non2xx} requests failed`);
  return { profile: JSON.parse(readFileSync(file, "utf8")) as CpuProfile, requests: r.requests, cpuPerRequest };
}

async function main() {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  mkdirSync(out, { recursive: true });
  const file = join(work, "profile.db");
  const { db, initiatorId } = seededDatabase(file);
  const readDeal = seedDeal(db, { threshold: 10, capacity: 100, initiatorId });
  const warmDeal = seedDeal(db, { threshold: 1_000_000, capacity: null, initiatorId });
  const joinDeal = seedDeal(db, BEFORE_TIP ? { threshold: 1_000_000, capacity: null, initiatorId } : { threshold: 1000, capacity: 5000, initiatorId });
  const cookies = (prefix: string, n: number) => {
    const f = join(work, `${prefix}.txt`);
    writeFileSync(f, seedUsers(db, n, prefix).cookies.join("\n") + "\n");
    return f;
  };
  const warmCookies = cookies("warm-", 20_000);
  const joinCookies = cookies("join-", SECONDS * 15_000);
  db.close();

  const profiles = { read: join(out, "read.cpuprofile"), join: join(out, "join.cpuprofile") };
  for (const f of Object.values(profiles)) rmSync(f, { force: true });
  const server = (name: string) =>
    spawn(process.execPath, ["--import", "tsx", "bench/profiled-server.ts", name], {
      cwd: root,
      env: { ...process.env, NODE_ENV: "test", PORT: String(PORT), HOST: "127.0.0.1", DATABASE_URL: `file:${file}`, RATE_LIMITS: "off", LOG_LEVEL: "warn", SWEEP_INTERVAL_MS: "60000" },
      stdio: ["ignore", "ignore", "inherit"],
    });
  const base = `http://127.0.0.1:${PORT}`;
  const up = async (child: ChildProcess) => {
    for (let i = 0; i < 300; i++) {
      if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) return;
      if (child.exitCode !== null) throw new Error("the server exited");
      await sleep(100);
    }
    throw new Error("the server did not start");
  };
  const stop = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.once("exit", () => resolve()), child.kill("SIGTERM"))));

  const s = server(profiles.read);
  try {
    await up(s);
    // Warm both paths (the JIT, the caches) before anything is sampled.
    // The read goes first: a join warm-up confirms a deal, and the outbox then sends its emails.
    wrk(`${base}/api/deals/${readDeal}`, "get.lua", {}, 2);
    const read = await profiled(s, profiles.read, () => wrk(`${base}/api/deals/${readDeal}`, "get.lua", {}, SECONDS));
    rmSync(profiles.read);
    // A warm-up deal that never reaches its threshold: no outbox work left over for the profile.
    wrk(`${base}/api/deals/${warmDeal}/commitments`, "join.lua", { COOKIES: warmCookies, JOIN_PATH: `/api/deals/${warmDeal}/commitments` }, 2);
    const path = `/api/deals/${joinDeal}/commitments`;
    const joined = await profiled(s, profiles.read, () => wrk(`${base}${path}`, "join.lua", { COOKIES: joinCookies, JOIN_PATH: path }, SECONDS));
    writeFileSync(profiles.join, JSON.stringify(joined.profile));
    writeFileSync(profiles.read, JSON.stringify(read.profile));
    table("GET /api/deals/:id (signed out)", read.profile, read.requests, read.cpuPerRequest);
    table(`POST /api/deals/:id/commitments${BEFORE_TIP ? ", before the tip" : ""}`, joined.profile, joined.requests, joined.cpuPerRequest);
  } finally {
    await stop(s);
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
