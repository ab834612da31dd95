// npm run bench: measures the join path against this machine's ceiling, then checks the promises
// on what the load left behind. Everything runs on 127.0.0.1, with bounded durations and
// connections. Figures go to the console and to bench/results.json. See README "Performance".
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { joinStmts } from "../api/deals/join-deal.ts";
import { applyMigrations } from "../api/db/migrate.ts";
import { tuneConnection } from "../api/db/node.ts";
import { newId } from "../api/ids.ts";
import { sqlTime } from "../api/db/sql.ts";
import { seedDeal, seedUsers } from "./seed.ts";
import { watchersScenario, type WatchersTools } from "./watchers.ts";
import { printSideBySide, sideBySide, type PacedServer, type SideBySideRow } from "./side-by-side.ts";
import { DEFAULT_API_KEY } from "../tests/setup/fake-resend.ts";

const root = join(import.meta.dirname, "..");
const work = join(tmpdir(), `quorum-bench-${process.pid}`);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 100;
const THREADS = 2;
const PORT = 3201;
const CEILING_PORT = 3202;
const BARE_SSE_PORT = 3203;
/** The side-by-side's paced join: its server, the fake Resend it sends to, and the fake's counter. */
const PACED_PORT = 3204;
const FAKE_RESEND_PORT = 3205;
const FAKE_COUNT_PORT = 3206;
/** BENCH_PACED=off: no join with email through Resend in the side-by-side. */
const PACED = process.env.BENCH_PACED !== "off";

/** The environment of a server under test: on 127.0.0.1, with a database file of its own. */
const serverEnvOf = (port: number, file: string): Record<string, string> => ({
  NODE_ENV: "test",
  PORT: String(port),
  HOST: "127.0.0.1",
  DATABASE_URL: `file:${file}`,
  RATE_LIMITS: "off",
  LOG_LEVEL: "warn",
  SWEEP_INTERVAL_MS: "60000",
});
/** The live scenario's watcher counts; "off" skips it. */
const WATCHER_LEVELS = process.env.BENCH_WATCHERS === "off" ? [] : (process.env.BENCH_WATCHERS ?? "0,2000,8000").split(",").map(Number);
/** The side-by-side scenario's connections (1 wrk thread); "off" skips it. */
const SIDE_LEVELS = process.env.BENCH_SIDE === "off" ? [] : (process.env.BENCH_SIDE ?? "50,100").split(",").map(Number);
const SIDE_SECONDS = Number(process.env.BENCH_SIDE_SECONDS ?? 5);
/** BENCH_ONLY=side: only the side-by-side scenario (the quick loop while working on the join and the read). */
const ONLY_SIDE = process.env.BENCH_ONLY === "side";
/** The server bundle to measure: BENCH_SERVER=/elsewhere/dist/server.mjs compares another build (an older commit's) in the same conditions. */
const SERVER = process.env.BENCH_SERVER ?? "dist/server.mjs";

interface WrkSummary {
  requests: number;
  durationUs: number;
  p50Us: number;
  p99Us: number;
  connectErrors: number;
  readErrors: number;
  writeErrors: number;
  timeouts: number;
  non2xx: number;
}

interface Figure {
  name: string;
  rps: number;
  p50Ms: number | null;
  p99Ms: number | null;
  errors: number;
  ofCeiling: number | null;
  ofRawDb?: number | null;
}

function wrk(url: string, script: string, env: Record<string, string> = {}, seconds = SECONDS, connections = CONNECTIONS, threads = THREADS) {
  const args = ["-t", String(threads), "-c", String(connections), "-d", `${seconds}s`, "--timeout", "5s"];
  const r = spawnSync("wrk", [...args, "-s", join(import.meta.dirname, script), url], {
    env: { ...process.env, THREADS: String(threads), ...env },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw new Error(`wrk did not run (${r.error.message}). Install it: apt-get install wrk`);
  const line = r.stderr.split("\n").filter((l) => l.startsWith("{")).at(-1);
  if (!line) throw new Error(`wrk printed no summary:\n${r.stdout}\n${r.stderr}`);
  const s = JSON.parse(line) as WrkSummary;
  const errors = s.connectErrors + s.readErrors + s.writeErrors + s.timeouts + s.non2xx;
  return { ...s, errors, rps: s.requests / (s.durationUs / 1e6) };
}

async function waitFor(url: string, child: ChildProcess, timeoutMs = 30_000) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

function startProcess(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, args[0]!.endsWith(".ts") ? ["--import", "tsx", ...args] : args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return child;
}

/** Peak resident memory of a process, from /proc (Linux). */
function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });

/** Commitments on other deals, to check that the join's cost doesn't grow with the data. */
function seedBackground(db: Database.Database, commitments: number, initiatorId: string) {
  const now = sqlTime(Date.now());
  const users = db.prepare(`SELECT "id" FROM "User" LIMIT 1000`).all() as { id: string }[];
  const insert = db.prepare(
    `INSERT INTO "Commitment" ("id", "dealId", "userId", "seats", "status", "position", "createdAt", "updatedAt")
     VALUES (?, ?, ?, 1, 'active', ?, ?, ?)`,
  );
  db.transaction(() => {
    for (let made = 0; made < commitments; ) {
      const dealId = seedDeal(db, { threshold: 100_000, capacity: null, initiatorId });
      for (let i = 0; i < users.length && made < commitments; i++, made++) {
        insert.run(newId(), dealId, users[i]!.id, i + 1, now, now);
      }
    }
  })();
}

/** The raw database limit: the same guarded join batch as plain SQL on better-sqlite3. */
function rawDbJoins(file: string, seconds = 3): number {
  const db = new Database(file);
  // The server's settings (WAL, synchronous=NORMAL, foreign keys, the page cache); the WAL's
  // checkpoints stay in the commits, as SQLite does them, not on the server's worker thread.
  tuneConnection(db);
  applyMigrations(db);
  const [initiator] = seedUsers(db, 1, "raw-initiator-").ids;
  const dealId = seedDeal(db, { threshold: 1000, capacity: 5000, initiatorId: initiator! });
  const userIds = seedUsers(db, 200_000, "raw-").ids;
  const cache = new Map<string, Database.Statement>();
  const prep = (sql: string) => cache.get(sql) ?? (cache.set(sql, db.prepare(sql)), cache.get(sql)!);
  const run = db.transaction((stmts: ReturnType<typeof joinStmts>) => {
    for (const s of stmts) {
      const p = prep(s.sql);
      if (p.reader) p.all(...s.args);
      else p.run(...s.args);
    }
  });
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000 && n < userIds.length) {
    run.immediate(joinStmts({ dealId, userId: userIds[n]!, seats: 1, commitmentId: newId(), now: Date.now() }));
    n++;
  }
  const rps = n / ((performance.now() - start) / 1000);
  db.close();
  return rps;
}

function checkInvariants(file: string, dealId: string, capacity: number) {
  const db = new Database(file, { readonly: true });
  const q = <T>(sql: string, ...args: unknown[]) => db.prepare(sql).get(...args) as T;
  const active = q<{ n: number; seats: number }>(
    `SELECT COUNT(*) AS n, COALESCE(SUM("seats"), 0) AS seats FROM "Commitment" WHERE "dealId" = ? AND "status" = 'active'`,
    dealId,
  );
  const others = q<{ n: number }>(
    `SELECT COUNT(*) AS n FROM "Commitment" WHERE "dealId" = ? AND "status" NOT IN ('active', 'waitlisted')`,
    dealId,
  );
  const waitlisted = q<{ n: number }>(`SELECT COUNT(*) AS n FROM "Commitment" WHERE "dealId" = ? AND "status" = 'waitlisted'`, dealId);
  const deal = q<{ status: string; confirmedByCommitmentId: string | null; seatsCommitted: number; waitlistCount: number }>(
    `SELECT "status", "confirmedByCommitmentId", "seatsCommitted", "waitlistCount" FROM "Deal" WHERE "id" = ?`,
    dealId,
  );
  const confirmations = q<{ n: number; distinct: number }>(
    `SELECT COUNT(*) AS n, COUNT(DISTINCT "userId") AS "distinct" FROM "Notification" WHERE "dealId" = ? AND "kind" = 'deal-confirmed'`,
    dealId,
  );
  db.close();
  const breaches: string[] = [];
  if (active.seats !== capacity) breaches.push(`active seats ${active.seats}, capacity ${capacity}`);
  if (deal.seatsCommitted !== active.seats) breaches.push(`deal counter ${deal.seatsCommitted} != ${active.seats}`);
  if (deal.waitlistCount !== waitlisted.n) breaches.push(`waitlist counter ${deal.waitlistCount} != ${waitlisted.n}`);
  if (others.n !== 0) breaches.push(`${others.n} commitments neither active nor waitlisted`);
  if (deal.status !== "confirmed" || !deal.confirmedByCommitmentId) breaches.push(`deal is ${deal.status}`);
  if (confirmations.n !== active.n + 1 || confirmations.distinct !== confirmations.n) {
    breaches.push(`${confirmations.n} confirmations (${confirmations.distinct} distinct) for ${active.n} active + initiator`);
  }
  return { activeSeats: active.seats, active: active.n, waitlisted: waitlisted.n, confirmations: confirmations.n, breaches };
}

const ms = (us: number) => Math.round(us / 10) / 100;

async function main() {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const file = join(work, "bench.db");
  // Build as in production (npm run build), and migrate a fresh database in WAL mode.
  // BENCH_BUILD=off: measure the bundles already built (A/B runs against BENCH_SERVER).
  if (process.env.BENCH_BUILD !== "off") {
    const build = spawnSync("npm", ["run", "build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
    if (build.status !== 0) throw new Error("npm run build failed");
  }
  const setup = new Database(file);
  setup.pragma("journal_mode = WAL");
  applyMigrations(setup);
  const [initiatorId] = seedUsers(setup, 1, "initiator-").ids as [string];
  const joinUsers = Math.ceil(SECONDS * 12_000);
  const { cookies } = seedUsers(setup, joinUsers, "joiner-");
  const cookieFile = join(work, "cookies.txt");
  writeFileSync(cookieFile, cookies.join("\n") + "\n");
  const readDeal = seedDeal(setup, { threshold: 10, capacity: 100, initiatorId });
  const joinDeal = seedDeal(setup, { threshold: 1000, capacity: 5000, initiatorId });
  setup.close();
  // The seeded database as no server has touched it, copied for each paced join.
  const pristine = join(work, "pristine.db");
  copyFileSync(file, pristine);
  /** A deal in a database file: of capacity 5,000 and threshold 1,000, or one that never tips. */
  const dealIn = (dbFile: string, neverTips = false) => {
    const db = new Database(dbFile);
    const id = seedDeal(db, neverTips ? { threshold: 1_000_000, capacity: null, initiatorId } : { threshold: 1000, capacity: 5000, initiatorId });
    db.close();
    return id;
  };
  /** n signed-in users in a database file, and a file of their cookie lines for wrk. */
  const usersIn = (dbFile: string, n: number, prefix: string) => {
    const db = new Database(dbFile);
    const { cookies } = seedUsers(db, n, prefix);
    db.close();
    const f = join(work, `${prefix}cookies.txt`);
    writeFileSync(f, cookies.join("\n") + "\n");
    return { file: f, cookies };
  };
  /** Notifications a database file holds that are sent, and that are still to be sent. */
  const outboxIn = (dbFile: string) => {
    const db = new Database(dbFile, { readonly: true });
    const rows = db.prepare(`SELECT "state", COUNT(*) AS "n" FROM "Notification" GROUP BY "state"`).all() as { state: string; n: number }[];
    db.close();
    const count = (...states: string[]) => rows.filter((r) => states.includes(r.state)).reduce((sum, r) => sum + Number(r.n), 0);
    return { sent: count("sent"), waiting: count("pending", "sending") };
  };
  const waitingIn = (dbFile: string) => outboxIn(dbFile).waiting;

  const figures: Figure[] = [];

  // 1. The ceiling, bundled like the server.
  const ceilingFile = join(root, "bench", "tmp", "ceiling.mjs");
  const esbuild = join(root, "node_modules", ".bin", "esbuild");
  spawnSync(esbuild, ["bench/ceiling.ts", "--bundle", "--platform=node", "--format=esm", "--packages=external", `--outfile=${ceilingFile}`], { cwd: root });
  const ceiling = spawn(process.execPath, [ceilingFile, String(CEILING_PORT)], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  await waitFor(`http://127.0.0.1:${CEILING_PORT}/`, ceiling);
  wrk(`http://127.0.0.1:${CEILING_PORT}/`, "get.lua", {}, 2); // warm up
  const c = ONLY_SIDE ? { rps: NaN, p50Us: NaN, p99Us: NaN, errors: 0 } : wrk(`http://127.0.0.1:${CEILING_PORT}/`, "get.lua");
  figures.push({ name: "ceiling: bare Hono GET /", rps: c.rps, p50Ms: ms(c.p50Us), p99Ms: ms(c.p99Us), errors: c.errors, ofCeiling: 1 });

  // The real server, built as in production. Not NODE_ENV=production: that refuses RATE_LIMITS=off
  // and wants a mail provider; the benchmark's email goes to the development mailbox, unpaced (the
  // side-by-side's paced join sends it as production does).
  const server = startProcess([SERVER], serverEnvOf(PORT, file));
  const base = `http://127.0.0.1:${PORT}`;
  await waitFor(`${base}/api/health`, server);

  // The join and the read beside the ceiling, one wrk thread, in one run (issue 17).
  let side: SideBySideRow[] = [];
  if (SIDE_LEVELS.length) {
    const fakeResend = PACED ? startProcess(["bench/fake-resend.ts", String(FAKE_RESEND_PORT), String(FAKE_COUNT_PORT)], {}) : null;
    if (fakeResend) await waitFor(`http://127.0.0.1:${FAKE_COUNT_PORT}/`, fakeResend);
    const delivered = async () => ((await (await fetch(`http://127.0.0.1:${FAKE_COUNT_PORT}/`)).json()) as { delivered: number }).delivered;
    let pacedRuns = 0;
    /** A second server whose email goes through Resend, paced as in production, on a fresh copy of the seeded database. */
    const pacedServer = async (): Promise<PacedServer> => {
      const pacedFile = join(work, `paced-${++pacedRuns}.db`);
      copyFileSync(pristine, pacedFile);
      const child = startProcess([SERVER], {
        ...serverEnvOf(PACED_PORT, pacedFile),
        // As production sends: Resend's transport at its default pace (RESEND_MAX_RPS unset: 2).
        RESEND_API_KEY: DEFAULT_API_KEY,
        RESEND_BASE_URL: `http://127.0.0.1:${FAKE_RESEND_PORT}`,
        MAIL_FROM: "Quorum <deals@quorum.example>",
      });
      const cookieFiles: string[] = [];
      const done = async () => {
        await stop(child);
        for (const f of [pacedFile, `${pacedFile}-wal`, `${pacedFile}-shm`, ...cookieFiles]) rmSync(f, { force: true });
      };
      const pacedBase = `http://127.0.0.1:${PACED_PORT}`;
      await waitFor(`${pacedBase}/api/health`, child).catch(async (e: unknown) => {
        await done();
        throw e;
      });
      return {
        base: pacedBase,
        pid: child.pid!,
        newJoinDeal: (neverTips) => dealIn(pacedFile, neverTips),
        users(n, prefix) {
          const f = usersIn(pacedFile, n, `paced-${prefix}`).file;
          cookieFiles.push(f);
          return f;
        },
        emailsSent: delivered,
        emailsWaiting: () => waitingIn(pacedFile),
        stop: done,
      };
    };
    side = await sideBySide(
      {
        ...(fakeResend ? { pacedServer } : {}),
        wrk: (url, script, env, seconds, connections) => wrk(url, script, env, seconds, connections, 1),
        ceilingUrl: `http://127.0.0.1:${CEILING_PORT}/`,
        ceilingPid: ceiling.pid!,
        serverPid: server.pid!,
        base,
        readDeal,
        newJoinDeal: (neverTips) => dealIn(file, neverTips),
        outbox: () => outboxIn(file),
        settle() {
          const started = performance.now();
          const pause = new Int32Array(new SharedArrayBuffer(4));
          let left = waitingIn(file);
          for (let i = 0; i < 600 && left > 0; i++) {
            Atomics.wait(pause, 0, 0, 200);
            left = waitingIn(file);
          }
          // Measured with the outbox still sending, the join before the tip would not be that.
          if (left > 0) throw new Error(`the outbox still had ${left} notifications to send after 120 s`);
          return (performance.now() - started) / 1000;
        },
        users: (n, prefix) => usersIn(file, n, prefix).file,
      },
      SIDE_LEVELS,
      SIDE_SECONDS,
    );
    if (fakeResend) await stop(fakeResend);
  }
  await stop(ceiling);
  if (ONLY_SIDE) {
    await stop(server);
    printSideBySide(side);
    rmSync(work, { recursive: true, force: true });
    const failures = sideFailures(side);
    if (failures.length) {
      console.error(`\nFAILED: ${failures.join("; ")}`);
      process.exit(1);
    }
    return;
  }

  // 2. The deal page's data.
  wrk(`${base}/api/deals/${readDeal}`, "get.lua", {}, 2);
  const r = wrk(`${base}/api/deals/${readDeal}`, "get.lua");
  figures.push({ name: "GET /api/deals/:id", rps: r.rps, p50Ms: ms(r.p50Us), p99Ms: ms(r.p99Us), errors: r.errors, ofCeiling: r.rps / c.rps });

  // 3. Joins: every request a different signed-in user, until the deal is full and beyond.
  const j = wrk(`${base}/api/deals/${joinDeal}/commitments`, "join.lua", { COOKIES: cookieFile, JOIN_PATH: `/api/deals/${joinDeal}/commitments` });
  if (j.requests > joinUsers) throw new Error(`ran out of users: ${j.requests} requests for ${joinUsers} users`);
  const peakMb = peakRssMb(server.pid!);
  await stop(server);

  // 4. The raw database limit.
  const raw = rawDbJoins(join(work, "raw.db"));
  figures.push({
    name: "POST /api/deals/:id/commitments",
    rps: j.rps,
    p50Ms: ms(j.p50Us),
    p99Ms: ms(j.p99Us),
    errors: j.errors,
    ofCeiling: j.rps / c.rps,
    ofRawDb: j.rps / raw,
  });
  figures.push({ name: "raw SQLite guarded join (no HTTP)", rps: raw, p50Ms: null, p99Ms: null, errors: 0, ofCeiling: raw / c.rps });

  const invariants = checkInvariants(file, joinDeal, 5000);

  // 5. The live scenario: watchers on one deal while others join, and its bare SSE ceiling.
  const serverEnv = serverEnvOf(PORT, file);
  const tools: WatchersTools = {
    async startServer(env) {
      const s = startProcess([SERVER], { ...serverEnv, ...env });
      await waitFor(`${base}/api/health`, s);
      return s;
    },
    async startBare(snapshot) {
      const snapshotFile = join(work, "bare-snapshot.json");
      writeFileSync(snapshotFile, snapshot);
      const s = startProcess(["bench/bare-sse.ts", String(BARE_SSE_PORT)], { BARE_SNAPSHOT_FILE: snapshotFile });
      await waitFor(`http://127.0.0.1:${BARE_SSE_PORT}/health`, s);
      return s;
    },
    stop,
    newDeal: () => dealIn(file, true),
    users: (n, prefix) => usersIn(file, n, prefix),
    wrk: (url, env, seconds) => wrk(url, "join.lua", env, seconds),
    base,
    port: PORT,
    barePort: BARE_SSE_PORT,
  };
  const live = WATCHER_LEVELS.length ? await watchersScenario(tools, WATCHER_LEVELS, Number(process.env.BENCH_WATCH_SECONDS ?? 5)) : null;

  // Growth: the join with more data elsewhere, and listing with many deals.
  const growth: { name: string; rps: number; p99Ms: number }[] = [];
  if (process.env.BENCH_GROWTH !== "off") {
    let seeded = 0;
    for (const target of [1_000, 10_000, 100_000]) {
      const db = new Database(file);
      seedBackground(db, target - seeded, initiatorId);
      seeded = target;
      const dealId = seedDeal(db, { threshold: 1000, capacity: 5000, initiatorId });
      const more = seedUsers(db, Math.ceil(4 * 12_000), `growth-${target}-`).cookies;
      db.close();
      writeFileSync(cookieFile, more.join("\n") + "\n");
      const s = startProcess([SERVER], serverEnvOf(PORT, file));
      await waitFor(`${base}/api/health`, s);
      const g = wrk(`${base}/api/deals/${dealId}/commitments`, "join.lua", { COOKIES: cookieFile, JOIN_PATH: `/api/deals/${dealId}/commitments` }, 4);
      growth.push({ name: `join, ${target.toLocaleString("en")} other commitments`, rps: g.rps, p99Ms: ms(g.p99Us) });
      if (target === 100_000) {
        const db2 = new Database(file);
        const deals = (db2.prepare(`SELECT COUNT(*) AS n FROM "Deal"`).get() as { n: number }).n;
        for (let i = deals; i < 10_000; i++) seedDeal(db2, { threshold: 10, capacity: null, initiatorId });
        db2.close();
        const l = wrk(`${base}/api/deals?status=open&limit=20`, "get.lua", {}, 4);
        growth.push({ name: "GET /api/deals?status=open, 10,000 deals", rps: l.rps, p99Ms: ms(l.p99Us) });
      }
      await stop(s);
    }
  }

  const results = {
    date: new Date().toISOString(),
    machine: { cores: (await import("node:os")).cpus().length, node: process.version },
    settings: { seconds: SECONDS, connections: CONNECTIONS, wrkThreads: THREADS },
    figures,
    sideBySide: side,
    peakServerMemoryMb: peakMb,
    invariants,
    live,
    growth,
  };
  writeFileSync(join(import.meta.dirname, "results.json"), JSON.stringify(results, null, 2) + "\n");

  const pct = (x: number | null | undefined) => (x == null ? "" : `${Math.round(x * 100)}%`);
  console.log("\n| what | req/s | p50 ms | p99 ms | errors | of ceiling | of raw DB |");
  console.log("|---|---:|---:|---:|---:|---:|---:|");
  for (const f of figures) {
    console.log(`| ${f.name} | ${Math.round(f.rps)} | ${f.p50Ms ?? ""} | ${f.p99Ms ?? ""} | ${f.errors} | ${pct(f.ofCeiling)} | ${pct(f.ofRawDb)} |`);
  }
  if (side.length) printSideBySide(side);
  console.log(`\nPeak server memory: ${peakMb} MB`);
  console.log(`After the join load: ${invariants.activeSeats} active seats (capacity 5000), ${invariants.waitlisted} waitlisted, ${invariants.confirmations} confirmation notifications`);
  if (live) {
    const { levels, ceiling } = live;
    console.log("\n| watchers | joins/s | joins/s, nobody watching, just before | of no watchers | fan-out p50 ms | fan-out p99 ms | memory per watcher KB | missed final count |");
    console.log("|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (const l of levels) {
      console.log(`| ${l.watchers} | ${l.joinsPerSecond} | ${l.joinsPerSecondAlone} | ${l.ofNoWatchers.toFixed(2)}× | ${l.fanOutP50Ms ?? ""} | ${l.fanOutP99Ms ?? ""} | ${l.memoryPerWatcherKb ?? ""} | ${l.missedFinalCount ?? ""} |`);
    }
    console.log(`| bare node:http SSE, ${ceiling.watchers} | | | | ${ceiling.fanOutP50Ms} | ${ceiling.fanOutP99Ms} | ${ceiling.memoryPerWatcherKb} | ${ceiling.late} |`);
  }
  if (growth.length) {
    console.log("\n| growth | req/s | p99 ms |\n|---|---:|---:|");
    for (const g of growth) console.log(`| ${g.name} | ${Math.round(g.rps)} | ${g.p99Ms} |`);
  }
  rmSync(work, { recursive: true, force: true });
  const joinFig = figures.find((f) => f.name.startsWith("POST"))!;
  const failures = [...invariants.breaches];
  if (joinFig.errors > 0) failures.push(`${joinFig.errors} join errors`);
  failures.push(...sideFailures(side));
  for (const l of live?.levels ?? []) {
    if (l.missedFinalCount) failures.push(`${l.missedFinalCount} of ${l.watchers} watchers missed the final count`);
    if (l.connectFailures) failures.push(`${l.connectFailures} of ${l.watchers} watchers could not connect`);
  }
  if (failures.length) {
    console.error(`\nFAILED: ${failures.join("; ")}`);
    process.exit(1);
  }
}

/** What makes the side-by-side's figures wrong: errors, or a paced join whose email did not go out. */
function sideFailures(side: SideBySideRow[]): string[] {
  const failures: string[] = [];
  for (const r of side) if (r.errors) failures.push(`${r.errors} errors side by side at ${r.connections} connections`);
  // A paced join that sent nothing measured a server whose email was not going out at all.
  for (const r of side) if (r.pacedEmailsSent === 0) failures.push(`the paced join at ${r.connections} connections sent no email through Resend`);
  return failures;
}

main().catch((e) => {
  console.error(e);
  rmSync(work, { recursive: true, force: true });
  process.exit(1);
});
