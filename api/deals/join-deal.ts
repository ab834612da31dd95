// Joining a deal: one atomic batch of guarded statements, and the diagnosis when it changed
// nothing. The hot path: one batch, no read before it, and none after it when it succeeds.
import type { Deps } from "../context.ts";
import { AppError } from "../errors.ts";
import { clock } from "../clock.ts";
import { newTimeOrderedId } from "../ids.ts";
import { batchOf, fromSqlTime, onlyAfter, query, sql, sqlTime, type Stmt } from "../db/sql.ts";
import { activeInConfirmed } from "../payments/ask-to-pay.ts";
import { notify } from "../outbox/enqueue.ts";
import { isJoinable } from "../contract/rules.ts";
import {
  assertDealId,
  commitmentFromRow,
  dealWithoutOptionsColumnsAt,
  dealFromRow,
  followingColumn,
  newCommitmentColumns,
  toDealJson,
  withInitiator,
} from "./deal-reads.ts";
import { confirmIfReachedStmts, participantsOf } from "./deal-writes.ts";
import { dealHasOptions, joinDealWithOptions } from "./join-deal-with-options.ts";
import { yearBefore } from "./co-create-reads.ts";

/**
 * One join, as one atomic batch:
 * 1. forget an earlier withdrawn commitment of this user, if the deal takes commitments;
 * 2. insert the commitment, active if its seats fit in the remaining capacity, else waitlisted,
 *    guarded by the deal's status, deadline and per-commitment limit, and by the unique
 *    (deal, user) key;
 * 3. add its seats to the deal's counters;
 * 4. confirm the deal if this commitment brought active seats to the threshold, and fan out
 *    deal-confirmed if it did;
 * 5. or tell this participant if the deal was already confirmed.
 * The last statement reads back the commitment with its deal: no row means nothing changed.
 */
export function joinStmts(j: { dealId: string; userId: string; seats: number; commitmentId: string; now: number }): Stmt[] {
  return joinBatch({ dealId: j.dealId, userId: j.userId, seats: j.seats, id: j.commitmentId, now: sqlTime(j.now), since: yearBefore(j.now) });
}

/** `since`: yearBefore(now), where the initiator's recent reviews begin (co-create-reads.ts). */
type JoinValues = { dealId: string; userId: string; seats: number; id: string; now: string; since: string };

/** The join's statements, written out; joinStmts fills in a copy written once (sql.ts, batchOf). */
export const joinStatements = ({ dealId, userId, seats, id, now, since }: JoinValues): Stmt[] => {
  // Whether the new commitment is active in a confirmed deal: only then is it asked to pay and told
  // the deal is confirmed (ask-to-pay.ts); a join before the tip or onto the waitlist skips both.
  const mine = activeInConfirmed(id);
  return [
    sql`DELETE FROM "Commitment" WHERE "dealId" = ${dealId} AND "userId" = ${userId} AND "status" = 'withdrawn'
       AND EXISTS (SELECT 1 FROM "Deal" WHERE "id" = ${dealId} AND "status" IN ('open', 'confirmed') AND "deadline" > ${now}
         AND "maxSeatsPerCommitment" >= ${seats} AND "hiddenAt" IS NULL
         AND NOT EXISTS (SELECT 1 FROM "DealOption" WHERE "dealId" = ${dealId}))`,
    sql`INSERT INTO "Commitment" ("id", "dealId", "userId", "seats", "status", "position", "createdAt", "updatedAt")
       SELECT ${id}, d."id", ${userId}, ${seats},
         CASE WHEN d."capacity" IS NULL OR d."seatsCommitted" + ${seats} <= d."capacity" THEN 'active' ELSE 'waitlisted' END,
         d."nextPosition", ${now}, ${now}
       FROM "Deal" d WHERE d."id" = ${dealId} AND d."status" IN ('open', 'confirmed') AND d."deadline" > ${now}
         AND d."maxSeatsPerCommitment" >= ${seats} AND d."hiddenAt" IS NULL
         AND NOT EXISTS (SELECT 1 FROM "DealOption" WHERE "dealId" = d."id")
       ON CONFLICT ("dealId", "userId") DO NOTHING`,
    sql`UPDATE "Deal" SET
         "seatsCommitted" = "seatsCommitted" + (SELECT CASE WHEN "status" = 'active' THEN "seats" ELSE 0 END FROM "Commitment" WHERE "id" = ${id}),
         "seatsWaitlisted" = "seatsWaitlisted" + (SELECT CASE WHEN "status" = 'waitlisted' THEN "seats" ELSE 0 END FROM "Commitment" WHERE "id" = ${id}),
         "participantCount" = "participantCount" + 1,
         -- issue 17: kept beside participantCount, so the read-back below need not count the waitlist
         "waitlistCount" = "waitlistCount" + (SELECT "status" = 'waitlisted' FROM "Commitment" WHERE "id" = ${id}),
         "nextPosition" = "nextPosition" + 1
       WHERE "id" = ${dealId} AND EXISTS (SELECT 1 FROM "Commitment" WHERE "id" = ${id})`,
    ...confirmIfReachedStmts(dealId, id, now, mine),
    // Skipped on Node unless the commitment is active in a confirmed deal (sql.ts, onlyAfter).
    onlyAfter(
      mine,
      notify(
        "deal-confirmed",
        participantsOf(
          dealId,
          ["active"],
          sql`AND c."id" = ${id} AND EXISTS (SELECT 1 FROM "Deal" WHERE "id" = c."dealId" AND "status" = 'confirmed')`,
        ),
        now,
      ),
    ),
    sql`SELECT ${dealWithoutOptionsColumnsAt(now, since)}, ${newCommitmentColumns}, ${followingColumn(userId)}, d."confirmedByCommitmentId" = c."id" AS tipped
       FROM "Commitment" c JOIN "Deal" d ON d."id" = c."dealId" ${withInitiator}
       WHERE c."id" = ${id}`,
  ];
};

const joinBatch = batchOf<JoinValues>(["dealId", "userId", "seats", "id", "now", "since"], joinStatements);

export async function joinDeal(
  deps: Deps,
  { userId, dealId, seats, optionIds }: { userId: string; dealId: string; seats: number; optionIds?: string[] },
) {
  assertDealId(dealId);
  // A deal with options: see join-deal-with-options.ts. Without a choice, a join is tried as a
  // plain one first (the hot path), and counts for the winner if the deal has options.
  if (optionIds) return joinDealWithOptions(deps, { userId, dealId, seats, optionIds }, whyJoinFailed);
  const now = clock.nowMs();
  const results = await deps.sql.batch(joinStmts({ dealId, userId, seats, commitmentId: newTimeOrderedId(now), now }));
  const row = results.at(-1)?.[0];
  if (!row && (await dealHasOptions(deps, dealId))) {
    return joinDealWithOptions(deps, { userId, dealId, seats, optionIds: [] }, whyJoinFailed);
  }
  if (!row) throw await whyJoinFailed(deps, { userId, dealId, seats, now });
  const commitment = commitmentFromRow(row)!;
  if (row.tipped) {
    deps.log.info("deal confirmed", { dealId });
    deps.metrics.confirmation();
  }
  deps.events.publish(dealId, { viewer: userId });
  if (commitment.status === "active" && row.status === "confirmed") deps.kickOutbox();
  // The deal as this batch left it, read by its last statement: the answer costs no extra read.
  const deal = toDealJson(dealFromRow(row), userId, commitment, Number(row.viewerFollowing) === 1);
  return { commitment, deal, dealStatus: String(row.status) };
}

/** Reads why a guarded join changed nothing, to answer with the right code. */
async function whyJoinFailed(
  deps: Deps,
  { userId, dealId, seats, now }: { userId: string; dealId: string; seats: number; now: number },
): Promise<AppError> {
  const [deal] = await query(
    deps.sql,
    sql`SELECT d."status", d."deadline", d."maxSeatsPerCommitment", d."hiddenAt",
       (SELECT c."status" FROM "Commitment" c WHERE c."dealId" = d."id" AND c."userId" = ${userId}) AS mine
     FROM "Deal" d WHERE d."id" = ${dealId}`,
  );
  // A deal an administrator hid takes no one, and is not there for a would-be participant.
  if (!deal || deal.hiddenAt != null) return new AppError("DEAL_NOT_FOUND", "There is no such deal.");
  if (!isJoinable({ status: String(deal.status), deadline: fromSqlTime(deal.deadline)! }, now)) {
    return new AppError("DEAL_CLOSED", "This deal no longer takes commitments.");
  }
  if (deal.mine != null && deal.mine !== "withdrawn") {
    return new AppError("ALREADY_COMMITTED", "You have already committed to this deal.");
  }
  const max = Number(deal.maxSeatsPerCommitment);
  if (seats > max) {
    return new AppError("SEATS_EXCEED_LIMIT", `At most ${max} seats per commitment.`, {
      issues: [{ path: "seats", message: `At most ${max}` }],
    });
  }
  // The deal changed between the batch and this read; the client may simply try again.
  return new AppError("DEAL_CLOSED", "This deal changed while you joined. Reload and try again.");
}
