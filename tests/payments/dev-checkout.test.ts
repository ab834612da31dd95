// The development checkout: in development mode without STRIPE_SECRET_KEY, "Pay now" leads to
// /dev/checkout/:paymentId, whose "Pay" and "Decline" run the webhook's code. In production
// without Stripe, paying answers 503 and the development routes do not exist.
import { afterEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../setup/harness.ts";
import { reads } from "./helpers.ts";

const apps: TestApp[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

async function confirmed(env: Record<string, string> = {}) {
  const app = await createTestApp(env);
  apps.push(app);
  const { deal } = await app.createDeal({ threshold: 1, pricePerSeatCents: 5000 });
  const ada = await app.createUser();
  await app.join(ada, deal.id, 1);
  return { app, deal, ada };
}

describe("the development checkout", () => {
  it("pays through the same code as the webhook: declined stays due, paid sends one receipt", async () => {
    const { app, deal, ada } = await confirmed();
    const { paymentOf, emails } = reads(app as never);
    const payment = await paymentOf(deal.id, ada.id);
    const start = await app.api("POST", `/api/deals/${deal.id}/payment`, { as: ada });
    expect(start.json).toEqual({ url: `/dev/checkout/${payment.id}` });
    const shown = await app.api("GET", `/api/dev/payments/${payment.id}`);
    expect(shown.json).toEqual({
      id: payment.id,
      status: "due",
      amountCents: 5000,
      currency: "EUR",
      dueAt: payment.dueAt.toISOString(),
      deal: { id: deal.id, title: deal.title },
    });
    expect((await app.api("POST", `/api/dev/payments/${payment.id}`, { body: { outcome: "failed" } })).json.status).toBe("due");
    expect((await app.api("POST", `/api/dev/payments/${payment.id}`, { body: { outcome: "paid" } })).json.status).toBe("paid");
    expect((await app.api("POST", `/api/dev/payments/${payment.id}`, { body: { outcome: "paid" } })).json.status).toBe("paid");
    expect(await emails("payment-received")).toHaveLength(1);
    expect((await app.api("POST", `/api/deals/${deal.id}/payment`, { as: ada })).json.error.code).toBe("PAYMENT_NOT_DUE");
    expect((await app.api("POST", `/api/dev/payments/${payment.id}`, { body: { outcome: "maybe" } })).status).toBe(400);
    expect((await app.api("GET", "/api/dev/payments/0000000000000000")).json.error.code).toBe("PAYMENT_NOT_FOUND");
  });

  it("does not exist in production, where paying without Stripe answers 503", async () => {
    const { app, deal, ada } = await confirmed({ NODE_ENV: "production", RESEND_API_KEY: "re_test", APP_URL: "https://quorum.example", MAIL_FROM: "Quorum <deals@quorum.example>" });
    const payment = await app.deps.prisma.payment.findFirstOrThrow({ where: { dealId: deal.id } });
    expect((await app.api("POST", `/api/deals/${deal.id}/payment`, { as: ada })).json.error.code).toBe("PAYMENTS_UNAVAILABLE");
    expect((await app.api("GET", `/api/dev/payments/${payment.id}`)).status).toBe(404);
    expect((await app.api("POST", `/api/dev/payments/${payment.id}`, { body: { outcome: "paid" } })).status).toBe(404);
  });
});
