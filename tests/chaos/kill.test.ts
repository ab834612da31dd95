// Kill -9 chaos. The real server runs as a child process (`node --import tsx api/node.ts`) on a
// SQLite file, sending email through the Resend SDK to a fake Resend server in this process.
// 500 users join one deal over HTTP while a killer SIGKILLs the server at random moments, at
// least 20 times, some of them right after the fake has accepted a batch of confirmation emails
// and before the server heard the answer; each kill is followed by a restart on the same file.
// At the end, after the outbox has drained: no commitment lost or duplicated, the deal's counters
// equal the sums over its commitments, active seats within the capacity and given first come
// first served, the deal confirmed exactly once, and exactly one deal-confirmed email for every
// active participant and the initiator, none for the waitlist.
//
// It takes minutes, so it is not part of `npm test`: `npm run test:chaos` (and .ci/run) runs it.
// Most of the time is the restarts (about 2.5 s each) and the claim lease: a batch cut off by a
// kill is retried when its lease runs out (CLAIM_LEASE_MS, 120 s), by design.
// Traffic goes only to 127.0.0.1; every loop is bounded in count and time.
import { mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../../api/db/migrate.ts";
import { CLAIM_LEASE_MS } from "../../api/outbox/claim.ts";
import { startFakeResend, type FakeResend } from "../setup/fake-resend.ts";
import { freePort } from "../setup/ports.ts";
import { seededRandom } from "../setup/random.ts";
import { ServerProcess, userMaker } from "./server-process.ts";

const USERS = 500;
const THRESHOLD = 100;
const CAPACITY = 300;
const MAX_SEATS = 3;
const MIN_KILLS = 20;
const MAX_KILLS = 40;
/** Joins in flight at once, and the pause each joiner takes between users: spreads the joins over many kills. */
const JOINERS = 6;
const PACE_MS: [number, number] = [100, 400];
/** How long the server lives before a random kill, and how long a kill may wait for an email batch. */
const UPTIME_MS: [number, number] = [100, 1500];
const KILL_PHASE_BUDGET_MS = 4 * 60_000;
const DRAIN_BUDGET_MS = CLAIM_LEASE_MS + 90_000;
/** Each email call takes this long at the fake after delivering, so a kill can land in between. */
const FAKE_LATENCY_MS = 60;
const SEED = Number(process.env.CHAOS_SEED ?? Date.now() % 1_000_000);

const rng = seededRandom(SEED);
const between = ([lo, hi]: [number, number]) => lo + Math.floor(rng() * (hi - lo));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Seeded {
  initiator: { id: string; email: string; cookie: string };
  users: { id: string; email: string; cookie: string; seats: number }[];
}

/** A migrated database file with the initiator and the joiners, each with a session. */
function seed(file: string): Seeded {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  applyMigrations(db);
  const make = userMaker(db);
  const out = db.transaction((): Seeded => {
    const initiator = make("initiator@chaos.example", "Ines Initiator", "en");
    const locales = ["en", "nl", "de"];
    const users = Array.from({ length: USERS }, (_, i) => ({
      ...make(`joiner${i}@chaos.example`, `Joiner ${i}`, locales[i % 3]!),
      seats: 1 + Math.floor(rng() * MAX_SEATS),
    }));
    return { initiator, users };
  })();
  db.close();
  return out;
}

const work = join(tmpdir(), `quorum-chaos-${process.pid}`);
let fake: FakeResend | undefined;
let server: ServerProcess | undefined;

afterAll(async () => {
  await server?.kill();
  await fake?.close();
  rmSync(work, { recursive: true, force: true });
});

describe("kill -9 at random moments", () => {
  it(
    `keeps every promise while ${USERS} users join and the confirmations fan out`,
    { timeout: KILL_PHASE_BUDGET_MS + DRAIN_BUDGET_MS + 120_000 },
    async () => {
      const started = Date.now();
      rmSync(work, { recursive: true, force: true });
      mkdirSync(work, { recursive: true });
      const file = join(work, "chaos.db");
      const { initiator, users } = seed(file);

      fake = await startFakeResend({ rateLimitPerSecond: 1000, faults: { latencyMs: FAKE_LATENCY_MS } });
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      server = new ServerProcess(
        {
          // Not production, which refuses RATE_LIMITS=off; with RESEND_API_KEY set it is no development mode either.
          NODE_ENV: "test",
          HOST: "127.0.0.1",
          PORT: String(port),
          APP_URL: base,
          DATABASE_URL: `file:${file}`,
          RATE_LIMITS: "off",
          SWEEP_INTERVAL_MS: "200",
          LOG_LEVEL: "warn",
          RESEND_API_KEY: fake.apiKey,
          RESEND_BASE_URL: fake.url,
          RESEND_MAX_RPS: "1000",
          MAIL_FROM: "Quorum <deals@quorum-chaos.example.com>",
        },
        join(work, "server.log"),
        base,
      );
      const srv = server;
      await srv.start();

      // The deal, proposed over HTTP by its initiator.
      const proposed = await fetch(`${base}/api/deals`, {
        method: "POST",
        headers: { cookie: initiator.cookie, "content-type": "application/json" },
        body: JSON.stringify({
          kind: "trip",
          title: "Chaos charter to Lisbon",
          description: "A plane that flies if 100 seats are booked; it holds 300.",
          destination: "Lisbon",
          departsOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
          returnsOn: new Date(Date.now() + 34 * 86_400_000).toISOString().slice(0, 10),
          // Free: this test counts deal-confirmed emails only; paying under kills is kill-payments.test.ts.
          pricePerSeatCents: 0,
          currency: "EUR",
          threshold: THRESHOLD,
          capacity: CAPACITY,
          maxSeatsPerCommitment: MAX_SEATS,
          deadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        }),
      });
      expect(proposed.status, await proposed.clone().text()).toBe(201);
      const dealId = ((await proposed.json()) as { deal: { id: string } }).deal.id;

      // ── the joiners ──
      type Outcome = { kind: "created"; status: string; commitmentId: string } | { kind: "already" } | { kind: "refused"; status: number; text: string };
      const outcomes = new Map<string, Outcome>();
      const stats = { requests: 0, refused: 0, cutOff: 0, retried409: 0, unavailable503: 0, inFlight: 0 };
      /** Set by the killer when it waits for the next join request. */
      let onJoinSent: ((userId: string) => void) | null = null;
      const joinDeadline = started + KILL_PHASE_BUDGET_MS + 60_000;
      /** Set when the killer failed (a restart that did not come up): the joiners give up too. */
      let abandon = false;

      async function joinOne(u: Seeded["users"][number]): Promise<void> {
        let lost = 0;
        for (let attempt = 1; attempt <= 400 && Date.now() < joinDeadline && !abandon; attempt++) {
          stats.requests++;
          stats.inFlight++;
          onJoinSent?.(u.id);
          let status: number;
          let text: string;
          try {
            const res = await fetch(`${base}/api/deals/${dealId}/commitments`, {
              method: "POST",
              headers: { cookie: u.cookie, "content-type": "application/json" },
              body: JSON.stringify({ seats: u.seats }),
              signal: AbortSignal.timeout(10_000),
            });
            status = res.status;
            text = await res.text();
          } catch (e) {
            // Refused (the server is down), or cut off: the join may or may not have happened.
            lost++;
            if ((e as { cause?: { code?: string } }).cause?.code === "ECONNREFUSED") stats.refused++;
            else stats.cutOff++;
            await sleep(between([50, 150]));
            continue;
          } finally {
            stats.inFlight--;
          }
          let body: { commitment?: { id: string; status: string }; error?: { code: string } } = {};
          try {
            body = JSON.parse(text) as typeof body;
          } catch {
            // not JSON: recorded as refused below
          }
          if (status === 201 && body.commitment) {
            outcomes.set(u.id, { kind: "created", status: body.commitment.status, commitmentId: body.commitment.id });
            return;
          }
          if (status === 409 && body.error?.code === "ALREADY_COMMITTED" && lost > 0) {
            // An earlier answer was lost and that request had gone through.
            stats.retried409++;
            outcomes.set(u.id, { kind: "already" });
            return;
          }
          if (status === 503 && body.error?.code === "DATABASE_UNAVAILABLE") {
            stats.unavailable503++;
            await sleep(between([50, 150]));
            continue;
          }
          outcomes.set(u.id, { kind: "refused", status, text: text.slice(0, 300) });
          return;
        }
      }

      const queue = [...users];
      let joinsDone = false;
      const joining = Promise.all(
        Array.from({ length: JOINERS }, async () => {
          for (let u = queue.shift(); u; u = queue.shift()) {
            await joinOne(u);
            await sleep(between(PACE_MS));
          }
        }),
      ).finally(() => {
        joinsDone = true;
      });

      // ── the killer ──
      const kills = { total: 0, duringJoin: 0, duringEmailCall: 0, afterDelivery: 0, midJoin: 0, afterCommit: 0, idle: 0 };
      // The killer's own view of the database, to kill right after a join's batch committed.
      const watch = new Database(file, { readonly: true });
      const committed = watch.prepare(`SELECT 1 FROM "Commitment" WHERE "dealId" = ? AND "userId" = ?`);
      const killPhaseEnd = started + KILL_PHASE_BUDGET_MS;
      let killerError: unknown = null;
      const killing = (async () => {
        while ((kills.total < MIN_KILLS || !joinsDone) && kills.total < MAX_KILLS && Date.now() < killPhaseEnd) {
          let delivered = false;
          let midJoin = false;
          let afterCommit = false;
          const mode = rng();
          if (mode < 1 / 3) {
            // Right after the fake accepted a batch, while its answer is still on the way.
            const n = fake!.delivered().length;
            delivered = await fake!.waitForDelivered(n + 1, { timeoutMs: between(UPTIME_MS) + 500 }).then(
              () => true,
              () => false,
            );
          } else if (mode < 2 / 3 && !joinsDone) {
            // A few milliseconds after a join was sent: before, during or just after its batch.
            const sent = await new Promise<string | null>((resolve) => {
              onJoinSent = resolve;
              setTimeout(() => resolve(null), 3_000);
            });
            onJoinSent = null;
            midJoin = sent !== null;
            if (sent && rng() < 0.5) {
              // Right after its batch committed, before the answer is written: look for the row
              // at every turn of the event loop, and kill as soon as it is there.
              const until = performance.now() + 50;
              while (!afterCommit && performance.now() < until) {
                await new Promise((r) => setImmediate(r));
                try {
                  afterCommit = committed.get(dealId, sent) !== undefined;
                } catch {
                  // the database is busy for a moment; look again
                }
              }
              srv.child?.kill("SIGKILL");
            } else {
              await sleep(between([0, 12]));
            }
          } else {
            await sleep(between(UPTIME_MS));
          }
          const emailCall = fake!.calls().some((c) => c.status === null);
          const joinsInFlight = stats.inFlight > 0;
          await srv.kill();
          kills.total++;
          if (delivered) kills.afterDelivery++;
          if (midJoin) kills.midJoin++;
          if (afterCommit) kills.afterCommit++;
          if (emailCall) kills.duringEmailCall++;
          if (joinsInFlight) kills.duringJoin++;
          if (!emailCall && !joinsInFlight) kills.idle++;
          await srv.start();
        }
      })().catch((e: unknown) => {
        killerError = e;
        abandon = true;
      });

      await Promise.all([joining, killing]);
      watch.close();
      if (killerError) throw killerError;
      const killPhaseMs = Date.now() - started;

      // ── drain: the server stays up; cut-off batches come back when their lease runs out ──
      const drainStart = Date.now();
      let outbox = { pending: -1, sent: 0, failed: 0 };
      // The outbox counts, read from the database file as api/outbox/dispatch.ts counts them
      // (pending includes sending); /api/health no longer publishes them.
      const readOutbox = () => {
        const db = new Database(file, { readonly: true });
        try {
          const rows = db.prepare(`SELECT "state", COUNT(*) AS "n" FROM "Notification" GROUP BY "state"`).all() as { state: string; n: number }[];
          const count = (state: string) => rows.find((r) => r.state === state)?.n ?? 0;
          return { pending: count("pending") + count("sending"), sent: count("sent"), failed: count("failed") };
        } finally {
          db.close();
        }
      };
      while (Date.now() - drainStart < DRAIN_BUDGET_MS) {
        try {
          outbox = readOutbox();
          if (outbox.pending === 0) break;
        } catch {
          // the database is busy; ask again
        }
        await sleep(500);
      }
      const drainMs = Date.now() - drainStart;
      const exitCode = await srv.stop();

      // ── what the database holds ──
      const db = new Database(file, { readonly: true });
      const deal = db.prepare(`SELECT * FROM "Deal" WHERE "id" = ?`).get(dealId) as Record<string, any>;
      const commitments = db
        .prepare(`SELECT "id", "userId", "seats", "status", "position" FROM "Commitment" WHERE "dealId" = ? ORDER BY "position"`)
        .all(dealId) as { id: string; userId: string; seats: number; status: string; position: number }[];
      const notifications = db
        .prepare(`SELECT "key", "kind", "userId", "toEmail", "state" FROM "Notification" WHERE "dealId" = ?`)
        .all(dealId) as { key: string; kind: string; userId: string; toEmail: string; state: string }[];
      db.close();

      // ── what the fake Resend received ──
      const emails = fake.delivered();
      const keyOf = (e: (typeof emails)[number]) => {
        const kind = e.tags.find((t) => t.name === "kind")?.value ?? "?";
        const deal = /\/deals\/([^/\s"]+)/.exec(e.text ?? "")?.[1] ?? "?";
        return `${kind}|${deal}|${e.to.join(",")}`;
      };
      const perKey = new Map<string, number>();
      for (const e of emails) perKey.set(keyOf(e), (perKey.get(keyOf(e)) ?? 0) + 1);
      const duplicates = emails.length - perKey.size;
      const calls = fake.calls();

      const byUser = new Map(commitments.map((c) => [c.userId, c]));
      const active = commitments.filter((c) => c.status === "active");
      const waitlisted = commitments.filter((c) => c.status === "waitlisted");
      const sum = (cs: { seats: number }[]) => cs.reduce((s, c) => s + c.seats, 0);
      const emailOf = new Map([[initiator.id, initiator.email], ...users.map((u) => [u.id, u.email] as const)]);
      const created = [...outcomes.values()].filter((o) => o.kind === "created").length;

      console.log(
        [
          `\nkill -9 chaos (seed ${SEED}):`,
          `  restarts survived: ${kills.total} kills, ${srv.starts} starts; kills during a join ${kills.duringJoin} (${kills.midJoin} aimed at one, ${kills.afterCommit} right after its commit), during an email call ${kills.duringEmailCall} (${kills.afterDelivery} right after the fake accepted a batch), idle ${kills.idle}`,
          `  joins: ${outcomes.size}/${USERS} answered (${created} × 201, ${stats.retried409} × 409 ALREADY_COMMITTED after a lost answer); ${stats.requests} requests, ${stats.cutOff} cut off by a kill and ${stats.refused} refused while down, all retried; ${stats.unavailable503} × 503`,
          `  commitments: ${commitments.length} (${active.length} active, ${sum(active)} seats of ${CAPACITY}; ${waitlisted.length} waitlisted, ${sum(waitlisted)} seats); deal ${deal.status}`,
          `  emails: ${emails.length} delivered in ${calls.filter((c) => c.outcome === "ok").length} accepted calls, ${calls.filter((c) => c.outcome === "replayed").length} replays of an accepted call; duplicates ${duplicates}`,
          `  time: ${Math.round(killPhaseMs / 1000)} s of kills and joins, ${Math.round(drainMs / 1000)} s for the outbox to drain, ${Math.round((Date.now() - started) / 1000)} s in all`,
        ].join("\n"),
      );

      // The chaos happened as intended.
      expect(kills.total).toBeGreaterThanOrEqual(MIN_KILLS);
      expect(kills.duringJoin, "kills while joins were in flight").toBeGreaterThan(0);
      expect(kills.duringEmailCall, "kills while an email batch was at the fake").toBeGreaterThan(0);
      expect(exitCode, `the last server did not stop cleanly:\n${srv.logTail()}`).toBe(0);
      expect({ pending: outbox.pending, failed: outbox.failed }, "the outbox drained").toEqual({ pending: 0, failed: 0 });

      // No commitment lost or duplicated: every user got a definitive yes, and has exactly one row
      // with the seats they asked for (and the status they were told, when they heard it).
      const refused = [...outcomes.entries()].filter(([, o]) => o.kind === "refused");
      expect(refused, "joins refused").toEqual([]);
      expect(outcomes.size, "joins answered").toBe(USERS);
      expect(commitments.length).toBe(USERS);
      expect(new Set(commitments.map((c) => c.userId)).size).toBe(USERS);
      for (const u of users) {
        const row = byUser.get(u.id);
        expect(row, `${u.email} was told yes and has no commitment`).toBeDefined();
        expect(row!.seats, u.email).toBe(u.seats);
        const o = outcomes.get(u.id)!;
        if (o.kind === "created") expect([row!.id, row!.status], u.email).toEqual([o.commitmentId, o.status]);
      }

      // Never oversell; first come, first served; the counters equal the sums.
      expect(sum(active)).toBeLessThanOrEqual(CAPACITY);
      let running = 0;
      for (const c of commitments) {
        const fits = running + c.seats <= CAPACITY;
        expect(c.status, `position ${c.position}: ${c.seats} seats with ${running} active before it`).toBe(fits ? "active" : "waitlisted");
        if (fits) running += c.seats;
      }
      expect(commitments.map((c) => c.position)).toEqual(commitments.map((_, i) => i + 1));
      expect({
        seatsCommitted: deal.seatsCommitted,
        seatsWaitlisted: deal.seatsWaitlisted,
        participantCount: deal.participantCount,
        nextPosition: deal.nextPosition,
      }).toEqual({
        seatsCommitted: sum(active),
        seatsWaitlisted: sum(waitlisted),
        participantCount: USERS,
        nextPosition: USERS + 1,
      });

      // Confirmed exactly once, by the commitment that brought active seats to the threshold.
      let reached = 0;
      const tipping = commitments.find((c) => c.status === "active" && (reached += c.seats) >= THRESHOLD);
      expect(deal.status).toBe("confirmed");
      expect(deal.confirmedAt).not.toBeNull();
      expect(deal.confirmedByCommitmentId).toBe(tipping!.id);

      // Everyone heard exactly once: one deal-confirmed notification, sent, and one email, for
      // every active participant and the initiator; nothing for the waitlist; nothing else.
      const expected = [initiator.email, ...active.map((c) => emailOf.get(c.userId)!)].sort();
      expect(notifications.filter((n) => n.kind !== "deal-confirmed")).toEqual([]);
      expect(notifications.filter((n) => n.state !== "sent")).toEqual([]);
      expect(notifications.map((n) => n.toEmail).sort()).toEqual(expected);
      expect(duplicates, "duplicate emails").toBe(0);
      expect(outbox.sent, "notifications sent").toBe(emails.length);
      expect(emails.map((e) => keyOf(e).split("|")[0]).filter((k) => k !== "deal-confirmed")).toEqual([]);
      expect(emails.map((e) => e.to.join(",")).sort()).toEqual(expected);
      const waitlistedEmails = new Set(waitlisted.map((c) => emailOf.get(c.userId)));
      expect(emails.filter((e) => e.to.some((to) => waitlistedEmails.has(to)))).toEqual([]);
      expect(emails.every((e) => keyOf(e).split("|")[1] === dealId)).toBe(true);
    },
  );
});
