// The co-creation sweep, run with the deadline sweep: the final price of a confirmed deal with
// price tiers once its deadline passed (deal-final-price to every active participant and the
// initiator, once), and the invitation to review once a confirmed deal is over (review-invite to
// every participant active at the end, once). Each is one atomic batch: the notifications and the
// mark that they were sent are written together, with the same predicate.
import type { Deps } from "../context.ts";
import { clock } from "../clock.ts";
import { raw, sql, sqlTime, type Stmt } from "../db/sql.ts";
import { drain, PER_BATCH } from "../db/batches.ts";
import { notify } from "../outbox/enqueue.ts";
import { askToPayStmts } from "../payments/ask-to-pay.ts";
import { closesAt, overAt } from "../reviews/review-window.ts";

/** The price a seat of the deal d at its active seats: the highest tier reached, else the base price. */
const tierPriceOf = (d: Stmt) => sql`COALESCE((SELECT json_extract(t."value", '$.pricePerSeatCents') FROM json_each(${d}."priceTiers") t
    WHERE json_extract(t."value", '$.minSeats') <= ${d}."seatsCommitted"
    ORDER BY json_extract(t."value", '$.minSeats') DESC LIMIT 1), ${d}."pricePerSeatCents")`;
const tierPrice = tierPriceOf(raw("d"));

function finalPriceStmts(now: string): Stmt[] {
  const due = sql`SELECT "id" FROM "Deal" WHERE "status" = 'confirmed' AND "priceTiers" <> '[]' AND "deadline" <= ${now}
    AND "priceFinalAt" IS NULL ORDER BY "deadline", "id" LIMIT ${PER_BATCH}`;
  const payload = (seats: Stmt, status: Stmt) =>
    sql`json_object('seats', ${seats}, 'status', ${status}, 'priceCents', ${tierPrice}, 'currency', d."currency")`;
  return [
    notify(
      "deal-final-price",
      sql`SELECT d."id" AS dealId, c."userId" AS userId, u."email" AS email, ${payload(sql`c."seats"`, sql`'active'`)} AS payload
       FROM "Deal" d JOIN "Commitment" c ON c."dealId" = d."id" AND c."status" = 'active' JOIN "User" u ON u."id" = c."userId"
       WHERE d."id" IN (${due})`,
      now,
    ),
    notify(
      "deal-final-price",
      sql`SELECT d."id" AS dealId, d."initiatorId" AS userId, u."email" AS email, ${payload(sql`0`, sql`'initiator'`)} AS payload
       FROM "Deal" d JOIN "User" u ON u."id" = d."initiatorId" WHERE d."id" IN (${due})`,
      now,
    ),
    sql`UPDATE "Deal" SET "finalPriceCents" = ${tierPriceOf(raw(`"Deal"`))}, "priceFinalAt" = ${now}
       WHERE "id" IN (${due}) AND "priceFinalAt" IS NULL RETURNING "id"`,
    // Its price final, the deal asks its active participants to pay.
    ...askToPayStmts(sql`SELECT "id" FROM "Deal" WHERE "status" = 'confirmed' AND "priceFinalAt" = ${now}`, now),
  ];
}

function reviewInviteStmts(now: string): Stmt[] {
  const due = sql`SELECT d."id" FROM "Deal" d WHERE d."status" = 'confirmed' AND d."reviewsOpenedAt" IS NULL
    AND ${overAt} <= ${now} ORDER BY d."deadline", d."id" LIMIT ${PER_BATCH}`;
  return [
    notify(
      "review-invite",
      sql`SELECT d."id" AS dealId, c."userId" AS userId, u."email" AS email,
         json_object('seats', c."seats", 'status', c."status") AS payload
       FROM "Deal" d JOIN "Commitment" c ON c."dealId" = d."id" AND c."status" = 'active' JOIN "User" u ON u."id" = c."userId"
       WHERE d."id" IN (${due}) AND ${closesAt} > ${now}`,
      now,
    ),
    sql`UPDATE "Deal" SET "reviewsOpenedAt" = ${now} WHERE "id" IN (${due}) AND "reviewsOpenedAt" IS NULL RETURNING "id"`,
  ];
}

/** Where each step's marking update answers the deals it marked. */
const RESULT = { finalPrices: 2, reviewInvites: 1 } as const;

export async function sweepCoCreate(deps: Deps): Promise<{ finalPrices: number; reviewInvites: number }> {
  const counts = { finalPrices: 0, reviewInvites: 0 };
  for (const [key, stmts] of [
    ["finalPrices", finalPriceStmts],
    ["reviewInvites", reviewInviteStmts],
  ] as const) {
    counts[key] = (await drain(async () => (await deps.sql.batch(stmts(sqlTime(clock.nowMs()))))[RESULT[key]] ?? [])).length;
  }
  if (counts.finalPrices + counts.reviewInvites) {
    deps.log.info("co-creation sweep", counts);
    deps.kickOutbox();
  }
  return counts;
}
