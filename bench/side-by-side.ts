// The benchmark's side-by-side scenario (npm run bench; issue 17's "the join and the read
// themselves"): with one wrk thread, at 50 and then 100 connections, the bare Hono ceiling, the deal
// read (GET /api/deals/:id, signed out) and the join (POST commitments, each request a different
// signed-in user), each run right after the other, so every ratio compares figures of one run.
// The server and the ceiling are already running; only wrk loads the machine while each is measured.
// Beside requests a second, each run also reports the CPU time its server process spent per request
// (user + system, from /proc): on a machine other work keeps busy, throughput swings from run to
// run, while the CPU a request costs holds much steadier, and its ratio to the ceiling's is what the
// throughput ratio comes to when both are CPU-bound on a quiet machine.
import { readFileSync } from "node:fs";

export interface SideBySideTools {
  /** wrk with `script` against url at the given connections, one thread. */
  wrk(url: string, script: string, env: Record<string, string>, seconds: number, connections: number): { rps: number; errors: number; requests: number; p50Us: number; p99Us: number };
  ceilingUrl: string;
  base: string;
  /**
   * A deal of capacity 5,000 and threshold 1,000, fresh for every join run; `neverTips`: one of
   * threshold 1,000,000 and no capacity (no payment, no email), to warm up on and to measure the
   * join before the tip.
   */
  newJoinDeal(neverTips?: boolean): string;
  /** An open deal to read. */
  readDeal: string;
  /** Waits until the server's outbox has nothing due (what a tip left is sent); the seconds it took. */
  settle(): number;
  /** The server's notifications sent so far (to the development mailbox), and those still to send. */
  outbox(): { sent: number; waiting: number };
  /** A file of n fresh signed-in users' cookie lines. */
  users(n: number, prefix: string): string;
  ceilingPid: number;
  serverPid: number;
  /**
   * A second server for the same join that sends its email as production does: through the real
   * Resend transport, at its default pace (RESEND_MAX_RPS 2: 200 emails a second), to a fake Resend
   * in a process of its own, on a fresh copy of the seeded database. Started for each level and
   * stopped after it. Absent: not measured.
   */
  pacedServer?(): Promise<PacedServer>;
}

/** The server of the paced join: warmed and measured as the first one is. */
export interface PacedServer {
  base: string;
  pid: number;
  newJoinDeal(neverTips?: boolean): string;
  users(n: number, prefix: string): string;
  /** Emails the fake Resend has accepted so far. */
  emailsSent(): Promise<number>;
  /** Notifications waiting to be sent. */
  emailsWaiting(): number;
  stop(): Promise<void>;
}

/** CPU time (user + system) a process has used, in µs (Linux: /proc/<pid>/stat, in clock ticks of 10 ms). */
export function cpuUs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

export interface SideBySideRow {
  connections: number;
  ceiling: number;
  read: number;
  join: number;
  readOfCeiling: number;
  joinOfCeiling: number;
  readP99Ms: number;
  joinP99Ms: number;
  /**
   * The same joins on a deal that never tips (threshold 1,000,000): no payment and no email per
   * join, and none for the outbox to send meanwhile; what every join before a deal's tip costs.
   */
  joinBeforeTip: number;
  joinBeforeTipOfCeiling: number;
  /** Server CPU µs per request (user + system). */
  ceilingCpuUs: number;
  readCpuUs: number;
  joinCpuUs: number;
  joinBeforeTipCpuUs: number;
  /** The same join with email at Resend's pace (pacedJoin); null when not measured. */
  joinPaced: number | null;
  joinPacedOfCeiling: number | null;
  joinPacedCpuUs: number | null;
  joinPacedP99Ms: number | null;
  pacedEmailsSent: number | null;
  pacedEmailsWaiting: number | null;
  /**
   * The join row's own email (the development mailbox, at the dispatcher's share of the thread):
   * sent during the 5 s, left waiting at their end, and the seconds the rest took to go out after.
   */
  joinEmailsSent: number;
  joinEmailsWaiting: number;
  joinEmailsDrainS: number;
  errors: number;
}

/** Targets of issue 17, against the ceiling at 50 connections. */
export const SIDE_BY_SIDE_TARGETS = { join: 0.12, read: 0.35 };

const ms = (us: number) => Math.round(us / 10) / 100;

export async function sideBySide(t: SideBySideTools, levels: number[], seconds: number): Promise<SideBySideRow[]> {
  const rows: SideBySideRow[] = [];
  for (const connections of levels) {
    // Warm both processes at this concurrency first (the read, and joins on a deal that sends no
    // email): the JIT and the connection pool settle.
    t.wrk(t.ceilingUrl, "get.lua", {}, 1, connections);
    const warm = (s: Pick<PacedServer, "base" | "newJoinDeal" | "users">) => {
      t.wrk(`${s.base}/api/deals/${t.readDeal}`, "get.lua", {}, 1, connections);
      const warmPath = `/api/deals/${s.newJoinDeal(true)}/commitments`;
      t.wrk(`${s.base}${warmPath}`, "join.lua", { COOKIES: s.users(15_000, `warm-${connections}-`), JOIN_PATH: warmPath, THREADS: "1" }, 1, connections);
    };
    warm(t);
    const measured = (pid: number, run: () => ReturnType<SideBySideTools["wrk"]>) => {
      const before = cpuUs(pid);
      const result = run();
      return { ...result, cpuUs: (cpuUs(pid) - before) / Math.max(1, result.requests) };
    };
    const joins = (base: string, pid: number, dealId: string, cookies: string) => {
      const path = `/api/deals/${dealId}/commitments`;
      return measured(pid, () => t.wrk(`${base}${path}`, "join.lua", { COOKIES: cookies, JOIN_PATH: path, THREADS: "1" }, seconds, connections));
    };
    // More users than the fastest join could use; a request beyond them is refused and counted.
    const users = Math.ceil(seconds * 15_000);
    const c = measured(t.ceilingPid, () => t.wrk(t.ceilingUrl, "get.lua", {}, seconds, connections));
    const r = measured(t.serverPid, () => t.wrk(`${t.base}/api/deals/${t.readDeal}`, "get.lua", {}, seconds, connections));
    const dealId = t.newJoinDeal();
    const cookies = t.users(users, `side-${connections}-`);
    const sentBefore = t.outbox().sent;
    const j = joins(t.base, t.serverPid, dealId, cookies);
    const after = t.outbox();
    // The same users again, on a deal nobody can tip; after the outbox has sent what the tip left.
    const untipped = t.newJoinDeal(true);
    const drainS = t.settle();
    const u = joins(t.base, t.serverPid, untipped, cookies);
    // Last, with the first server idle: nothing of its outbox is left to send (settled above).
    let p: (ReturnType<typeof joins> & { emailsSent: number; emailsWaiting: number }) | null = null;
    if (t.pacedServer) {
      const s = await t.pacedServer();
      try {
        warm(s);
        const pacedDeal = s.newJoinDeal();
        const pacedCookies = s.users(users, `side-${connections}-`);
        const sentBefore = await s.emailsSent();
        const m = joins(s.base, s.pid, pacedDeal, pacedCookies);
        p = { ...m, emailsSent: (await s.emailsSent()) - sentBefore, emailsWaiting: s.emailsWaiting() };
      } finally {
        await s.stop();
      }
    }
    rows.push({
      connections,
      ceiling: Math.round(c.rps),
      read: Math.round(r.rps),
      join: Math.round(j.rps),
      readOfCeiling: r.rps / c.rps,
      joinOfCeiling: j.rps / c.rps,
      readP99Ms: ms(r.p99Us),
      joinP99Ms: ms(j.p99Us),
      joinBeforeTip: Math.round(u.rps),
      joinBeforeTipOfCeiling: u.rps / c.rps,
      ceilingCpuUs: Math.round(c.cpuUs),
      readCpuUs: Math.round(r.cpuUs),
      joinCpuUs: Math.round(j.cpuUs),
      joinBeforeTipCpuUs: Math.round(u.cpuUs),
      joinPaced: p && Math.round(p.rps),
      joinPacedOfCeiling: p && p.rps / c.rps,
      joinPacedCpuUs: p && Math.round(p.cpuUs),
      joinPacedP99Ms: p && ms(p.p99Us),
      pacedEmailsSent: p && p.emailsSent,
      pacedEmailsWaiting: p && p.emailsWaiting,
      joinEmailsSent: after.sent - sentBefore,
      joinEmailsWaiting: after.waiting,
      joinEmailsDrainS: Math.round(drainS * 10) / 10,
      errors: c.errors + r.errors + j.errors + u.errors + (p?.errors ?? 0),
    });
  }
  return rows;
}

export function printSideBySide(rows: SideBySideRow[]): void {
  console.log("\n| 1 wrk thread | ceiling req/s | deal read req/s | of ceiling | join req/s | of ceiling | read p99 ms | join p99 ms | join before the tip req/s | of ceiling | errors |");
  console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of rows) {
    console.log(
      `| ${r.connections} connections | ${r.ceiling} | ${r.read} | ${r.readOfCeiling.toFixed(3)}× | ${r.join} | ${r.joinOfCeiling.toFixed(3)}× | ${r.readP99Ms} | ${r.joinP99Ms} | ${r.joinBeforeTip} | ${r.joinBeforeTipOfCeiling.toFixed(3)}× | ${r.errors} |`,
    );
  }
  console.log(`(targets at 50 connections: deal read ≥ ${SIDE_BY_SIDE_TARGETS.read}×, join ≥ ${SIDE_BY_SIDE_TARGETS.join}×)`);
  console.log("\n| 1 wrk thread | the join's email (development mailbox): sent during the join | left waiting at its end | sent after, in s |");
  console.log("|---:|---:|---:|---:|");
  for (const r of rows) console.log(`| ${r.connections} connections | ${r.joinEmailsSent} | ${r.joinEmailsWaiting} | ${r.joinEmailsDrainS} |`);
  if (rows.some((r) => r.joinPaced != null)) {
    console.log("\n| 1 wrk thread | join, email through Resend at its pace, req/s | of ceiling | p99 ms | server CPU µs a join | ceiling ÷ it | emails sent meanwhile | left waiting |");
    console.log("|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (const r of rows) {
      if (r.joinPaced == null) continue;
      console.log(
        `| ${r.connections} connections | ${r.joinPaced} | ${r.joinPacedOfCeiling!.toFixed(3)}× | ${r.joinPacedP99Ms} | ${r.joinPacedCpuUs} | ${(r.ceilingCpuUs / r.joinPacedCpuUs!).toFixed(3)}× | ${r.pacedEmailsSent} | ${r.pacedEmailsWaiting} |`,
      );
    }
  }
  console.log("\n| 1 wrk thread | server CPU µs per request: ceiling | deal read | ceiling ÷ read | join | ceiling ÷ join | join before the tip | ceiling ÷ it |");
  console.log("|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of rows) {
    console.log(
      `| ${r.connections} connections | ${r.ceilingCpuUs} | ${r.readCpuUs} | ${(r.ceilingCpuUs / r.readCpuUs).toFixed(3)}× | ${r.joinCpuUs} | ${(r.ceilingCpuUs / r.joinCpuUs).toFixed(3)}× | ${r.joinBeforeTipCpuUs} | ${(r.ceilingCpuUs / r.joinBeforeTipCpuUs).toFixed(3)}× |`,
    );
  }
}
