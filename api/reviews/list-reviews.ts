// Reading reviews: one mapper from SQL to the review JSON, which names the reviewer by display
// name only (never an email address), and the reviews of one deal, newest first.
import type { Deps } from "../context.ts";
import { AppError } from "../errors.ts";
import { fromSqlTime, query, sql, type Row } from "../db/sql.ts";
import { assertDealId } from "../deals/deal-reads.ts";

const MAX_LISTED = 200;

/** A review r with its reviewer u. */
export const reviewColumns = sql`r."id", r."rating", r."comment", r."createdAt", r."dealId", u."displayName" AS reviewerName`;

export function reviewFromRow(r: Row) {
  return {
    id: String(r.id),
    rating: String(r.rating) as "positive" | "neutral" | "negative",
    comment: r.comment == null ? null : String(r.comment),
    reviewerName: String(r.reviewerName),
    createdAt: fromSqlTime(r.createdAt)!.toISOString(),
  };
}

export async function listReviews(deps: Deps, dealId: string) {
  assertDealId(dealId);
  const [deal] = await query(deps.sql, sql`SELECT 1 FROM "Deal" WHERE "id" = ${dealId}`);
  if (!deal) throw new AppError("DEAL_NOT_FOUND", "There is no such deal.");
  const rows = await query(
    deps.sql,
    sql`SELECT ${reviewColumns} FROM "Review" r JOIN "User" u ON u."id" = r."reviewerId"
     WHERE r."dealId" = ${dealId} ORDER BY r."createdAt" DESC, r."id" LIMIT ${MAX_LISTED}`,
  );
  return rows.map(reviewFromRow);
}
