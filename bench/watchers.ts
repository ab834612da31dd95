// The benchmark's live scenario (npm run bench): N watchers hold one deal's event stream open
// (0, 2,000, 8,000) while wrk runs joins on it. Per level: joins a second, the p99 time for one
// change to reach every watcher (ten single joins, each timed at every watcher), server memory
// per watcher (RSS delta / N) and the watchers that missed the final count. Its ceiling, in the
// same run: a bare node:http SSE server (bench/bare-sse.ts) writing one snapshot to as many streams:
// the real server's own deal JSON from the last level, so both write as many bytes.
import { fork, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface WatchersTools {
  /** Starts the real server with extra environment; resolves once it answers. */
  startServer(env: Record<string, string>): Promise<ChildProcess>;
  /** Starts the bare SSE server, writing `snapshot` (a deal's JSON as the real server serves it) with its count raised. */
  startBare(snapshot: string): Promise<ChildProcess>;
  stop(child: ChildProcess): Promise<void>;
  /** A new open deal nobody can fill (no capacity, a threshold out of reach). */
  newDeal(): string;
  /** A file of n fresh signed-in users' cookie lines, and the lines. */
  users(n: number, prefix: string): { file: string; cookies: string[] };
  wrk(url: string, env: Record<string, string>, seconds: number): { rps: number; errors: number; requests: number };
  base: string;
  port: number;
  barePort: number;
}

export interface WatchersLevel {
  watchers: number;
  joinsPerSecond: number;
  /** The same joins on the same server with nobody watching, measured just before. */
  joinsPerSecondAlone: number;
  joinErrors: number;
  ofNoWatchers: number;
  fanOutP50Ms: number | null;
  fanOutP99Ms: number | null;
  memoryPerWatcherKb: number | null;
  missedFinalCount: number | null;
  connectFailures: number;
}

export interface BareLevel {
  watchers: number;
  fanOutP50Ms: number;
  fanOutP99Ms: number;
  memoryPerWatcherKb: number;
  late: number;
}

const PROBES = 10;
const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN);
const round = (x: number) => Math.round(x * 10) / 10;

function client() {
  const child = fork(join(import.meta.dirname, "watchers-client.ts"), [], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const ask = <T>(msg: Record<string, unknown>) =>
    new Promise<T>((resolve) => {
      child.once("message", (m) => resolve(m as T));
      child.send(msg);
    });
  return { child, ask };
}

type Probe = { status: number; late: number; delays: number[] };

/**
 * Ten single changes, each timed at every watcher, 1 s apart: past the coalescing window (200 ms,
 * longer in a crowd of more than 2,000), so each is the first change after a quiet spell.
 */
async function probes(ask: ReturnType<typeof client>["ask"], change: (k: number) => { url: string; headers: Record<string, string>; body?: string }) {
  const delays: number[] = [];
  let late = 0;
  for (let k = 0; k < PROBES; k++) {
    await sleep(1_000);
    const p = await ask<Probe>({ cmd: "probe", ...change(k) });
    if (p.status >= 300) throw new Error(`probe ${k} answered ${p.status}`);
    late += p.late;
    delays.push(...p.delays);
  }
  delays.sort((a, b) => a - b);
  return { p50: round(pct(delays, 50)), p99: round(pct(delays, 99)), late };
}

export async function watchersScenario(t: WatchersTools, levels: number[], seconds: number) {
  const out: WatchersLevel[] = [];
  let snapshot = "";
  const { child, ask } = client();
  try {
    for (const n of levels) {
      const dealId = t.newDeal();
      const { file } = t.users(Math.ceil(seconds * 8_000), `watch-${n}-`);
      const probers = t.users(PROBES, `probe-${n}-`).cookies;
      const server = await t.startServer({ EVENT_STREAMS_MAX: "20000" });
      try {
        const dealUrl = `${t.base}/api/deals/${dealId}`;
        await (await fetch(dealUrl)).arrayBuffer();
        // Joins with nobody watching, on this same server just before: the machine is shared, and
        // a pair measured back to back is fairer than levels minutes apart.
        const aloneDeal = `/api/deals/${t.newDeal()}/commitments`;
        const aloneUsers = t.users(Math.ceil(seconds * 8_000), `alone-${n}-`).file;
        const alone = n ? t.wrk(t.base + aloneDeal, { COOKIES: aloneUsers, JOIN_PATH: aloneDeal }, seconds) : null;
        // The server's memory before the watchers come, after the join load (so its heap is warm).
        await sleep(1_000);
        const before = rssKb(server.pid!);
        const c = n ? await ask<{ connected: number; failed: number }>({ cmd: "connect", port: t.port, path: `/api/deals/${dealId}/events`, n }) : { connected: 0, failed: 0 };
        await sleep(2_000);
        const memory = n ? ((rssKb(server.pid!) - before) / c.connected) : null;
        const j = t.wrk(`${dealUrl}/commitments`, { COOKIES: file, JOIN_PATH: `/api/deals/${dealId}/commitments` }, seconds);
        // Joins wrk left in flight land first.
        await sleep(1_000);
        const body = await (await fetch(dealUrl)).text();
        const seats = (JSON.parse(body) as { deal: { seatsCommitted: number } }).deal.seatsCommitted;
        // The deal as its watchers get it: the bare server writes the same bytes (a count apart).
        snapshot = body;
        const final = n ? await ask<{ missed: number }>({ cmd: "final", expect: seats }) : null;
        const fan = n
          ? await probes(ask, (k) => ({
              url: `${dealUrl}/commitments`,
              headers: { cookie: probers[k]!, "content-type": "application/json" },
              body: '{"seats":1}',
            }))
          : null;
        out.push({
          watchers: n,
          joinsPerSecond: Math.round(j.rps),
          joinErrors: j.errors,
          joinsPerSecondAlone: alone ? Math.round(alone.rps) : Math.round(j.rps),
          ofNoWatchers: alone ? j.rps / alone.rps : 1,
          fanOutP50Ms: fan?.p50 ?? null,
          fanOutP99Ms: fan?.p99 ?? null,
          memoryPerWatcherKb: memory === null ? null : round(memory),
          missedFinalCount: final ? final.missed + (fan?.late ?? 0) : null,
          connectFailures: c.failed,
        });
        await ask({ cmd: "close" });
      } finally {
        await t.stop(server);
      }
    }

    // The ceiling: the bare server with as many watchers as the largest level.
    const n = Math.max(...levels);
    const bare = await t.startBare(snapshot);
    let ceiling: BareLevel;
    try {
      await sleep(500);
      const before = rssKb(bare.pid!);
      const c = await ask<{ connected: number; failed: number }>({ cmd: "connect", port: t.barePort, path: "/events", n });
      await sleep(2_000);
      const memory = (rssKb(bare.pid!) - before) / c.connected;
      const fan = await probes(ask, () => ({ url: `http://127.0.0.1:${t.barePort}/publish`, headers: {} }));
      ceiling = { watchers: n, fanOutP50Ms: fan.p50, fanOutP99Ms: fan.p99, memoryPerWatcherKb: round(memory), late: fan.late };
      await ask({ cmd: "close" });
    } finally {
      await t.stop(bare);
    }
    return { levels: out, ceiling };
  } finally {
    child.kill();
  }
}
