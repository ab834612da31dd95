// Withdrawing a commitment: read it with its deal, decide by the withdrawal rule, then one atomic
// batch whose guards make sure nothing changed since the read. Freed active seats go to the
// waitlist in the same batch.
import type { Deps } from "../context.ts";
import { AppError } from "../errors.ts";
import { clock } from "../clock.ts";
import { query, sql, sqlTime, type Stmt } from "../db/sql.ts";
import { withdrawal } from "../contract/rules.ts";
import { assertDealId, dealClockFromRow } from "./deal-reads.ts";
import { promoteWaitlistStmts, recount } from "./deal-writes.ts";
import { enterGraceStmts, inGrace } from "./grace-sql.ts";

const GRACE_STEPS = enterGraceStmts("", "").length;
import { withdrawFromOptionsStmts } from "./options.ts";

/**
 * Active seats may leave while the deal is open and before its deadline, or in grace before it
 * ends; a waitlisted commitment may always leave. Seats freed in grace promote the waitlist as
 * they would while open (those people committed; it can only help the deal hold its soft
 * threshold), but nothing confirms in grace except its end. `from` is the status the caller read; the guards make sure it is
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
      ? sql`AND "status" = 'active' AND EXISTS (SELECT 1 FROM "Deal" d WHERE d."id" = ${dealId}
          AND ((d."status" = 'open' AND d."deadline" > ${now}) OR ${inGrace(now)}))`
      : sql`AND "status" = 'waitlisted'`;
  if (w.hasOptions) return withdrawFromOptionsStmts({ dealId, userId, commitmentId, guard, now });
  return [
    // A deal in grace by the clock is moved there first, so the guard below sees it as it is.
    ...enterGraceStmts(dealId, now),
    sql`UPDATE "Commitment" SET "status" = 'withdrawn', "updatedAt" = ${now}
       WHERE "id" = ${commitmentId} AND "dealId" = ${dealId} AND "userId" = ${userId} ${guard}
       RETURNING "id", "seats"`,
    recount(dealId),
    ...(from === "active"
      ? [
          ...promoteWaitlistStmts(dealId, now, commitmentId),
          // Whether the promoted seats confirmed the deal (credited to this withdrawal): for the metrics.
          sql`SELECT "id" FROM "Deal" WHERE "id" = ${dealId} AND "confirmedByCommitmentId" = ${commitmentId}`,
        ]
      : []),
  ];
}

export async function withdrawCommitment(deps: Deps, { userId, dealId }: { userId: string; dealId: string }) {
  assertDealId(dealId);
  for (let attempt = 0; attempt < 3; attempt++) {
    const [c] = await query(
      deps.sql,
      sql`SELECT c."id", c."status", d."status" AS dealStatus, d."deadline", d."softThreshold", d."seatsCommitted",
         d."graceEndsAt", d."goAheadAt",
         EXISTS (SELECT 1 FROM "DealOption" o WHERE o."dealId" = d."id") AS hasOptions
       FROM "Commitment" c JOIN "Deal" d ON d."id" = c."dealId"
       WHERE c."dealId" = ${dealId} AND c."userId" = ${userId}`,
    );
    if (!c || c.status === "withdrawn" || c.status === "released" || c.status === "removed") {
      throw new AppError("COMMITMENT_NOT_FOUND", "You have no commitment to this deal.");
    }
    const now = clock.nowMs();
    const rule = withdrawal(dealClockFromRow({ ...c, status: c.dealStatus ?? null }), String(c.status), now);
    if (rule === "binding") {
      throw new AppError("COMMITMENT_BINDING", "The deal is confirmed: your active seats are binding.");
    }
    if (rule === "closed") throw new AppError("DEAL_CLOSED", "This deal has ended; there is nothing to withdraw from.");
    const from = c.status as "active" | "waitlisted";
    const hasOptions = Boolean(c.hasOptions);
    const results = await deps.sql.batch(withdrawStmts({ dealId, userId, commitmentId: String(c.id), from, now, hasOptions }));
    // The options' batch has no grace step in front: a deal with options has no soft threshold.
    if (results[hasOptions ? 0 : GRACE_STEPS]?.length) {
      if (from === "active" && !hasOptions && results.at(-1)?.length) deps.metrics.confirmation();
      // Leaving moves the waitlist behind: promoted and renumbered viewers read their own part again.
      deps.events.publish(dealId, { viewer: userId, others: true });
      deps.kickOutbox();
      return;
    }
    // The guard refused: the deal or the commitment changed since the read. Read again.
  }
  throw new AppError("DEAL_CLOSED", "This deal changed while you withdrew. Reload and try again.");
}
