// Paying: the participant asks where to pay their due payment. Through Stripe, a Checkout Session
// in payment mode, made with an idempotency key derived from the payment, the session it
// replaces and the hour; the parameters are derived from the same things (amounts from the
// database, never from the client), so a retry after a crash between Stripe's answer and our
// write gets the very same session back. An open session is reused. Without Stripe in
// development mode: the development checkout.
import type Stripe from "stripe";
import type { Deps } from "../context.ts";
import { AppError } from "../errors.ts";
import { clock } from "../clock.ts";
import { fromSqlTime, query, sql, sqlTime } from "../db/sql.ts";
import { assertDealId } from "../deals/deal-reads.ts";
import { stripeUnitAmount } from "./money.ts";
import { createCheckoutSession } from "./stripe.ts";

const HOUR = 3_600_000;
/** A stored session is reused while at least this long remains of it. */
const REUSE_MARGIN_MS = 5 * 60_000;

type Due = {
  id: string;
  dealId: string;
  title: string;
  email: string;
  seats: number;
  amountCents: number;
  currency: string;
  dueAtMs: number;
  sessionId: string | null;
  sessionUrl: string | null;
  sessionExpiresAtMs: number | null;
};

async function findPayment(deps: Deps, dealId: string, userId: string): Promise<{ due: Due; status: string; commitment: string } | null> {
  const [r] = await query(
    deps.sql,
    sql`SELECT p."id", p."dealId", p."status", p."amountCents", p."currency", p."dueAt", p."stripeSessionId",
         p."stripeSessionUrl", p."stripeSessionExpiresAt", c."seats", c."status" AS commitment, d."title", u."email"
       FROM "Payment" p JOIN "Commitment" c ON c."id" = p."commitmentId" JOIN "Deal" d ON d."id" = p."dealId"
       JOIN "User" u ON u."id" = p."userId"
       WHERE p."dealId" = ${dealId} AND p."userId" = ${userId}`,
  );
  if (!r) return null;
  const due: Due = {
    id: String(r.id),
    dealId: String(r.dealId),
    title: String(r.title),
    email: String(r.email),
    seats: Number(r.seats),
    amountCents: Number(r.amountCents),
    currency: String(r.currency),
    dueAtMs: fromSqlTime(r.dueAt)!.getTime(),
    sessionId: r.stripeSessionId == null ? null : String(r.stripeSessionId),
    sessionUrl: r.stripeSessionUrl == null ? null : String(r.stripeSessionUrl),
    sessionExpiresAtMs: fromSqlTime(r.stripeSessionExpiresAt)?.getTime() ?? null,
  };
  return { due, status: String(r.status), commitment: String(r.commitment) };
}

/**
 * The session's parameters and key, all derived from the payment, the session it replaces and
 * the hour: the same inputs always give the same request. It expires by the due time, but lives
 * at least an hour and a half (Stripe's minimum is 30 minutes) and at most 23 hours (its maximum
 * is 24); a payment lapses only once its session has expired too.
 */
function checkoutRequest(due: Due, appUrl: string, nowMs: number): { params: Stripe.Checkout.SessionCreateParams; key: string } {
  const hourStart = Math.floor(nowMs / HOUR) * HOUR;
  const expiresAtMs = Math.min(hourStart + 23 * HOUR, Math.max(due.dueAtMs, hourStart + 1.5 * HOUR));
  const back = `${appUrl}/deals/${due.dealId}?payment=`;
  return {
    key: `quorum-checkout-${due.id}-${due.sessionId ?? "first"}-${hourStart / HOUR}`,
    params: {
      mode: "payment",
      line_items: [
        {
          quantity: due.seats,
          price_data: {
            currency: due.currency.toLowerCase(),
            unit_amount: stripeUnitAmount(due.amountCents / due.seats, due.currency),
            product_data: { name: due.title },
          },
        },
      ],
      customer_email: due.email,
      client_reference_id: due.id,
      metadata: { paymentId: due.id, dealId: due.dealId },
      success_url: `${back}success`,
      cancel_url: `${back}cancelled`,
      expires_at: Math.floor(expiresAtMs / 1000),
    },
  };
}

export async function startPayment(deps: Deps, { userId, dealId }: { userId: string; dealId: string }): Promise<{ url: string }> {
  assertDealId(dealId);
  const found = await findPayment(deps, dealId, userId);
  if (!found) {
    const [deal] = await query(deps.sql, sql`SELECT 1 AS yes FROM "Deal" WHERE "id" = ${dealId} AND "hiddenAt" IS NULL`);
    if (!deal) throw new AppError("DEAL_NOT_FOUND", "There is no such deal.");
    throw new AppError("PAYMENT_NOT_FOUND", "You have no payment to make for this deal.");
  }
  const { due, status, commitment } = found;
  if (status === "paid") throw new AppError("PAYMENT_NOT_DUE", "Your seats are already paid.");
  const nowMs = clock.nowMs();
  const open = due.sessionUrl !== null && due.sessionExpiresAtMs !== null && due.sessionExpiresAtMs > nowMs + REUSE_MARGIN_MS;
  if (status !== "due" || commitment !== "active" || (due.dueAtMs <= nowMs && !open)) {
    throw new AppError("PAYMENT_NOT_DUE", "The window to pay has closed.");
  }
  const stripe = deps.config.stripe;
  if (!stripe) {
    if (deps.config.devMode) return { url: `/dev/checkout/${due.id}` };
    throw new AppError("PAYMENTS_UNAVAILABLE", "Payments are not set up on this server yet.");
  }
  if (open) return { url: due.sessionUrl! };
  const { params, key } = checkoutRequest(due, deps.config.appUrl, nowMs);
  const session = await createCheckoutSession(stripe, params, key);
  // Compare-and-set on the session it replaces: of two racing requests, one writes; both got the
  // same session from Stripe (same key, same parameters).
  await deps.sql.batch([
    sql`UPDATE "Payment" SET "stripeSessionId" = ${session.id}, "stripeSessionUrl" = ${session.url},
         "stripeSessionExpiresAt" = ${sqlTime(session.expiresAtMs)}, "updatedAt" = ${sqlTime(nowMs)}
       WHERE "id" = ${due.id} AND "status" = 'due' AND "stripeSessionId" IS ${due.sessionId}`,
  ]);
  deps.log.info("checkout session", { paymentId: due.id, sessionId: session.id });
  return { url: session.url };
}
