// Asking to pay: one payment per active commitment of a confirmed deal whose price is final, with
// its payment-due email, as guarded statements that any state change's batch can end with. The
// payment's commitmentId is unique and the outbox key names the payment, so however many batches
// race (200 joins tipping a deal, a promotion, the sweep), each commitment is asked exactly once.
import { onlyAfter, raw, sql, type Stmt } from "../db/sql.ts";
import { notify } from "../outbox/enqueue.ts";

/**
 * The final price a seat of deal `d`, or NULL while it is not final: a deal with price tiers has
 * it once its deadline fixed finalPriceCents; any other deal has its price from confirmation on.
 */
const finalPriceOf = (d = "d") => {
  const a = raw(d);
  return sql`(CASE WHEN ${a}."priceTiers" = '[]' THEN COALESCE(${a}."finalPriceCents", ${a}."pricePerSeatCents") ELSE ${a}."finalPriceCents" END)`;
};

/** The payload every payment email carries: the seats, the price a seat and the due time. */
const paymentPayload = sql`json_object('seats', c."seats", 'status', 'active', 'priceCents', p."amountCents" / c."seats",
  'currency', p."currency", 'dueAt', p."dueAt", 'paymentId', p."id")`;

/** Payments as outbox recipients (subject: the payment), for kind-specific `where` on p, c and d. */
export const paymentRecipients = (where: Stmt) => sql`
  SELECT p."dealId" AS dealId, p."userId" AS userId, u."email" AS email, p."id" AS paymentId, ${paymentPayload} AS payload
  FROM "Payment" p JOIN "Commitment" c ON c."id" = p."commitmentId" JOIN "Deal" d ON d."id" = p."dealId"
  JOIN "User" u ON u."id" = p."userId"
  WHERE ${where}`;

/** The outbox subject of a payment email: the payment, per recipient row. */
export const bySubjectPayment = raw("n.paymentId");

/**
 * Asks every active participant of `deals` who has no payment yet to pay, if the deal is confirmed
 * and its price is final and not 0: seats times the price, due within the deal's window. Then
 * payment-due to each payment this very batch made (its createdAt is this batch's time).
 * `among` narrows the commitments looked at (a condition on c and d): a join of a confirmed deal
 * looks at its own commitment only, so that asking costs the same with 10 or 5,000 participants
 * (docs/decisions/014); events that confirm a deal once (the tip, a win, the end of grace, the
 * final price) look at all of them.
 */
export function askToPayStmts(deals: string | Stmt, now: string, among: Stmt = sql``, after?: Stmt): Stmt[] {
  const scope = typeof deals === "string" ? sql`= ${deals}` : sql`IN (${deals})`;
  // A payment's id is its commitment's (one payment a commitment: Payment.commitmentId is unique).
  // Commitment ids are in time order (api/ids.ts), so the payments of a crowd joining a confirmed
  // deal land on the last page of the Payment key, and their payment-due keys (kind:payment:user)
  // on the last page of the Notification key, where random ids put each on a page of its own
  // (decision 015, finding 21). Payments asked before this keep their random ids.
  const guarded = sql`INSERT INTO "Payment" ("id", "commitmentId", "dealId", "userId", "amountCents", "currency", "status", "dueAt",
         "createdAt", "updatedAt")
       SELECT c."id", c."id", d."id", c."userId", c."seats" * ${finalPriceOf()}, d."currency", 'due',
         strftime('%Y-%m-%dT%H:%M:%f+00:00', ${now}, '+' || d."paymentWindowHours" || ' hours'), ${now}, ${now}
       FROM "Deal" d JOIN "Commitment" c ON c."dealId" = d."id" AND c."status" = 'active'
       WHERE d."id" ${scope} AND d."status" = 'confirmed' AND ${finalPriceOf()} > 0
         AND NOT EXISTS (SELECT 1 FROM "Payment" x WHERE x."commitmentId" = c."id") ${among}
       ON CONFLICT DO NOTHING`;
  // `after`: a statement of the batch this ask needs (sql.ts, onlyAfter).
  const ask = after ? onlyAfter(after, guarded) : guarded;
  return [
    ask,
    // Only this batch's payments are told, so none when it asked nobody: a payment made at this
    // time by an earlier ask of the batch (or by another batch) was told by the notify after it.
    onlyAfter(
      ask,
      notify(
        "payment-due",
        paymentRecipients(sql`p."dealId" ${scope} AND p."createdAt" = ${now} AND p."status" = 'due' ${among}`),
        now,
        bySubjectPayment,
      ),
    ),
  ];
}

/**
 * A probe for a batch: one row when commitment `commitmentId`, at this point of the batch, is
 * active in a confirmed deal. What only such a commitment gets (its own payment and payment-due,
 * the deal-confirmed of a join onto a confirmed deal) is marked onlyAfter it, so a join before the
 * tip or onto the waitlist skips them on Node (sql.ts); their own guards ask the same.
 */
export const activeInConfirmed = (commitmentId: string): Stmt =>
  sql`SELECT 1 AS "yes" FROM "Commitment" c JOIN "Deal" d ON d."id" = c."dealId"
     WHERE c."id" = ${commitmentId} AND c."status" = 'active' AND d."status" = 'confirmed'`;

/**
 * Asking to pay at the end of a batch that may have confirmed a deal or added one commitment to a
 * confirmed one (a join, an option win): everyone when this batch confirmed it (a term on no row
 * of the loop, so SQLite weighs it once and a batch that confirms nothing visits no commitment),
 * else only `commitmentId`, by its key. Never a scan of the deal's participants per join.
 * `mine`: the batch's activeInConfirmed(commitmentId) probe, when the caller marks more after it;
 * it is part of the statements returned here.
 */
export function askToPayAfterStmts(
  dealId: string,
  commitmentId: string,
  now: string,
  confirm?: Stmt,
  mine: Stmt = activeInConfirmed(commitmentId),
): Stmt[] {
  // This batch confirmed the deal: it did so at `now`, crediting `commitmentId` (not another batch
  // of the same millisecond, whose own ask covered everyone active then).
  const tipped = sql`AND EXISTS (SELECT 1 FROM "Deal" WHERE "id" = ${dealId} AND "confirmedAt" = ${now} AND "confirmedByCommitmentId" = ${commitmentId})`;
  return [
    // `confirm`, the batch's statement that confirms the deal at `now`: asking everyone needs it.
    ...askToPayStmts(dealId, now, tipped, confirm),
    mine,
    ...askToPayStmts(dealId, now, sql`AND c."id" = ${commitmentId}`, mine),
  ];
}
