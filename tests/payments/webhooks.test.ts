// The webhook trusts nothing but a valid Stripe-Signature over the raw body within 5 minutes, and
// handles every event once: a replay is a no-op, order does not matter, and deliveries racing each
// other mark the payment paid once and send one receipt.
import { describe, expect, it } from "vitest";
import { clock } from "../../api/clock.ts";
import { postEvent } from "../setup/fake-stripe-events.ts";
import { dueDeal, HOUR, startSession, stripeApp } from "./helpers.ts";

const nowS = () => Math.floor(clock.nowMs() / 1000);

describe("the Stripe webhook", () => {
  it("refuses a tampered body, a wrong secret, a missing or stale signature, and changes nothing", async () => {
    const { app, fake, hook, paymentOf, emails } = await stripeApp();
    const { deal, users } = await dueDeal(app, 1);
    const session = await startSession(app, fake, deal.id, users[0]!);
    fake.complete(session.id);
    expect(await fake.deliver("checkout.session.completed", session.id, { to: hook, tamper: true })).toBe(400);
    expect(await fake.deliver("checkout.session.completed", session.id, { to: hook, secret: "whsec_someone_else" })).toBe(400);
    expect(await fake.deliver("checkout.session.completed", session.id, { to: hook, timestamp: nowS() - 301 })).toBe(400);
    const event = fake.events().find((e) => e.type === "checkout.session.completed")!;
    expect(await postEvent(hook, JSON.stringify(event, null, 2), "")).toBe(400);
    const refused = await app.api("POST", "/api/webhooks/stripe", { body: event, headers: { "stripe-signature": "t=1,v1=00" } });
    expect(refused.json.error.code).toBe("WEBHOOK_SIGNATURE_INVALID");
    expect(await paymentOf(deal.id, users[0]!.id)).toMatchObject({ status: "due", paidAt: null });
    expect(await app.deps.prisma.webhookEvent.count()).toBe(0);
    expect(await emails("payment-received")).toEqual([]);
    // Within the tolerance (4 minutes old), from any origin and without a session: accepted.
    expect(await fake.deliver("checkout.session.completed", session.id, { to: hook, timestamp: nowS() - 240 })).toBe(200);
    expect((await paymentOf(deal.id, users[0]!.id)).status).toBe("paid");
  });

  it("handles a replayed event once: paid once, one receipt", async () => {
    const { app, fake, hook, paymentOf, emails } = await stripeApp();
    const { deal, users } = await dueDeal(app, 1);
    const session = await startSession(app, fake, deal.id, users[0]!);
    fake.complete(session.id);
    expect(await fake.deliver("checkout.session.completed", session.id, { to: hook, times: 3 })).toBe(200);
    const paid = await paymentOf(deal.id, users[0]!.id);
    expect(paid.status).toBe("paid");
    app.advance(HOUR);
    expect(await fake.deliver("checkout.session.completed", session.id, { to: hook, timestamp: nowS() })).toBe(200);
    expect((await paymentOf(deal.id, users[0]!.id)).paidAt).toEqual(paid.paidAt);
    expect(await emails("payment-received")).toHaveLength(1);
    expect(await app.deps.prisma.webhookEvent.count()).toBe(1);
  });

  it("takes events in any order: the async success before the completed session, a failure before it", async () => {
    const { app, fake, hook, paymentOf, emails, sweep } = await stripeApp();
    const { deal, users } = await dueDeal(app, 2, 10000, { paymentWindowHours: 24 });
    const [ada, bea] = users;
    const a = await startSession(app, fake, deal.id, ada!);
    fake.complete(a.id, { async: true });
    fake.asyncSucceed(a.id);
    expect(await fake.deliver("checkout.session.async_payment_succeeded", a.id, { to: hook })).toBe(200);
    expect(await fake.deliver("checkout.session.completed", a.id, { to: hook })).toBe(200);
    expect((await paymentOf(deal.id, ada!.id)).status).toBe("paid");

    // Bea's bank says no before the completed session arrives: still due, and it lapses on time.
    const b = await startSession(app, fake, deal.id, bea!);
    fake.complete(b.id, { async: true });
    fake.asyncFail(b.id);
    expect(await fake.deliver("checkout.session.async_payment_failed", b.id, { to: hook })).toBe(200);
    expect(await fake.deliver("checkout.session.completed", b.id, { to: hook })).toBe(200);
    expect((await paymentOf(deal.id, bea!.id)).status).toBe("due");
    // A failed session is not reused: "Pay now" makes a new one.
    expect((await startSession(app, fake, deal.id, bea!)).id).not.toBe(b.id);
    app.advance(24 * HOUR + 1);
    await sweep();
    expect((await paymentOf(deal.id, bea!.id)).status).toBe("lapsed");
    expect((await emails("payment-received")).map((n) => n.userId)).toEqual([ada!.id]);
  });

  it("keeps a slow payment in progress from lapsing, and pays it when the bank says yes", async () => {
    const { app, fake, hook, paymentOf, sweep } = await stripeApp();
    const { deal, users } = await dueDeal(app, 1, 10000, { paymentWindowHours: 24 });
    const s = await startSession(app, fake, deal.id, users[0]!);
    fake.complete(s.id, { async: true });
    expect(await fake.deliver("checkout.session.completed", s.id, { to: hook })).toBe(200);
    app.advance(3 * 24 * HOUR);
    await sweep();
    expect((await paymentOf(deal.id, users[0]!.id)).status).toBe("due");
    fake.asyncSucceed(s.id);
    expect(await fake.deliver("checkout.session.async_payment_succeeded", s.id, { to: hook })).toBe(200);
    expect((await paymentOf(deal.id, users[0]!.id)).status).toBe("paid");
  });

  it("two deliveries racing each other, of one event or of two: paid once, one receipt", async () => {
    const { app, fake, hook, paymentOf, emails } = await stripeApp();
    const { deal, users } = await dueDeal(app, 2);
    const [ada, bea] = users;
    const a = await startSession(app, fake, deal.id, ada!);
    fake.complete(a.id);
    const completed = fake.events().find((e) => e.type === "checkout.session.completed" && e.data.object.id === a.id)!;
    const signed = fake.signedPayload(completed);
    const statuses = await Promise.all(Array.from({ length: 8 }, () => postEvent(hook, signed.body, signed.header)));
    expect(statuses).toEqual(Array(8).fill(200));

    const b = await startSession(app, fake, deal.id, bea!);
    fake.complete(b.id, { async: true });
    fake.asyncSucceed(b.id);
    const events = fake.events().filter((e) => e.data.object.id === b.id);
    const racing = events.flatMap((e) => Array.from({ length: 4 }, () => fake.signedPayload(e)));
    expect(await Promise.all(racing.map((p) => postEvent(hook, p.body, p.header)))).toEqual(Array(racing.length).fill(200));

    expect((await paymentOf(deal.id, ada!.id)).status).toBe("paid");
    expect((await paymentOf(deal.id, bea!.id)).status).toBe("paid");
    const receipts = await emails("payment-received");
    expect(receipts.map((n) => n.userId).sort()).toEqual([ada!.id, bea!.id].sort());
    expect(await app.deps.prisma.webhookEvent.count()).toBe(1 + events.length);
  });
});
