// Cancelling a deal: by its initiator, while it is open and before its deadline, or in grace
// before the grace ends. Everyone who
// committed, waitlisted too, and the initiator are told, in the same batch.
import type { Deps } from "../context.ts";
import { AppError } from "../errors.ts";
import { clock } from "../clock.ts";
import { sql, sqlTime, type Stmt } from "../db/sql.ts";
import { notify } from "../outbox/enqueue.ts";
import { findDeal, getDeal } from "./deal-reads.ts";
import { initiatorOf, participantsOf } from "./deal-writes.ts";
import { enterGraceStmts, inGrace } from "./grace-sql.ts";

/**
 * The notifications first, under the same guard as the update; the update returns the deal.
 * Moderation (api/moderation) cancels through these too, on the initiator's behalf.
 */
export function cancelStmts(dealId: string, initiatorId: string, nowMs: number): Stmt[] {
  const now = sqlTime(nowMs);
  const stillOpen = sql`d."initiatorId" = ${initiatorId} AND ((d."status" = 'open' AND d."deadline" > ${now}) OR ${inGrace(now)})`;
  const whileOpen = sql`AND EXISTS (SELECT 1 FROM "Deal" d WHERE d."id" = ${dealId} AND ${stillOpen})`;
  return [
    // A deal in grace by the clock is moved there first (and everyone told), then cancelled.
    ...enterGraceStmts(dealId, now),
    notify("deal-cancelled", participantsOf(dealId, ["active", "waitlisted"], whileOpen), now),
    notify("deal-cancelled", initiatorOf(dealId, whileOpen), now),
    sql`UPDATE "Deal" AS d SET "status" = 'cancelled', "closedAt" = ${now}
       WHERE d."id" = ${dealId} AND ${stillOpen}
       RETURNING "id"`,
  ];
}

export async function cancelDeal(deps: Deps, { userId, dealId }: { userId: string; dealId: string }) {
  const deal = await findDeal(deps, dealId);
  // Someone else's deal reads as 403: its existence is public, its controls are not.
  if (!deal) throw new AppError("DEAL_NOT_FOUND", "There is no such deal.");
  if (deal.initiatorId !== userId) throw new AppError("FORBIDDEN", "Only the initiator can cancel this deal.");
  const results = await deps.sql.batch(cancelStmts(dealId, userId, clock.nowMs()));
  if (!results.at(-1)?.length) {
    throw new AppError("DEAL_NOT_OPEN", "Only an open deal before its deadline, or one in grace, can be cancelled.");
  }
  deps.events.publish(dealId);
  deps.kickOutbox();
  return getDeal(deps, { dealId, viewerId: userId });
}
