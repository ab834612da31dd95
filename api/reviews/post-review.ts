// Reviewing a deal's initiator: one guarded insert (an active participant of a confirmed deal,
// within the review window, once), and the diagnosis when it inserted nothing.
import type { Deps } from "../context.ts";
import { AppError } from "../errors.ts";
import { clock } from "../clock.ts";
import { newId } from "../ids.ts";
import { query, sql, sqlTime } from "../db/sql.ts";
import { assertDealId } from "../deals/deal-reads.ts";
import { closesAt, overAt } from "./review-window.ts";
import { reviewColumns, reviewFromRow } from "./list-reviews.ts";

type Rating = "positive" | "neutral" | "negative";

export async function postReview(
  deps: Deps,
  r: { userId: string; dealId: string; rating: Rating; comment: string | null },
) {
  assertDealId(r.dealId);
  const id = newId();
  const now = sqlTime(clock.nowMs());
  const [inserted, rows] = await deps.sql.batch([
    sql`INSERT INTO "Review" ("id", "dealId", "reviewerId", "initiatorId", "rating", "comment", "createdAt")
       SELECT ${id}, d."id", ${r.userId}, d."initiatorId", ${r.rating}, ${r.comment}, ${now}
       FROM "Deal" d JOIN "Commitment" c ON c."dealId" = d."id" AND c."userId" = ${r.userId} AND c."status" = 'active'
       WHERE d."id" = ${r.dealId} AND d."status" = 'confirmed' AND d."initiatorId" <> ${r.userId}
         AND ${overAt} <= ${now} AND ${closesAt} > ${now}
       ON CONFLICT ("dealId", "reviewerId") DO NOTHING
       RETURNING "id"`,
    sql`SELECT ${reviewColumns} FROM "Review" r JOIN "User" u ON u."id" = r."reviewerId" WHERE r."id" = ${id}`,
  ]);
  if (inserted?.length && rows?.[0]) return reviewFromRow(rows[0]);
  throw await whyNotReviewed(deps, r.userId, r.dealId, now);
}

async function whyNotReviewed(deps: Deps, userId: string, dealId: string, now: string): Promise<AppError> {
  const [d] = await query(
    deps.sql,
    sql`SELECT d."status", d."initiatorId", ${overAt} <= ${now} AS isOver, ${closesAt} > ${now} AS isOpen,
       (SELECT c."status" FROM "Commitment" c WHERE c."dealId" = d."id" AND c."userId" = ${userId}) AS mine,
       EXISTS (SELECT 1 FROM "Review" r WHERE r."dealId" = d."id" AND r."reviewerId" = ${userId}) AS reviewed
     FROM "Deal" d WHERE d."id" = ${dealId}`,
  );
  if (!d) return new AppError("DEAL_NOT_FOUND", "There is no such deal.");
  if (d.initiatorId === userId || d.mine !== "active") {
    return new AppError("NOT_A_PARTICIPANT", "Only the people who took part to the end can review this deal.");
  }
  if (d.reviewed) return new AppError("ALREADY_REVIEWED", "You have already reviewed this deal.");
  if (d.status !== "confirmed" || !d.isOver) return new AppError("REVIEW_NOT_OPEN", "This deal can be reviewed once it is over.");
  if (!d.isOpen) return new AppError("REVIEW_CLOSED", "Reviews of this deal closed 60 days after it was over.");
  return new AppError("REVIEW_NOT_OPEN", "This deal changed while you reviewed it. Reload and try again.");
}
