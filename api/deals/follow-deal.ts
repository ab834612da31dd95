// Following a deal: someone not ready to commit hears its updates and that it is ending soon.
// Idempotent both ways: following twice is one follow, unfollowing what one never followed is fine.
// Anyone signed in may follow any deal they can see; a closed deal can still be followed (and
// simply sends nothing more), so the button never fails for a reason the person can't act on.
import type { Deps } from "../context.ts";
import { AppError } from "../errors.ts";
import { clock } from "../clock.ts";
import { sql, sqlTime } from "../db/sql.ts";
import { assertDealId } from "./deal-reads.ts";

export async function setFollowing(
  deps: Deps,
  { userId, dealId, following }: { userId: string; dealId: string; following: boolean },
): Promise<{ following: boolean }> {
  assertDealId(dealId);
  const now = sqlTime(clock.nowMs());
  const results = await deps.sql.batch([
    following
      ? sql`INSERT INTO "Follow" ("dealId", "userId", "createdAt")
         SELECT ${dealId}, ${userId}, ${now} WHERE EXISTS (SELECT 1 FROM "Deal" WHERE "id" = ${dealId})
         ON CONFLICT ("dealId", "userId") DO NOTHING`
      : sql`DELETE FROM "Follow" WHERE "dealId" = ${dealId} AND "userId" = ${userId}`,
    sql`SELECT 1 AS found FROM "Deal" WHERE "id" = ${dealId}`,
  ]);
  if (!results[1]?.length) throw new AppError("DEAL_NOT_FOUND", "There is no such deal.");
  // Only this viewer's own part changed: their open pages read it again, nobody else's do.
  deps.events.publish(dealId, { viewer: userId });
  return { following };
}
