// Money: amounts are integers in the currency's minor unit (EUR cents, JPY yen), the same unit
// Stripe's unit_amount takes for the currencies Quorum accepts; currencies whose Stripe amounts
// differ (ISK, HUF, three-decimal ones) are refused at proposal time with a clear code. And the
// payment window: 24 to 336 hours, 72 by default, locked with the other terms.
import { describe, expect, it } from "vitest";
import { formatMoney } from "../../api/contract/format.ts";
import { isPayableCurrency, stripeUnitAmount } from "../../api/payments/money.ts";
import { createTestApp } from "../setup/harness.ts";
import { dueDeal, startSession, stripeApp } from "./helpers.ts";

describe("money", () => {
  it("sends Stripe the minor unit as is for EUR and for zero-decimal JPY, and refuses the currencies Stripe counts otherwise", () => {
    expect(stripeUnitAmount(29500, "EUR")).toBe(29500);
    expect(stripeUnitAmount(12000, "JPY")).toBe(12000);
    expect(formatMoney(12000, "JPY", "en")).toMatch(/^(JP)?¥12,000$/);
    for (const c of ["EUR", "USD", "GBP", "JPY", "KRW", "CHF"]) expect(isPayableCurrency(c), c).toBe(true);
    for (const c of ["ISK", "HUF", "TWD", "UGX", "KWD", "BHD"]) expect(isPayableCurrency(c), c).toBe(false);
    expect(() => stripeUnitAmount(100, "ISK")).toThrow(/not a payable currency/);
    expect(() => stripeUnitAmount(1.5, "EUR")).toThrow(/minor units/);
  });

  it("charges a JPY deal in yen: seats times the price, from the database", async () => {
    const { app, fake, paymentOf } = await stripeApp();
    const { deal, users } = await dueDeal(app, 1, 12000, { currency: "JPY", maxSeatsPerCommitment: 3, threshold: 1 });
    expect(await paymentOf(deal.id, users[0]!.id)).toMatchObject({ amountCents: 12000, currency: "JPY" });
    const session = await startSession(app, fake, deal.id, users[0]!);
    expect(session).toMatchObject({ currency: "jpy", amount_total: 12000 });
    const call = fake.calls().find((c) => c.path === "/v1/checkout/sessions" && c.method === "POST")!;
    expect(call.body).toMatchObject({ line_items: [{ quantity: "1", price_data: { currency: "jpy", unit_amount: "12000" } }] });
  });

  it("asks seats times the price for several seats", async () => {
    const { app, fake, paymentOf } = await stripeApp();
    const { deal } = await app.createDeal({ threshold: 3, pricePerSeatCents: 19950 });
    const ada = await app.createUser();
    expect((await app.join(ada, deal.id, 3)).json.deal.status).toBe("confirmed");
    expect(await paymentOf(deal.id, ada.id)).toMatchObject({ amountCents: 59850, currency: "EUR" });
    expect(await startSession(app, fake, deal.id, ada)).toMatchObject({ currency: "eur", amount_total: 59850 });
  });

  it("refuses a proposal or an edit in a currency it cannot charge correctly, with a code and a message", async () => {
    const app = await createTestApp();
    try {
      const ines = await app.createUser();
      for (const currency of ["ISK", "HUF", "KWD"]) {
        const res = await app.api("POST", "/api/deals", { as: ines, body: app.dealInput({ currency }) });
        expect(res.status, currency).toBe(400);
        expect(res.json.error).toMatchObject({ code: "CURRENCY_NOT_PAYABLE", issues: [{ path: "currency" }] });
        expect(res.json.error.message).toContain(currency);
      }
      expect(await app.deps.prisma.deal.count()).toBe(0);
      const { deal } = await app.createDeal({ initiator: ines, currency: "JPY" });
      const edit = await app.api("PATCH", `/api/deals/${deal.id}`, { as: ines, body: { currency: "isk" } });
      expect(edit.json.error.code).toBe("CURRENCY_NOT_PAYABLE");
      expect((await app.deps.prisma.deal.findUniqueOrThrow({ where: { id: deal.id } })).currency).toBe("JPY");
    } finally {
      await app.close();
    }
  });
});

describe("the payment window", () => {
  it("is 24 to 336 hours, 72 by default, and locked with the terms after the first commitment", async () => {
    const app = await createTestApp();
    try {
      const ines = await app.createUser();
      for (const hours of [23, 337, 48.5]) {
        const res = await app.api("POST", "/api/deals", { as: ines, body: app.dealInput({ paymentWindowHours: hours }) });
        expect(res.json.error, String(hours)).toMatchObject({ code: "VALIDATION_FAILED", issues: [{ path: "paymentWindowHours" }] });
      }
      expect((await app.createDeal({ initiator: ines })).deal.paymentWindowHours).toBe(72);
      expect((await app.createDeal({ initiator: ines, paymentWindowHours: 24 })).deal.paymentWindowHours).toBe(24);
      const { deal } = await app.createDeal({ initiator: ines, paymentWindowHours: 336 });
      const edited = await app.api("PATCH", `/api/deals/${deal.id}`, { as: ines, body: { paymentWindowHours: 100 } });
      expect(edited.json.deal.paymentWindowHours).toBe(100);
      await app.join(await app.createUser(), deal.id, 1);
      const locked = await app.api("PATCH", `/api/deals/${deal.id}`, { as: ines, body: { paymentWindowHours: 200 } });
      expect(locked.json.error.code).toBe("TERMS_LOCKED");
      expect((await app.deps.prisma.deal.findUniqueOrThrow({ where: { id: deal.id } })).paymentWindowHours).toBe(100);
    } finally {
      await app.close();
    }
  });
});
