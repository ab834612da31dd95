// Withdrawing a commitment: read it with its deal, decide by the withdrawal rule, then one atomic
// batch whose guards make sure nothing changed since the read. Freed active seats go to the
// waitlist in the same batch.
import type { Deps } from "../context.ts";
import { AppError } from "../errors.ts";
import { clock } from "../clock.ts";
import { fromSqlTime, query, sql, sqlTime, type Stmt } from "../db/sql.ts";
import { withdrawal } from "../contract/rules.ts";
import { assertDealId } from "./deal-reads.ts";
import { promoteWaitlistStmts, recount } from "./deal-writes.ts";
import { withdrawFromOptionsStmts } from "./options.ts";

/**
 * Active seats may leave only while the deal is open and before its deadline; a waitlisted
 * commitment may always leave. `from` is the status the caller read; the guards make sure it is
 * still so. The first statement returns the withdrawn row: no row means the guard refused.
 */
function withdrawStmts(w: {
  dealId: string;
  userId: string;
  commitmentId: string;
  from: "active" | "waitlisted";
  now: number;
  hasOptions: boolean;
}): Stmt[] {
  const { dealId, userId, commitmentId, from } = w;
  const now = sqlTime(w.now);
  const guard =
    from === "active"
      ? sql`AND "status" = 'active' AND EXISTS (SELECT 1 FROM "Deal" WHERE "id" = ${dealId} AND "status" = 'open' AND "deadline" > ${now})`
      : sql`AND "status" = 'waitlisted'`;
  if (w.hasOptions) return withdrawFromOptionsStmts({ dealId, userId, commitmentId, guard, now });
  return [
    sql`UPDATE "Commitment" SET "status" = 'withdrawn', "updatedAt" = ${now}
       WHERE "id" = ${commitmentId} AND "dealId" = ${dealId} AND "userId" = ${userId} ${guard}
       RETURNING "id", "seats"`,
    recount(dealId),
    ...(from === "active" ? promoteWaitlistStmts(dealId, now, commitmentId) : []),
  ];
}

export async function withdrawCommitment(deps: Deps, { userId, dealId }: { userId: string; dealId: string }) {
  assertDealId(dealId);
  for (let attempt = 0; attempt < 3; attempt++) {
    const [c] = await query(
      deps.sql,
      sql`SELECT c."id", c."status", d."status" AS dealStatus, d."deadline",
         EXISTS (SELECT 1 FROM "DealOption" o WHERE o."dealId" = d."id") AS hasOptions
       FROM "Commitment" c JOIN "Deal" d ON d."id" = c."dealId"
       WHERE c."dealId" = ${dealId} AND c."userId" = ${userId}`,
    );
    if (!c || c.status === "withdrawn" || c.status === "released") {
      throw new AppError("COMMITMENT_NOT_FOUND", "You have no commitment to this deal.");
    }
    const now = clock.nowMs();
    const rule = withdrawal({ status: String(c.dealStatus), deadline: fromSqlTime(c.deadline)! }, String(c.status), now);
    if (rule === "binding") {
      throw new AppError("COMMITMENT_BINDING", "The deal is confirmed: your active seats are binding.");
    }
    if (rule === "closed") throw new AppError("DEAL_CLOSED", "This deal has ended; there is nothing to withdraw from.");
    const from = c.status as "active" | "waitlisted";
    const hasOptions = Boolean(c.hasOptions);
    const results = await deps.sql.batch(withdrawStmts({ dealId, userId, commitmentId: String(c.id), from, now, hasOptions }));
    if (results[0]?.length) {
      deps.events.publish(dealId);
      deps.kickOutbox();
      return;
    }
    // The guard refused: the deal or the commitment changed since the read. Read again.
  }
  throw new AppError("DEAL_CLOSED", "This deal changed while you withdrew. Reload and try again.");
}
