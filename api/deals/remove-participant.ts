// Removing a participant, by the deal's initiator (a fake participant can tip a deal or fill it):
// read the commitment with its deal, decide, then one atomic batch whose guards make sure nothing
// changed since the read. The seats are freed and the waitlist promoted in the same batch, through
// the same steps a withdrawal uses; a payment still due lapses, so no reminder goes out; the
// participant is told once. Removing never undoes a confirmation and never closes an open deal.
import type { Deps } from "../context.ts";
import { AppError } from "../errors.ts";
import { clock } from "../clock.ts";
import { query, sql, sqlTime, type Stmt } from "../db/sql.ts";
import { ID_PATTERN } from "../ids.ts";
import { canRemoveParticipants } from "../contract/rules.ts";
import { notify } from "../outbox/enqueue.ts";
import { assertDealId, dealClockFromRow } from "./deal-reads.ts";
import { promoteWaitlistStmts, recount } from "./deal-writes.ts";
import { endGraceStmts, enterGraceStmts, inGrace } from "./grace-sql.ts";
import { withdrawFromOptionsStmts } from "./options.ts";

const GRACE_STEPS = enterGraceStmts("", "").length + endGraceStmts(sql``, "").length;

interface Removal {
  dealId: string;
  initiatorId: string;
  commitmentId: string;
  /** The participant, as read: the guards make sure the commitment is still theirs. */
  userId: string;
  from: "active" | "waitlisted";
  now: number;
  hasOptions: boolean;
}

/**
 * The batch. Its first statement (after entering grace, for a deal without options) returns the
 * removed row: no row means a guard refused (the deal closed, or the commitment left or was
 * removed by a racing request). Then the payment and the email change nothing, as they check that
 * this very batch removed the commitment (its status and its `updatedAt`); recounting and
 * promoting what fits are right whenever they run.
 */
function removeStmts(r: Removal): Stmt[] {
  const { dealId, commitmentId, userId, from, hasOptions } = r;
  const now = sqlTime(r.now);
  const guard = sql`AND "status" = ${from} AND EXISTS (SELECT 1 FROM "Deal" d WHERE d."id" = ${dealId}
      AND d."initiatorId" = ${r.initiatorId}
      AND ((d."status" = 'open' AND d."deadline" > ${now}) OR d."status" = 'confirmed' OR ${inGrace(now)}))`;
  const removedHere = sql`EXISTS (SELECT 1 FROM "Commitment" WHERE "id" = ${commitmentId} AND "status" = 'removed' AND "updatedAt" = ${now})`;
  const removal = hasOptions
    ? withdrawFromOptionsStmts({ dealId, userId, commitmentId, guard, now, to: "removed" })
    : [
        // A deal in grace by the clock is moved there first, and one whose grace ended is settled
        // (confirmed or failed, everyone told) before any seat leaves, so the guard below sees it
        // as it is, and removing never takes a going-ahead deal below its soft threshold.
        ...enterGraceStmts(dealId, now),
        ...endGraceStmts(sql`SELECT ${dealId}`, now),
        sql`UPDATE "Commitment" SET "status" = 'removed', "updatedAt" = ${now}
           WHERE "id" = ${commitmentId} AND "dealId" = ${dealId} AND "userId" = ${userId} ${guard}
           RETURNING "id", "seats"`,
        recount(dealId),
        // Freed seats go to the waitlist through the steps a withdrawal uses, whatever those steps add (payments).
        ...promoteWaitlistStmts(dealId, now, commitmentId),
      ];
  return [
    ...removal,
    // A payment still due is not asked for any more; a paid one stays paid (refunds are the initiator's).
    sql`UPDATE "Payment" SET "status" = 'lapsed', "updatedAt" = ${now}
       WHERE "commitmentId" = ${commitmentId} AND "status" = 'due' AND ${removedHere}`,
    notify(
      "commitment-removed",
      sql`SELECT c."dealId" AS dealId, c."userId" AS userId, u."email" AS email,
         json_object('seats', c."seats", 'status', 'removed') AS payload
       FROM "Commitment" c JOIN "User" u ON u."id" = c."userId"
       WHERE c."id" = ${commitmentId} AND ${removedHere}`,
      now,
    ),
    // Whether the promoted seats confirmed the deal (credited to this removal): for the metrics.
    sql`SELECT "id" FROM "Deal" WHERE "id" = ${dealId} AND "confirmedByCommitmentId" = ${commitmentId} AND "confirmedAt" = ${now}`,
  ];
}

export async function removeParticipant(
  deps: Deps,
  { userId, dealId, commitmentId }: { userId: string; dealId: string; commitmentId: string },
) {
  assertDealId(dealId);
  for (let attempt = 0; attempt < 3; attempt++) {
    const [d] = await query(
      deps.sql,
      sql`SELECT d."initiatorId", d."status", d."deadline", d."softThreshold", d."seatsCommitted", d."graceEndsAt", d."goAheadAt",
         EXISTS (SELECT 1 FROM "DealOption" o WHERE o."dealId" = d."id") AS hasOptions,
         c."id" AS commitmentId, c."userId" AS participantId, c."status" AS commitmentStatus
       FROM "Deal" d LEFT JOIN "Commitment" c ON c."dealId" = d."id" AND c."id" = ${ID_PATTERN.test(commitmentId) ? commitmentId : ""}
       WHERE d."id" = ${dealId}`,
    );
    if (!d) throw new AppError("DEAL_NOT_FOUND", "There is no such deal.");
    // Someone else's deal reads as 403 whatever the commitment: its controls are not theirs to probe.
    if (d.initiatorId !== userId) throw new AppError("FORBIDDEN", "Only the initiator can remove a participant.");
    // A commitment of another deal is not found here, as if it did not exist.
    if (!d.commitmentId || d.commitmentStatus === "withdrawn") {
      throw new AppError("COMMITMENT_NOT_FOUND", "This deal has no such participant.");
    }
    if (d.commitmentStatus === "removed") throw new AppError("ALREADY_REMOVED", "This participant has already been removed.");
    if (d.commitmentStatus !== "active" && d.commitmentStatus !== "waitlisted") {
      throw new AppError("COMMITMENT_NOT_LIVE", "This participant no longer holds seats in this deal.");
    }
    const now = clock.nowMs();
    if (!canRemoveParticipants(dealClockFromRow(d), now)) {
      throw new AppError("DEAL_CLOSED", "This deal has ended: its participants can no longer be removed.");
    }
    const hasOptions = Boolean(d.hasOptions);
    const participantId = String(d.participantId);
    const removal: Removal = {
      dealId,
      initiatorId: userId,
      commitmentId: String(d.commitmentId),
      userId: participantId,
      from: d.commitmentStatus as "active" | "waitlisted",
      now,
      hasOptions,
    };
    const results = await deps.sql.batch(removeStmts(removal));
    if (results[hasOptions ? 0 : GRACE_STEPS]?.length) {
      if (!hasOptions && results.at(-1)?.length) deps.metrics.confirmation();
      // The removed, the promoted and the renumbered read their own part again.
      deps.events.publish(dealId, { viewer: participantId, others: true });
      deps.kickOutbox();
      return;
    }
    // A guard refused: the deal or the commitment changed since the read. Read again, and say why.
  }
  throw new AppError("DEAL_CLOSED", "This deal changed while you removed the participant. Reload and try again.");
}
