// The whole flow of paying at the tip, against the fake Stripe through the real SDK: the deal
// confirms, every active participant is asked to pay (payment-due), some pay (signed webhooks),
// a reminder goes out a day before the end, the others lapse, the waitlist is promoted and asked
// to pay, and the deal stays confirmed throughout.
import { describe, expect, it } from "vitest";
import { clock } from "../../api/clock.ts";
import { HOUR, payAtStripe, stripeApp } from "./helpers.ts";

describe("paying at the tip", () => {
  it("asks, takes payments, reminds, lapses the unpaid and promotes the waitlist, and the deal stays confirmed", async () => {
    const { app, fake, hook, payments, paymentOf, emails, sweep } = await stripeApp();
    const { deal } = await app.createDeal({ threshold: 3, capacity: 3, pricePerSeatCents: 12500, paymentWindowHours: 48 });
    expect(deal.paymentWindowHours).toBe(48);
    const [ada, bea, cas, dan] = await Promise.all([1, 2, 3, 4].map(() => app.createUser()));
    expect((await app.join(ada!, deal.id, 1)).status).toBe(201);
    expect((await app.join(bea!, deal.id, 1)).status).toBe(201);
    expect(await payments(deal.id)).toEqual([]);
    const tippedAt = clock.nowMs();
    expect((await app.join(cas!, deal.id, 1)).json.deal.status).toBe("confirmed");
    expect((await app.join(dan!, deal.id, 1)).json.commitment.status).toBe("waitlisted");

    // Every active participant: one payment of seats times the price, due in the window, and one payment-due.
    const asked = await payments(deal.id);
    expect(asked.map((p) => p.userId).sort()).toEqual([ada!.id, bea!.id, cas!.id].sort());
    for (const p of asked) {
      expect(p).toMatchObject({ status: "due", amountCents: 12500, currency: "EUR" });
      expect(Math.abs(p.dueAt.getTime() - (tippedAt + 48 * HOUR))).toBeLessThan(5_000);
    }
    const due = await emails("payment-due", deal.id);
    expect(due.map((n) => n.subjectId).sort()).toEqual(asked.map((p) => p.id).sort());
    expect(JSON.parse(due[0]!.payload)).toMatchObject({ seats: 1, priceCents: 12500, currency: "EUR" });

    // The participant and the initiator see the payment on the commitment.
    const mine = await app.api("GET", `/api/deals/${deal.id}`, { as: ada });
    expect(mine.json.deal.viewerCommitment.payment).toMatchObject({ status: "due", amountCents: 12500, currency: "EUR", paidAt: null });

    // Ada pays by card: one session, reused while open; the webhook marks it paid and sends a receipt.
    const start = await app.api("POST", `/api/deals/${deal.id}/payment`, { as: ada });
    expect(start.status).toBe(200);
    expect(start.json.url).toMatch(new RegExp(`^${fake.apiBase}/pay/cs_`));
    const again = await app.api("POST", `/api/deals/${deal.id}/payment`, { as: ada });
    expect(again.json.url).toBe(start.json.url);
    expect(fake.sessions()).toHaveLength(1);
    const [session] = fake.sessions();
    expect(session).toMatchObject({
      mode: "payment",
      client_reference_id: (await paymentOf(deal.id, ada!.id)).id,
      metadata: { paymentId: (await paymentOf(deal.id, ada!.id)).id, dealId: deal.id },
      success_url: `http://localhost:3000/deals/${deal.id}?payment=success`,
      cancel_url: `http://localhost:3000/deals/${deal.id}?payment=cancelled`,
      amount_total: 12500,
      currency: "eur",
    });
    expect(await payAtStripe(fake, hook, session!.id)).toBe(200);
    expect(await paymentOf(deal.id, ada!.id)).toMatchObject({ status: "paid" });
    expect((await app.api("POST", `/api/deals/${deal.id}/payment`, { as: ada })).json.error.code).toBe("PAYMENT_NOT_DUE");

    // Bea pays by a slow method: completed but unpaid, then the bank says yes.
    const beaStart = await app.api("POST", `/api/deals/${deal.id}/payment`, { as: bea });
    const beaSession = fake.sessions().find((s) => s.url === beaStart.json.url)!;
    fake.complete(beaSession.id, { async: true });
    expect(await fake.deliver("checkout.session.completed", beaSession.id, { to: hook })).toBe(200);
    expect((await paymentOf(deal.id, bea!.id)).status).toBe("due");
    fake.asyncSucceed(beaSession.id);
    expect(await fake.deliver("checkout.session.async_payment_succeeded", beaSession.id, { to: hook })).toBe(200);
    expect((await paymentOf(deal.id, bea!.id)).status).toBe("paid");

    // A day before the end, only the unpaid is reminded, once.
    app.advance(23 * HOUR);
    await sweep();
    expect(await emails("payment-reminder", deal.id)).toEqual([]);
    app.advance(2 * HOUR);
    await sweep();
    await sweep();
    expect((await emails("payment-reminder", deal.id)).map((n) => n.userId)).toEqual([cas!.id]);

    // The window closes: Cas lapses, Dan is promoted and asked to pay, the deal stays confirmed.
    app.advance(24 * HOUR);
    const promotedAt = clock.nowMs();
    await sweep();
    expect(await paymentOf(deal.id, cas!.id)).toMatchObject({ status: "lapsed" });
    expect((await app.api("GET", `/api/deals/${deal.id}`, { as: cas })).json.deal.viewerCommitment).toMatchObject({
      status: "lapsed",
      payment: { status: "lapsed" },
    });
    expect((await emails("payment-lapsed", deal.id)).map((n) => n.userId)).toEqual([cas!.id]);
    expect((await emails("waitlist-promoted", deal.id)).map((n) => n.userId)).toEqual([dan!.id]);
    const dans = await paymentOf(deal.id, dan!.id);
    expect(dans).toMatchObject({ status: "due", amountCents: 12500 });
    expect(Math.abs(dans.dueAt.getTime() - (promotedAt + 48 * HOUR))).toBeLessThan(5_000);
    expect((await emails("payment-due", deal.id)).map((n) => n.userId)).toContain(dan!.id);
    const after = (await app.api("GET", `/api/deals/${deal.id}`)).json.deal;
    expect(after).toMatchObject({ status: "confirmed", seatsCommitted: 3 });
    expect((await app.api("POST", `/api/deals/${deal.id}/payment`, { as: cas })).json.error.code).toBe("PAYMENT_NOT_DUE");

    // Dan pays; three receipts in all, each once; a second sweep changes nothing.
    const danStart = await app.api("POST", `/api/deals/${deal.id}/payment`, { as: dan });
    expect(await payAtStripe(fake, hook, fake.sessions().find((s) => s.url === danStart.json.url)!.id)).toBe(200);
    await sweep();
    expect((await emails("payment-received", deal.id)).map((n) => n.userId).sort()).toEqual([ada!.id, bea!.id, dan!.id].sort());
    expect((await payments(deal.id)).map((p) => p.status).sort()).toEqual(["lapsed", "paid", "paid", "paid"]);
    expect((await app.api("GET", `/api/deals/${deal.id}`)).json.deal.status).toBe("confirmed");
  });

  it("asks nothing of a free deal", async () => {
    const { app, payments, emails } = await stripeApp();
    const { deal } = await app.createDeal({ threshold: 1, pricePerSeatCents: 0 });
    expect((await app.join(await app.createUser(), deal.id, 1)).json.deal.status).toBe("confirmed");
    expect(await payments(deal.id)).toEqual([]);
    expect(await emails("payment-due")).toEqual([]);
  });
});
