// Cancelling a deal: by its initiator, while it is open and before its deadline. Everyone who
// committed, waitlisted too, and the initiator are told, in the same batch.
import type { Deps } from "../context.ts";
import { AppError } from "../errors.ts";
import { clock } from "../clock.ts";
import { sql, sqlTime, type Stmt } from "../db/sql.ts";
import { notify } from "../outbox/enqueue.ts";
import { findDeal, getDeal } from "./deal-reads.ts";
import { initiatorOf, participantsOf } from "./deal-writes.ts";

/**
 * The notifications first, under the same guard as the update; the update returns the deal.
 * Moderation (api/moderation) cancels through these too, on the initiator's behalf.
 */
export function cancelStmts(dealId: string, initiatorId: string, nowMs: number): Stmt[] {
  const now = sqlTime(nowMs);
  const stillOpen = sql`"initiatorId" = ${initiatorId} AND "status" = 'open' AND "deadline" > ${now}`;
  const whileOpen = sql`AND EXISTS (SELECT 1 FROM "Deal" WHERE "id" = ${dealId} AND ${stillOpen})`;
  return [
    notify("deal-cancelled", participantsOf(dealId, ["active", "waitlisted"], whileOpen), now),
    notify("deal-cancelled", initiatorOf(dealId, whileOpen), now),
    sql`UPDATE "Deal" SET "status" = 'cancelled', "closedAt" = ${now}
       WHERE "id" = ${dealId} AND ${stillOpen}
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
    throw new AppError("DEAL_NOT_OPEN", "Only an open deal before its deadline can be cancelled.");
  }
  deps.events.publish(dealId);
  deps.kickOutbox();
  return getDeal(deps, { dealId, viewerId: userId });
}
