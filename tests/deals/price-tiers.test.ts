// Retroactive price tiers: proposing them, the price everyone pays now and the next tier in the
// deal JSON, and the final price told once at the deadline, for all of each participant's seats.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../setup/harness.ts";
import { sweepCoCreate } from "../../api/deals/sweep-co-create.ts";
import { renderEmail } from "../../api/outbox/templates.ts";

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

const DAY = 24 * 3_600_000;
const tiers = [
  { minSeats: 5, pricePerSeatCents: 25000 },
  { minSeats: 8, pricePerSeatCents: 22900 },
];

describe("proposing price tiers", () => {
  it.each([
    ["a tier at the threshold", [{ minSeats: 3, pricePerSeatCents: 100 }]],
    ["tiers not increasing", [{ minSeats: 6, pricePerSeatCents: 200 }, { minSeats: 5, pricePerSeatCents: 100 }]],
    ["a tier above the capacity", [{ minSeats: 11, pricePerSeatCents: 100 }]],
    ["a price not below the seat price", [{ minSeats: 5, pricePerSeatCents: 29500 }]],
    ["prices not decreasing", [{ minSeats: 5, pricePerSeatCents: 200 }, { minSeats: 6, pricePerSeatCents: 200 }]],
    ["six tiers", [5, 6, 7, 8, 9, 10].map((m) => ({ minSeats: m, pricePerSeatCents: 1000 - m }))],
  ])("refuses %s with 400", async (_, priceTiers) => {
    const res = await app.api("POST", "/api/deals", {
      as: await app.createUser(),
      body: app.dealInput({ threshold: 3, capacity: 10, priceTiers }),
    });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("VALIDATION_FAILED");
  });
});

describe("the price as the group grows", () => {
  it("everyone pays the highest tier reached, and the next tier says how many seats to go", async () => {
    const { deal, initiator } = await app.createDeal({ threshold: 3, capacity: 10, priceTiers: tiers, pricePerSeatCents: 29500 });
    expect(deal).toMatchObject({ priceTiers: tiers, currentPricePerSeatCents: 29500, nextTier: { minSeats: 5, pricePerSeatCents: 25000, seatsToGo: 5 } });
    const users = await Promise.all(Array.from({ length: 4 }, () => app.createUser()));
    await app.join(users[0]!, deal.id, 3);
    const second = await app.join(users[1]!, deal.id, 2);
    expect(second.json.deal).toMatchObject({ currentPricePerSeatCents: 25000, nextTier: { minSeats: 8, seatsToGo: 3 } });
    await app.join(users[2]!, deal.id, 3);
    const now = (await app.api("GET", `/api/deals/${deal.id}`)).json.deal;
    expect(now).toMatchObject({ seatsCommitted: 8, currentPricePerSeatCents: 22900, nextTier: null });

    // At the deadline: the final price, to every active participant and the initiator, once.
    expect((await sweepCoCreate(app.deps)).finalPrices).toBe(0);
    app.advance(8 * DAY);
    expect((await sweepCoCreate(app.deps)).finalPrices).toBe(1);
    expect((await sweepCoCreate(app.deps)).finalPrices).toBe(0);
    const row = await app.deps.prisma.deal.findUniqueOrThrow({ where: { id: deal.id } });
    expect(row.finalPriceCents).toBe(22900);
    expect(row.priceFinalAt).not.toBeNull();
    const told = await app.notifications({ dealId: deal.id, kind: "deal-final-price" });
    expect(told.map((n) => n.userId).sort()).toEqual([users[0]!.id, users[1]!.id, users[2]!.id, initiator.id].sort());
    const mine = told.find((n) => n.userId === users[0]!.id)!;
    expect(JSON.parse(mine.payload)).toMatchObject({ seats: 3, priceCents: 22900, currency: "EUR" });
    const email = renderEmail({ kind: "deal-final-price", appUrl: "https://quorum.example", locale: "en", payload: JSON.parse(mine.payload), deal: null });
    expect(email.text).toContain("€229.00 a seat");
    expect(email.text).toContain("Your total for 3 seats: €687.00");
  });

  it("a deal without tiers, or that was not confirmed, gets no final price", async () => {
    const { deal: plain } = await app.createDeal({ threshold: 1 });
    await app.join(await app.createUser(), plain.id, 1);
    const { deal: failed } = await app.createDeal({ threshold: 5, capacity: 10, priceTiers: [tiers[1]!], pricePerSeatCents: 29500 });
    await app.join(await app.createUser(), failed.id, 1);
    app.advance(8 * DAY);
    await sweepCoCreate(app.deps);
    expect(await app.notifications({ dealId: plain.id, kind: "deal-final-price" })).toHaveLength(0);
    expect(await app.notifications({ dealId: failed.id, kind: "deal-final-price" })).toHaveLength(0);
  });
});
