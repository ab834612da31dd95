// The ending-soon reminder (Kickstarter's "48 hours to go"): when an open deal comes within 48
// hours of its deadline, its active and waitlisted participants, its followers and its initiator
// get `deal-ending-soon` once, with the seats still needed and the link to share. Deals proposed
// with less than 48 hours to go get none (they were never far from the end); confirmed deals get
// none (nothing is needed any more). Each batch marks Deal.endingSoonAt and enqueues under the same
// predicate, so a second sweep, a concurrent one or one on the other target finds nothing to do;
// and the outbox key (deal-ending-soon:deal:recipient) could not take a second email anyway.
import type { Deps } from "../context.ts";
import { clock } from "../clock.ts";
import { sql, sqlTime, type Stmt } from "../db/sql.ts";
import { drain, PER_BATCH } from "../db/batches.ts";
import { notify } from "../outbox/enqueue.ts";
import { audienceOf } from "./audience.ts";

const ENDING_SOON_MS = 48 * 3_600_000;

function endingSoonStmts(nowMs: number, limit: number): Stmt[] {
  const now = sqlTime(nowMs);
  const soon = sqlTime(nowMs + ENDING_SOON_MS);
  // Created at least 48 hours before the deadline, compared as the stored text: the same format
  // (YYYY-MM-DDTHH:MM:SS.SSS+00:00) on both sides, so exactly 48 hours counts.
  const longEnough = sql`"deadline" >= strftime('%Y-%m-%dT%H:%M:%f', "createdAt", '+48 hours') || '+00:00'`;
  // The same ordered, limited set in every statement: within one atomic batch it cannot change.
  const due = sql`SELECT "id" FROM "Deal"
    WHERE "status" = 'open' AND "endingSoonAt" IS NULL AND "deadline" > ${now} AND "deadline" <= ${soon} AND ${longEnough}
    ORDER BY "deadline", "id" LIMIT ${limit}`;
  const payload = sql`json_object('status', CASE WHEN u."id" = dd."initiatorId" THEN 'initiator' ELSE 'member' END)`;
  return [
    notify("deal-ending-soon", audienceOf(due, "include", payload), now),
    sql`UPDATE "Deal" SET "endingSoonAt" = ${now} WHERE "id" IN (${due}) RETURNING "id"`,
  ];
}

export async function sweepEndingSoon(deps: Deps): Promise<{ reminded: string[] }> {
  const marked = await drain(async () => (await deps.sql.batch(endingSoonStmts(clock.nowMs(), PER_BATCH))).at(-1) ?? []);
  const reminded = marked.map((r) => String(r.id));
  if (reminded.length) deps.log.info("ending-soon reminders enqueued", { deals: reminded.length });
  return { reminded };
}
