// Paying at the tip on Cloudflare Workers with D1, under workerd (`wrangler dev`), in development
// mode without Stripe: 200 simultaneous joins confirm a priced deal and each active commitment
// gets exactly one payment and one payment-due; the development checkout pays through the
// webhook's code; the sweep lapses the unpaid by the clock, in D1 batches.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalWorker, type LocalWorker } from "./wrangler.ts";
import { client, signInAll } from "./client.ts";

const HOUR = 3_600_000;

describe("paying at the tip on Workers with D1", () => {
  let worker: LocalWorker;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    worker = await startLocalWorker({ NODE_ENV: "development", RATE_LIMITS: "off" });
    api = client(worker.url, worker.output);
  }, 90_000);
  afterAll(() => worker?.stop());

  const signIn = (count: number) =>
    signInAll(api, Array.from({ length: count }, (_, i) => `p${i}-${Date.now()}@example.com`)).then((sessions) =>
      sessions.map((s) => ({ cookie: s.cookie, email: s.user.email })),
    );

  it("200 simultaneous joins: one payment and one payment-due each; the checkout pays once; the unpaid lapse", async () => {
    const t0 = Date.now();
    const mark = (what: string) => console.log(`workers payments: ${what} at ${Math.round((Date.now() - t0) / 1000)} s`);
    const [initiator, ...users] = await signIn(201);
    mark("signed in");
    const deal = (
      await api("POST", "/api/deals", {
        cookie: initiator!.cookie,
        body: { kind: "deal", title: "Paid on D1", pricePerSeatCents: 2500, threshold: 150, deadline: new Date(Date.now() + 30 * 24 * HOUR).toISOString() },
      })
    ).json.deal;
    const started = Date.now();
    const answers = await Promise.all(users.map((u) => api("POST", `/api/deals/${deal.id}/commitments`, { cookie: u.cookie, body: { seats: 1 } })));
    const ms = Date.now() - started;
    expect(answers.map((a) => a.status)).toEqual(Array(200).fill(201));
    mark("joined");

    const listed = await api("GET", `/api/deals/${deal.id}/participants`, { cookie: initiator!.cookie });
    expect(listed.status, JSON.stringify(listed.json).slice(0, 300)).toBe(200);
    const list = listed.json.items as {
      email: string;
      status: string;
      payment: { status: string; amountCents: number } | null;
    }[];
    expect(list).toHaveLength(200);
    expect(list.every((p) => p.status === "active" && p.payment?.status === "due" && p.payment.amountCents === 2500)).toBe(true);

    for (let i = 0; i < 5; i++) await api("POST", "/api/dev/sweep");
    mark("dispatched");
    const due = ((await api("GET", "/api/dev/mailbox?limit=500")).json.items as { kind: string; to: string; subject: string }[]).filter(
      (m) => m.kind === "payment-due" && m.subject.includes("Paid on D1"),
    );
    expect(due).toHaveLength(200);
    expect(new Set(due.map((m) => m.to))).toEqual(new Set(users.map((u) => u.email)));
    console.log(`D1: 200 simultaneous joins of a priced deal: 200 payments, 200 payment-due, ${ms} ms`);

    // The first participant pays at the development checkout; twice is once.
    const start = await api("POST", `/api/deals/${deal.id}/payment`, { cookie: users[0]!.cookie });
    const paymentId = String(start.json.url).split("/").at(-1)!;
    expect(start.json.url).toBe(`/dev/checkout/${paymentId}`);
    for (let i = 0; i < 2; i++) {
      expect((await api("POST", `/api/dev/payments/${paymentId}`, { body: { outcome: "paid" } })).json.status).toBe("paid");
    }

    mark("paid");
    // Past the window: the 199 unpaid lapse in the sweep; the deal stays confirmed.
    await api("POST", "/api/dev/clock", { body: { offsetMs: 73 * HOUR } });
    await api("POST", "/api/dev/sweep");
    mark("lapsed");
    const read = (await api("GET", `/api/deals/${deal.id}`)).json.deal;
    expect(read).toMatchObject({ status: "confirmed", seatsCommitted: 1 });
    const after = (await api("GET", `/api/deals/${deal.id}/participants`, { cookie: initiator!.cookie })).json.items as {
      status: string;
      payment: { status: string } | null;
    }[];
    expect(after.filter((p) => p.payment?.status === "paid")).toHaveLength(1);
    expect(after.filter((p) => p.status === "lapsed" && p.payment?.status === "lapsed")).toHaveLength(199);
    for (let i = 0; i < 5; i++) await api("POST", "/api/dev/sweep");
    const mail = (await api("GET", "/api/dev/mailbox?limit=500")).json.items as { kind: string }[];
    expect(mail.filter((m) => m.kind === "payment-received")).toHaveLength(1);
    await api("POST", "/api/dev/clock", { body: { offsetMs: 0 } });
  }, 480_000);
});
