// The deadline sweep: moves open deals past their deadline to failed and tells everyone, active
// or waitlisted, and the initiator. Deals that ended at their soft threshold are left to the grace
// sweep (sweep-grace.ts). Reads and writes never depend on it (see contract/rules.ts);
// it makes the outcome durable and mailed.
import type { Deps } from "../context.ts";
import { clock } from "../clock.ts";
import { sql, sqlTime, type Stmt } from "../db/sql.ts";
import { drain, PER_BATCH } from "../db/batches.ts";
import { notify } from "../outbox/enqueue.ts";
import { initiatorOf, participantsOf } from "./deal-writes.ts";
import { entersGrace } from "./grace-sql.ts";

/** The notifications are written first, with the same predicate as the update, in the same batch. */
function sweepStmts(nowMs: number, limit: number): Stmt[] {
  const now = sqlTime(nowMs);
  // The same ordered, limited set in every statement: within one atomic batch it cannot change.
  const expired = sql`SELECT d."id" FROM "Deal" d WHERE d."status" = 'open' AND d."deadline" <= ${now} AND NOT (${entersGrace(now)})
    ORDER BY d."deadline", d."id" LIMIT ${limit}`;
  return [
    notify("deal-failed", participantsOf(expired, ["active", "waitlisted"]), now),
    notify("deal-failed", initiatorOf(expired), now),
    sql`UPDATE "Deal" SET "status" = 'failed', "closedAt" = ${now}
       WHERE "id" IN (${expired}) AND "status" = 'open'
       RETURNING "id"`,
  ];
}

export async function sweepExpiredDeals(deps: Deps): Promise<{ failed: string[] }> {
  const marked = await drain(async () => (await deps.sql.batch(sweepStmts(clock.nowMs(), PER_BATCH))).at(-1) ?? []);
  const failed = marked.map((r) => String(r.id));
  for (const id of failed) deps.events.publish(id);
  if (failed.length) deps.log.info("deals failed at deadline", { count: failed.length });
  return { failed };
}
