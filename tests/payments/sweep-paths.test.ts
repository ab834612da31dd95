// The confirmations that happen in the sweep ask to pay in their own batch too: a deal with price
// tiers once its deadline fixed the price (seats times the final tier), and a deal whose grace
// ended with the go-ahead. A payment lapsing after the deadline still promotes the waitlist.
import { describe, expect, it } from "vitest";
import { createTestApp } from "../setup/harness.ts";
import { reads } from "./helpers.ts";

const DAY = 24 * 3_600_000;

describe("asking to pay from the sweep", () => {
  it("a deal with tiers asks at its deadline, at the final price; a lapse after the deadline promotes the waitlist", async () => {
    const app = await createTestApp();
    const { payments, paymentOf, emails, sweep } = reads(app as never);
    try {
      const tiers = [{ minSeats: 3, pricePerSeatCents: 8000 }];
      const { deal } = await app.createDeal({ threshold: 2, capacity: 3, pricePerSeatCents: 10000, priceTiers: tiers, paymentWindowHours: 24 });
      const [ada, bea, cas, dan] = await Promise.all([1, 2, 3, 4].map(() => app.createUser()));
      for (const u of [ada, bea, cas, dan]) await app.join(u!, deal.id, 1);
      expect((await app.api("GET", `/api/deals/${deal.id}`)).json.deal.status).toBe("confirmed");
      // Confirmed, but the price is not final until the deadline: nothing asked yet.
      expect(await payments(deal.id)).toEqual([]);
      app.advance(7 * DAY + 60_000);
      await sweep();
      const asked = await payments(deal.id);
      expect(asked.map((p) => [p.userId, p.amountCents]).sort()).toEqual([ada, bea, cas].map((u) => [u!.id, 8000]).sort());
      expect(await emails("payment-due", deal.id)).toHaveLength(3);
      await app.api("POST", `/api/dev/payments/${(await paymentOf(deal.id, ada!.id)).id}`, { body: { outcome: "paid" } });
      await app.api("POST", `/api/dev/payments/${(await paymentOf(deal.id, bea!.id)).id}`, { body: { outcome: "paid" } });
      app.advance(DAY + 60_000);
      await sweep();
      expect((await paymentOf(deal.id, cas!.id)).status).toBe("lapsed");
      expect(await paymentOf(deal.id, dan!.id)).toMatchObject({ status: "due", amountCents: 8000 });
      expect((await app.api("GET", `/api/deals/${deal.id}`)).json.deal).toMatchObject({ status: "confirmed", seatsCommitted: 3 });
    } finally {
      await app.close();
    }
  });

  it("a deal confirmed at the end of grace asks its active participants to pay", async () => {
    const app = await createTestApp();
    const { payments, emails, sweep } = reads(app as never);
    try {
      const { deal, initiator } = await app.createDeal({ threshold: 4, softThreshold: 2, pricePerSeatCents: 3000 });
      const [ada, bea] = await Promise.all([1, 2].map(() => app.createUser()));
      await app.join(ada!, deal.id, 1);
      await app.join(bea!, deal.id, 2);
      app.advance(7 * DAY + 60_000);
      await sweep();
      const went = await app.api("POST", `/api/deals/${deal.id}/go-ahead`, { as: initiator, body: { message: "We go." } });
      expect(went.status).toBe(200);
      expect(await payments(deal.id)).toEqual([]);
      app.advance(5 * DAY);
      await sweep();
      expect((await app.api("GET", `/api/deals/${deal.id}`)).json.deal.status).toBe("confirmed");
      expect((await payments(deal.id)).map((p) => [p.userId, p.amountCents]).sort()).toEqual([[ada!.id, 3000], [bea!.id, 6000]].sort());
      expect(await emails("payment-due", deal.id)).toHaveLength(2);
    } finally {
      await app.close();
    }
  });
});
