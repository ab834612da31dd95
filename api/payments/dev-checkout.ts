// The development checkout (development mode without STRIPE_SECRET_KEY): what its page shows, and
// its "Pay" and "Decline", which run the webhook's own code (settle-payment.ts) with an event of
// their own, so `npm start` shows the whole flow without a Stripe account.
import type { Deps } from "../context.ts";
import { AppError } from "../errors.ts";
import { fromSqlTime, query, sql } from "../db/sql.ts";
import type { DevPaymentJson } from "../contract/payment-schemas.ts";
import { settlePayment } from "./settle-payment.ts";

export async function devPayment(deps: Deps, paymentId: string): Promise<DevPaymentJson> {
  const [r] = await query(
    deps.sql,
    sql`SELECT p."id", p."status", p."amountCents", p."currency", p."dueAt", d."id" AS dealId, d."title"
       FROM "Payment" p JOIN "Deal" d ON d."id" = p."dealId" WHERE p."id" = ${paymentId}`,
  );
  if (!r) throw new AppError("PAYMENT_NOT_FOUND", "There is no such payment.");
  return {
    id: String(r.id),
    status: r.status as DevPaymentJson["status"],
    amountCents: Number(r.amountCents),
    currency: String(r.currency),
    dueAt: fromSqlTime(r.dueAt)!.toISOString(),
    deal: { id: String(r.dealId), title: String(r.title) },
  };
}

/** "Pay" or "Decline" on the development checkout: an event per payment and outcome, handled once. */
export async function devPaymentOutcome(deps: Deps, paymentId: string, outcome: "paid" | "failed"): Promise<DevPaymentJson> {
  await devPayment(deps, paymentId);
  const eventType = outcome === "paid" ? "checkout.session.completed" : "checkout.session.async_payment_failed";
  await settlePayment(deps, { eventId: `dev_${paymentId}_${outcome}`, eventType, paymentId, outcome });
  return devPayment(deps, paymentId);
}
