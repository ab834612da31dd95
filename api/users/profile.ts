// A person's public profile: their name, since when they are a member, their record as an
// initiator (only deals that really ended) and the reviews they received, with the latest ones.
// It never carries an email address.
import type { Deps } from "../context.ts";
import { AppError } from "../errors.ts";
import { clock } from "../clock.ts";
import { ID_PATTERN } from "../ids.ts";
import { fromSqlTime, query, sql, sqlTime } from "../db/sql.ts";
import { recordOf, reviewSummary, reviewsOf } from "../deals/co-create-reads.ts";
import { reviewColumns, reviewFromRow } from "../reviews/list-reviews.ts";

const YEAR_MS = 365 * 24 * 3_600_000;
const LATEST = 20;

export async function getProfile(deps: Deps, userId: string) {
  const missing = new AppError("USER_NOT_FOUND", "There is no such member.");
  if (!ID_PATTERN.test(userId)) throw missing;
  const nowMs = clock.nowMs();
  const [[u], latest] = await Promise.all([
    query(
      deps.sql,
      sql`SELECT u."id", u."displayName", u."createdAt",
         (${recordOf(userId, sqlTime(nowMs))}) AS record, (${reviewsOf(userId, sqlTime(nowMs - YEAR_MS))}) AS reviews
       FROM "User" u WHERE u."id" = ${userId} AND u."deletedAt" IS NULL`,
    ),
    query(
      deps.sql,
      sql`SELECT ${reviewColumns}, d."title" AS dealTitle FROM "Review" r JOIN "User" u ON u."id" = r."reviewerId"
       JOIN "Deal" d ON d."id" = r."dealId"
       WHERE r."initiatorId" = ${userId} ORDER BY r."createdAt" DESC, r."id" LIMIT ${LATEST}`,
    ),
  ]);
  if (!u) throw missing;
  return {
    user: { id: String(u.id), displayName: String(u.displayName), memberSince: fromSqlTime(u.createdAt)!.toISOString() },
    record: JSON.parse(String(u.record)) as { proposed: number; confirmed: number; failed: number; cancelled: number },
    reviews: reviewSummary(JSON.parse(String(u.reviews))),
    latestReviews: latest.map((r) => ({ ...reviewFromRow(r), deal: { id: String(r.dealId), title: String(r.dealTitle) } })),
  };
}
