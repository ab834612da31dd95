// The payments sweep, run with the deadline sweep, by the app's clock: payment-reminder once, a
// day before a payment is due; and at the due time, an unpaid payment lapses. A lapse is one
// atomic batch per deal: the payment and its commitment become lapsed, the seats are freed, the
// waitlist is promoted (and asked to pay: promoteWaitlistStmts ends by asking), and the
// participant gets payment-lapsed. The deal stays confirmed.
import type { Deps } from "../context.ts";
import { clock } from "../clock.ts";
import { newId } from "../ids.ts";
import { query, raw, sql, sqlTime, type Stmt } from "../db/sql.ts";
import { drain, PER_BATCH } from "../db/batches.ts";
import { notify } from "../outbox/enqueue.ts";
import { PAYMENT_WINDOW } from "../contract/payment-schemas.ts";
import { promoteWaitlistStmts, recount } from "../deals/deal-writes.ts";
import { bySubjectPayment, paymentRecipients } from "./ask-to-pay.ts";

const REMIND_BEFORE_MS = PAYMENT_WINDOW.reminderBeforeHours * 3_600_000;

function reminderStmts(nowMs: number): Stmt[] {
  const now = sqlTime(nowMs);
  // Not for a payment asked less than a day before it is due: its payment-due says the same.
  const due = sql`SELECT p."id" FROM "Payment" p JOIN "Commitment" c ON c."id" = p."commitmentId" AND c."status" = 'active'
    WHERE p."status" = 'due' AND p."remindedAt" IS NULL AND p."dueAt" > ${now} AND p."dueAt" <= ${sqlTime(nowMs + REMIND_BEFORE_MS)}
      AND strftime('%Y-%m-%dT%H:%M:%f+00:00', p."dueAt", ${raw(`'-${PAYMENT_WINDOW.reminderBeforeHours} hours'`)}) > p."createdAt"
    ORDER BY p."dueAt", p."id" LIMIT ${PER_BATCH}`;
  return [
    notify("payment-reminder", paymentRecipients(sql`p."id" IN (${due})`), now, bySubjectPayment),
    sql`UPDATE "Payment" SET "remindedAt" = ${now} WHERE "id" IN (${due}) RETURNING "id"`,
  ];
}

/** Unpaid past its due time, its session (if any) over too, its commitment still active. */
const lapsingIn = (dealId: string | null, now: string) => sql`SELECT p."id" FROM "Payment" p
  JOIN "Commitment" c ON c."id" = p."commitmentId" AND c."status" = 'active'
  WHERE ${dealId === null ? sql`true` : sql`p."dealId" = ${dealId}`} AND p."status" = 'due' AND p."dueAt" <= ${now}
    AND (p."stripeSessionExpiresAt" IS NULL OR p."stripeSessionExpiresAt" <= ${now})`;

function lapseStmts(dealId: string, nowMs: number): Stmt[] {
  const now = sqlTime(nowMs);
  const lapsing = lapsingIn(dealId, now);
  return [
    notify("payment-lapsed", paymentRecipients(sql`p."id" IN (${lapsing})`), now, bySubjectPayment),
    sql`UPDATE "Payment" SET "status" = 'lapsed', "updatedAt" = ${now} WHERE "id" IN (${lapsing}) RETURNING "id"`,
    sql`UPDATE "Commitment" SET "status" = 'lapsed', "updatedAt" = ${now}
       WHERE "status" = 'active' AND "id" IN (SELECT "commitmentId" FROM "Payment"
         WHERE "dealId" = ${dealId} AND "status" = 'lapsed' AND "updatedAt" = ${now})`,
    recount(dealId),
    ...promoteWaitlistStmts(dealId, now, `lapse-${newId()}`, true),
  ];
}

export async function sweepPayments(deps: Deps): Promise<{ reminded: number; lapsed: number }> {
  const reminders = await drain(async () => (await deps.sql.batch(reminderStmts(clock.nowMs()))).at(-1) ?? []);
  const counts = { reminded: reminders.length, lapsed: 0 };
  for (;;) {
    const nowMs = clock.nowMs();
    const deals = await query(
      deps.sql,
      sql`SELECT DISTINCT l."dealId" FROM "Payment" l WHERE l."id" IN (${lapsingIn(null, sqlTime(nowMs))}) LIMIT ${PER_BATCH}`,
    );
    let lapsed = 0;
    for (const d of deals) {
      const dealId = String(d.dealId);
      lapsed += (await deps.sql.batch(lapseStmts(dealId, nowMs)))[1]?.length ?? 0;
      deps.events.publish(dealId);
    }
    counts.lapsed += lapsed;
    if (deals.length < PER_BATCH || lapsed === 0) break;
  }
  if (counts.reminded + counts.lapsed) {
    deps.log.info("payments sweep", counts);
    deps.kickOutbox();
  }
  return counts;
}
