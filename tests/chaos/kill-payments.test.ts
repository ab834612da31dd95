// Kill -9 chaos while people pay. The real server runs as a child process on a SQLite file, with
// Stripe's API and webhooks played by the fake Stripe server in this process (driven only through
// the real SDK). A priced deal confirms and asks its participants to pay; then each participant
// asks where to pay while a killer SIGKILLs the server right after the fake has answered a
// Checkout Session request (before the server could write it down), and at random; some answers
// are dropped by the fake after it created the session (the SDK retries with the same key). Then
// everyone pays at the fake and the signed webhooks are delivered, each twice, under more kills
// (mid-webhook), retried until answered as Stripe retries. At the end: every participant was
// given one Checkout Session (the idempotency key made every retry the same session), every
// payment is paid exactly once, and exactly one receipt went out per payment.
//
// Part of `npm run test:chaos` (vitest.chaos.config.ts). Traffic only to 127.0.0.1.
import { mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../../api/db/migrate.ts";
import { startFakeStripe, type FakeStripe } from "../setup/fake-stripe.ts";
import { postEvent } from "../setup/fake-stripe-events.ts";
import { freePort } from "../setup/ports.ts";
import { seededRandom } from "../setup/random.ts";
import { ServerProcess, userMaker } from "./server-process.ts";

const PAYERS = 40;
const MIN_KILLS = 10;
const SEED = Number(process.env.CHAOS_SEED ?? Date.now() % 1_000_000);
const rng = seededRandom(SEED);
const between = ([lo, hi]: [number, number]) => lo + Math.floor(rng() * (hi - lo));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Person = { id: string; email: string; cookie: string };

function seed(file: string): { initiator: Person; payers: Person[] } {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  applyMigrations(db);
  const maker = userMaker(db);
  const make = (email: string): Person => maker(email, email.split("@")[0]!, "en");
  const out = db.transaction(() => ({ initiator: make("initiator@pay-chaos.example"), payers: Array.from({ length: PAYERS }, (_, i) => make(`payer${i}@pay-chaos.example`)) }))();
  db.close();
  return out;
}

/** POSTs until the server answers (it may be down or killed mid-request); answers status and body. */
async function until(base: string, path: string, init: RequestInit, deadline: number): Promise<{ status: number; json: any }> {
  while (Date.now() < deadline) {
    try {
      const res = await fetch(base + path, { ...init, signal: AbortSignal.timeout(10_000) });
      const text = await res.text();
      if (res.status < 500) return { status: res.status, json: text ? JSON.parse(text) : null };
    } catch {
      // refused while down, or cut off by a kill: the request may or may not have happened
    }
    await sleep(between([50, 150]));
  }
  throw new Error(`no answer for ${path}`);
}

const work = join(tmpdir(), `quorum-pay-chaos-${process.pid}`);
let fake: FakeStripe | undefined;
let server: ServerProcess | undefined;

afterAll(async () => {
  await server?.kill();
  await fake?.close();
  rmSync(work, { recursive: true, force: true });
});

describe("kill -9 while people pay", () => {
  it(`loses nothing and charges nobody twice: ${PAYERS} payers, sessions and webhooks under kills`, { timeout: 8 * 60_000 }, async () => {
    const started = Date.now();
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    const file = join(work, "pay-chaos.db");
    const { initiator, payers } = seed(file);
    fake = await startFakeStripe();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const hook = `${base}/api/webhooks/stripe`;
    server = new ServerProcess(
      {
        NODE_ENV: "test",
        HOST: "127.0.0.1",
        PORT: String(port),
        APP_URL: base,
        DATABASE_URL: `file:${file}`,
        RATE_LIMITS: "off",
        SWEEP_INTERVAL_MS: "200",
        LOG_LEVEL: "warn",
        STRIPE_SECRET_KEY: fake.secretKey,
        STRIPE_WEBHOOK_SECRET: fake.webhookSecret,
        STRIPE_API_BASE: fake.apiBase,
      },
      join(work, "server.log"),
      base,
    );
    const srv = server;
    await srv.start();
    const json = (cookie: string, body?: unknown): RequestInit => ({
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const deadline = started + 6 * 60_000;

    // A priced deal that every payer joins: confirmed, each asked to pay.
    const proposed = await until(base, "/api/deals", json(initiator.cookie, {
      kind: "deal",
      title: "Paid under fire",
      pricePerSeatCents: 29500,
      threshold: PAYERS,
      deadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    }), deadline);
    const dealId: string = proposed.json.deal.id;
    for (const p of payers) expect((await until(base, `/api/deals/${dealId}/commitments`, json(p.cookie, { seats: 1 }), deadline)).status).toBe(201);

    // ── Phase 1: asking where to pay, under kills aimed between Stripe's answer and the write ──
    const kills = { afterStripeAnswered: 0, droppedAnswers: 0, random: 0, midWebhook: 0 };
    let stop = false;
    const createCalls = () => fake!.calls().filter((c) => c.method === "POST" && c.path === "/v1/checkout/sessions" && c.outcome === "ok").length;
    const killer = (async () => {
      while (!stop) {
        const seen = createCalls();
        const waitUntil = Date.now() + between([200, 1200]);
        while (!stop && createCalls() === seen && Date.now() < waitUntil) await sleep(2);
        if (stop) break;
        if (createCalls() > seen) kills.afterStripeAnswered++;
        else kills.random++;
        if (rng() < 0.3) {
          fake!.failNext(1, { drop: "after" });
          kills.droppedAnswers++;
        }
        await srv.kill();
        await srv.start();
      }
    })();
    const urls = new Map<string, string[]>();
    await Promise.all(
      payers.map(async (p) => {
        // Each asks twice, as a person clicking "Pay now" again after a failure would.
        for (let i = 0; i < 2; i++) {
          await sleep(between([0, 10_000]));
          const res = await until(base, `/api/deals/${dealId}/payment`, json(p.cookie), deadline);
          expect(res.status, JSON.stringify(res.json)).toBe(200);
          urls.set(p.id, [...(urls.get(p.id) ?? []), res.json.url]);
        }
      }),
    );
    stop = true;
    await killer;

    // ── Phase 2: everyone pays; each webhook is delivered twice, under kills (mid-webhook) ──
    const sessionOf = new Map(fake.sessions().map((s) => [s.url, s]));
    let stopKilling = false;
    const killer2 = (async () => {
      while (!stopKilling) {
        await sleep(between([300, 1500]));
        if (stopKilling) break;
        kills.midWebhook++;
        await srv.kill();
        await srv.start();
      }
    })();
    let deliveries = 0;
    await Promise.all(
      payers.map(async (p) => {
        const session = sessionOf.get(urls.get(p.id)![0]!)!;
        fake!.complete(session.id);
        const event = fake!.events().find((e) => e.type === "checkout.session.completed" && e.data.object.id === session.id)!;
        for (let i = 0; i < 2; i++) {
          // Stripe retries until it hears a 2xx.
          for (let status = 0; status !== 200 && Date.now() < deadline; ) {
            await sleep(between([0, 4000]));
            const signed = fake!.signedPayload(event);
            status = await postEvent(hook, signed.body, signed.header);
            deliveries++;
          }
        }
      }),
    );
    stopKilling = true;
    await killer2;
    const exitCode = await srv.stop();

    const db = new Database(file, { readonly: true });
    const payments = db.prepare(`SELECT * FROM "Payment" WHERE "dealId" = ?`).all(dealId) as { id: string; userId: string; status: string; stripeSessionId: string }[];
    const receipts = db.prepare(`SELECT * FROM "Notification" WHERE "kind" = 'payment-received'`).all() as { subjectId: string }[];
    const dues = db.prepare(`SELECT * FROM "Notification" WHERE "kind" = 'payment-due'`).all() as { subjectId: string }[];
    const events = (db.prepare(`SELECT COUNT(*) AS n FROM "WebhookEvent"`).get() as { n: number }).n;
    db.close();
    const sessionsPerPayment = new Map<string, Set<string>>();
    for (const s of fake.sessions()) {
      const id = s.metadata?.paymentId ?? "";
      sessionsPerPayment.set(id, new Set([...(sessionsPerPayment.get(id) ?? []), s.id]));
    }
    const hourCrossed = Math.floor(started / 3_600_000) !== Math.floor(Date.now() / 3_600_000);
    const paidSessions = fake.sessions().filter((s) => s.payment_status === "paid");

    console.log(
      [
        `\nkill -9 while paying (seed ${SEED}): ${srv.starts} starts`,
        `  kills: ${kills.afterStripeAnswered} right after Stripe answered a session request, ${kills.random} at random while sessions were asked, ${kills.droppedAnswers} answers dropped by Stripe after creating the session, ${kills.midWebhook} while webhooks were delivered`,
        `  sessions: ${fake.sessions().length} for ${payments.length} payments (${createCalls()} create calls answered, ${fake.calls().filter((c) => c.outcome === "replayed").length} idempotent replays); ${paidSessions.length} paid`,
        `  webhooks: ${deliveries} deliveries of ${PAYERS} events; ${events} handled; receipts ${receipts.length}`,
        `  time: ${Math.round((Date.now() - started) / 1000)} s`,
      ].join("\n"),
    );

    expect(kills.afterStripeAnswered + kills.random + kills.midWebhook).toBeGreaterThanOrEqual(MIN_KILLS);
    expect(kills.afterStripeAnswered, "kills right after Stripe answered").toBeGreaterThan(0);
    expect(exitCode, `the last server did not stop cleanly:\n${srv.logTail()}`).toBe(0);
    // Nothing lost: one payment per payer, asked once, each paid.
    expect(payments).toHaveLength(PAYERS);
    expect(new Set(dues.map((n) => n.subjectId))).toEqual(new Set(payments.map((p) => p.id)));
    expect(dues).toHaveLength(PAYERS);
    expect(payments.every((p) => p.status === "paid")).toBe(true);
    // Nobody charged twice: every answer a payer got named the same session, the one on record,
    // and Stripe made one session per payment (two only if the clock crossed an hour: a new key).
    for (const p of payments) {
      const got = urls.get(p.userId)!;
      expect(new Set(got).size, `payer ${p.userId} was given ${got.length} different sessions`).toBe(1);
      expect(sessionOf.get(got[0]!)!.id).toBe(p.stripeSessionId);
      expect(sessionsPerPayment.get(p.id)!.size).toBeLessThanOrEqual(hourCrossed ? 2 : 1);
    }
    expect(paidSessions).toHaveLength(PAYERS);
    // Each event handled once; one receipt per payment.
    expect(events).toBe(PAYERS);
    expect(receipts.map((r) => r.subjectId).sort()).toEqual(payments.map((p) => p.id).sort());
  });
});
