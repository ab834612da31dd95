// What a payment event does, from Stripe's webhook or from the development checkout (the same
// code): paid (with the payment-received receipt), failed (still due: a new session may be
// made), or processing (an async method such as SEPA is on its way: the payment does not lapse
// while the bank decides). One atomic batch: the event is recorded in WebhookEvent and its effect
// written together, so an event is handled once, whatever the order and however often it comes;
// each effect is also guarded by the payment's status, so two racing deliveries pay once.
import type { Deps } from "../context.ts";
import { clock } from "../clock.ts";
import { query, sql, sqlTime, type Stmt } from "../db/sql.ts";
import { notify } from "../outbox/enqueue.ts";
import { bySubjectPayment, paymentRecipients } from "./ask-to-pay.ts";

export type PaymentOutcome = "paid" | "failed" | "processing";

/** How long an async payment in progress holds its seats past the due time. */
const PROCESSING_HOLD_MS = 14 * 24 * 3_600_000;

function settleStmts(e: { eventId: string; eventType: string; paymentId: string; outcome: PaymentOutcome; nowMs: number }): Stmt[] {
  const now = sqlTime(e.nowMs);
  // Only the batch that recorded the event acts on it: a replay finds the event recorded earlier.
  const firstTime = sql`EXISTS (SELECT 1 FROM "WebhookEvent" w WHERE w."id" = ${e.eventId} AND w."receivedAt" = ${now})`;
  const record = sql`INSERT INTO "WebhookEvent" ("id", "type", "receivedAt") VALUES (${e.eventId}, ${e.eventType}, ${now})
    ON CONFLICT ("id") DO NOTHING RETURNING "id"`;
  const stillDue = sql`"id" = ${e.paymentId} AND "status" = 'due' AND ${firstTime}`;
  if (e.outcome === "paid") {
    return [
      record,
      notify(
        "payment-received",
        paymentRecipients(sql`p."id" = ${e.paymentId} AND p."status" = 'due' AND ${firstTime}`),
        now,
        bySubjectPayment,
      ),
      sql`UPDATE "Payment" SET "status" = 'paid', "paidAt" = ${now}, "updatedAt" = ${now} WHERE ${stillDue} RETURNING "id", "dealId"`,
    ];
  }
  // Failed: the session is over; the next "Pay now" makes a new one. Processing: hold the seats,
  // unless the session already failed (the failure may arrive first).
  const [until, open] = e.outcome === "failed" ? [now, sql``] : [sqlTime(e.nowMs + PROCESSING_HOLD_MS), sql`AND "stripeSessionExpiresAt" > ${now}`];
  return [
    record,
    sql`UPDATE "Payment" SET "stripeSessionExpiresAt" = ${until}, "updatedAt" = ${now} WHERE ${stillDue} ${open} RETURNING "id", "dealId"`,
  ];
}

/** Applies a payment event once; answers whether this call was the first to see it and what it changed. */
export async function settlePayment(
  deps: Deps,
  e: { eventId: string; eventType: string; paymentId: string; outcome: PaymentOutcome },
): Promise<{ firstTime: boolean; changed: boolean }> {
  const results = await deps.sql.batch(settleStmts({ ...e, nowMs: clock.nowMs() }));
  const firstTime = (results[0]?.length ?? 0) > 0;
  const [changed] = results.at(-1) ?? [];
  if (changed) {
    deps.events.publish(String(changed.dealId));
    if (e.outcome === "paid") deps.kickOutbox();
  }
  if (e.outcome === "paid" && firstTime && !changed) {
    const [p] = await query(deps.sql, sql`SELECT "status" FROM "Payment" WHERE "id" = ${e.paymentId}`);
    // Money for seats that went to the waitlist: the operator refunds it in Stripe.
    if (p?.status === "lapsed") deps.log.warn("payment received after it lapsed: refund it", { eventId: e.eventId, paymentId: e.paymentId });
  }
  deps.log.info("payment event", { eventId: e.eventId, type: e.eventType, paymentId: e.paymentId, outcome: e.outcome, firstTime, changed: !!changed });
  return { firstTime, changed: !!changed };
}
