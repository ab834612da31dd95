// Reporting a deal: anyone signed in may, once per deal (a repeat is accepted and changes
// nothing). A deal the reporter cannot see (hidden from them) is a 404, as everywhere.
import type { Deps } from "../context.ts";
import { AppError } from "../errors.ts";
import { clock } from "../clock.ts";
import { newId } from "../ids.ts";
import { query, sql, sqlTime } from "../db/sql.ts";
import { assertDealId } from "../deals/deal-reads.ts";

export async function reportDeal(deps: Deps, { userId, dealId, reason }: { userId: string; dealId: string; reason: string }) {
  assertDealId(dealId);
  const now = sqlTime(clock.nowMs());
  await deps.sql.batch([
    sql`INSERT INTO "Report" ("id", "dealId", "reporterId", "reason", "createdAt")
       SELECT ${newId()}, d."id", ${userId}, ${reason}, ${now} FROM "Deal" d
       WHERE d."id" = ${dealId} AND (d."hiddenAt" IS NULL OR d."initiatorId" = ${userId})
         AND NOT EXISTS (SELECT 1 FROM "Report" r WHERE r."dealId" = d."id" AND r."reporterId" = ${userId})`,
  ]);
  const [seen] = await query(
    deps.sql,
    sql`SELECT 1 AS "ok" FROM "Deal" WHERE "id" = ${dealId} AND ("hiddenAt" IS NULL OR "initiatorId" = ${userId})`,
  );
  if (!seen) throw new AppError("DEAL_NOT_FOUND", "There is no such deal.");
}
