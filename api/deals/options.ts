// The guarded steps of deals with options (the group picks the date or the place): each option
// keeps its own counts and its own waitlist; the first option whose active seats reach the
// threshold wins, once. Every step re-checks its preconditions in its WHERE clause, as the steps
// in deal-writes.ts do. See docs/decisions/013-options-single-winner.md.
import { raw, sql, type Stmt } from "../db/sql.ts";
import { notify } from "../outbox/enqueue.ts";
import { askToPayAfterStmts, askToPayStmts } from "../payments/ask-to-pay.ts";
import { initiatorOf, participantsOf } from "./deal-writes.ts";

/** The id of the deal's winning option, for a statement that names the deal `dealId`. */
const winnerOf = (dealId: string) => sql`(SELECT "winningOptionId" FROM "Deal" WHERE "id" = ${dealId})`;

/**
 * The deal's own counters of a deal with options: those of the winner once there is one, else
 * those of the leading option (most active seats, then the first). Participants are counted once.
 */
export const recountOptionsDeal = (dealId: string) => {
  // The deal is named by its id, not by the outer row: D1's SQLite does not resolve an outer
  // table in a subquery's ORDER BY.
  const lead = sql`FROM "DealOption" o WHERE o."dealId" = ${dealId}
    ORDER BY COALESCE(o."id" = ${winnerOf(dealId)}, 0) DESC, o."seatsCommitted" DESC, o."position" LIMIT 1`;
  return sql`
  UPDATE "Deal" SET
    "seatsCommitted" = (SELECT o."seatsCommitted" ${lead}),
    "seatsWaitlisted" = (SELECT o."seatsWaitlisted" ${lead}),
    "participantCount" = (SELECT COUNT(*) FROM "Commitment" WHERE "dealId" = ${dealId} AND "status" IN ('active', 'waitlisted')),
    "waitlistCount" = (SELECT COUNT(*) FROM "Commitment" WHERE "dealId" = ${dealId} AND "status" = 'waitlisted')
  WHERE "id" = ${dealId} AND EXISTS (SELECT 1 FROM "DealOption" WHERE "dealId" = ${dealId})`;
};

/**
 * Sets each option's counters from its commitments. Options that lost are frozen as they stood at
 * the win: only the winner (or, before the win, every option) is recounted.
 */
const recountOptions = (dealId: string) => sql`
  UPDATE "DealOption" SET
    "seatsCommitted" = (SELECT COALESCE(SUM(c."seats"), 0) FROM "CommitmentOption" co JOIN "Commitment" c ON c."id" = co."commitmentId"
      WHERE co."optionId" = "DealOption"."id" AND co."status" = 'active'),
    "seatsWaitlisted" = (SELECT COALESCE(SUM(c."seats"), 0) FROM "CommitmentOption" co JOIN "Commitment" c ON c."id" = co."commitmentId"
      WHERE co."optionId" = "DealOption"."id" AND co."status" = 'waitlisted')
  WHERE "dealId" = ${dealId} AND ("id" = ${winnerOf(dealId)} OR ${winnerOf(dealId)} IS NULL)`;

/**
 * A commitment's own status follows its options: its status in the winner once there is one;
 * before the win, active if it is active in any option, else waitlisted.
 */
const statusFromOptions = (dealId: string) => sql`CASE
    WHEN ${winnerOf(dealId)} IS NOT NULL THEN COALESCE((SELECT co."status" FROM "CommitmentOption" co
      WHERE co."commitmentId" = "Commitment"."id" AND co."optionId" = ${winnerOf(dealId)}), "Commitment"."status")
    WHEN EXISTS (SELECT 1 FROM "CommitmentOption" co WHERE co."commitmentId" = "Commitment"."id" AND co."status" = 'active') THEN 'active'
    ELSE 'waitlisted' END`;

/** Brings every live commitment's status in line with its options; marks those it promoted. */
const syncCommitments = (dealId: string, now: string) => sql`
  UPDATE "Commitment" SET "status" = ${statusFromOptions(dealId)}, "updatedAt" = ${now},
    "promotedAt" = CASE WHEN "status" = 'waitlisted' AND ${statusFromOptions(dealId)} = 'active' THEN ${now} ELSE "promotedAt" END
  WHERE "dealId" = ${dealId} AND "status" IN ('active', 'waitlisted') AND "status" <> ${statusFromOptions(dealId)}`;

/**
 * The win, credited to `creditId` (the commitment whose batch this is):
 * 1. an open deal with no winner, before its deadline, whose first option (by position) with
 *    active seats at the threshold exists, is confirmed with that option as the winner. Only one
 *    batch can ever move the deal out of 'open', and it records which commitment did;
 * 2. only if it was this batch: every live commitment that did not choose the winner is released;
 * 3. the others take their status in the winner; the deal's counters become the winner's;
 * 4. the released are told (option-released, with the winner's label), and the active
 *    participants and the initiator get deal-confirmed.
 */
export function winIfReachedStmts(dealId: string, creditId: string, now: string): Stmt[] {
  const reaching = sql`FROM "DealOption" o WHERE o."dealId" = "Deal"."id" AND o."seatsCommitted" >= "Deal"."threshold"`;
  // At this very moment too: removing the commitment that once made the deal win must not release or tell again.
  const tippedBy = sql`EXISTS (SELECT 1 FROM "Deal" WHERE "id" = ${dealId} AND "confirmedByCommitmentId" = ${creditId}
    AND "winningOptionId" IS NOT NULL AND "confirmedAt" = ${now})`;
  const choseWinner = sql`EXISTS (SELECT 1 FROM "CommitmentOption" co
    WHERE co."commitmentId" = "Commitment"."id" AND co."optionId" = ${winnerOf(dealId)})`;
  const winnerLabel = sql`(SELECT o."label" FROM "DealOption" o JOIN "Deal" x ON x."winningOptionId" = o."id" WHERE x."id" = ${dealId})`;
  return [
    sql`UPDATE "Deal" SET "status" = 'confirmed', "confirmedAt" = ${now}, "confirmedByCommitmentId" = ${creditId},
         "winningOptionId" = (SELECT o."id" ${reaching} ORDER BY o."position" LIMIT 1)
       WHERE "id" = ${dealId} AND "status" = 'open' AND "deadline" > ${now} AND "winningOptionId" IS NULL
         AND EXISTS (SELECT 1 ${reaching})`,
    sql`UPDATE "Commitment" SET "status" = 'released', "updatedAt" = ${now}
       WHERE "dealId" = ${dealId} AND "status" IN ('active', 'waitlisted') AND NOT ${choseWinner} AND ${tippedBy}`,
    sql`UPDATE "Commitment" SET "status" = ${statusFromOptions(dealId)}, "updatedAt" = ${now}
       WHERE "dealId" = ${dealId} AND "status" IN ('active', 'waitlisted') AND ${tippedBy}`,
    recountOptionsDeal(dealId),
    notify(
      "option-released",
      sql`SELECT c."dealId" AS dealId, c."userId" AS userId, u."email" AS email,
         json_object('seats', c."seats", 'status', 'released', 'option', ${winnerLabel}) AS payload
       FROM "Commitment" c JOIN "User" u ON u."id" = c."userId"
       WHERE c."dealId" = ${dealId} AND c."status" = 'released' AND c."updatedAt" = ${now} AND ${tippedBy}`,
      now,
    ),
    notify("deal-confirmed", participantsOf(dealId, ["active"], sql`AND ${tippedBy}`), now),
    notify("deal-confirmed", initiatorOf(dealId, sql`AND ${tippedBy}`), now),
    // The won deal asks its active participants to pay, as a deal without options does.
    ...askToPayAfterStmts(dealId, creditId, now),
  ];
}

/**
 * Promotion in every option that may still change (all before the win, the winner after it):
 * walk each option's waitlist in first-come order, promoting each commitment whose seats fit in
 * what remains of that option's capacity (a recursive CTE carries the remaining capacity).
 */
const promoteInOptions = (dealId: string, now: string) => sql`
  WITH RECURSIVE
    w AS (SELECT co."optionId" AS optionId, c."id" AS id, c."seats" AS seats,
            ROW_NUMBER() OVER (PARTITION BY co."optionId" ORDER BY c."position") AS rn
          FROM "CommitmentOption" co JOIN "Commitment" c ON c."id" = co."commitmentId"
          WHERE co."dealId" = ${dealId} AND co."status" = 'waitlisted' AND c."status" IN ('active', 'waitlisted')),
    walk(optionId, rn, id, promoted, remaining) AS (
      SELECT o."id", 0, NULL, 0, d."capacity" - o."seatsCommitted"
      FROM "DealOption" o JOIN "Deal" d ON d."id" = o."dealId"
      WHERE o."dealId" = ${dealId} AND d."capacity" IS NOT NULL AND d."status" IN ('open', 'confirmed') AND d."deadline" > ${now}
        AND (d."winningOptionId" IS NULL OR d."winningOptionId" = o."id")
      UNION ALL
      SELECT w.optionId, w.rn, w.id, w.seats <= walk.remaining,
        CASE WHEN w.seats <= walk.remaining THEN walk.remaining - w.seats ELSE walk.remaining END
      FROM walk JOIN w ON w.optionId = walk.optionId AND w.rn = walk.rn + 1
      WHERE walk.remaining > 0
    )
  UPDATE "CommitmentOption" SET "status" = 'active'
  WHERE "dealId" = ${dealId} AND "status" = 'waitlisted'
    AND EXISTS (SELECT 1 FROM walk WHERE walk.id = "CommitmentOption"."commitmentId" AND walk.optionId = "CommitmentOption"."optionId" AND walk.promoted)`;

/**
 * Withdrawing from a deal with options: the commitment leaves every option, each option promotes
 * its own waitlist, commitments follow their options (those that became active are told), and
 * the promoted seats may make an option win, credited to the withdrawn commitment.
 * `guard` is the withdrawal rule's condition on the commitment, as for a deal without options.
 */
export function withdrawFromOptionsStmts(w: {
  dealId: string;
  userId: string;
  commitmentId: string;
  guard: Stmt;
  now: string;
  /** The initiator removing a participant leaves the options the same way (remove-participant.ts). */
  to?: "withdrawn" | "removed";
}): Stmt[] {
  const { dealId, userId, commitmentId, guard, now } = w;
  const to = raw(w.to === "removed" ? "'removed'" : "'withdrawn'");
  return [
    sql`UPDATE "Commitment" SET "status" = ${to}, "updatedAt" = ${now}
       WHERE "id" = ${commitmentId} AND "dealId" = ${dealId} AND "userId" = ${userId} ${guard}
       RETURNING "id", "seats"`,
    sql`DELETE FROM "CommitmentOption" WHERE "commitmentId" = ${commitmentId}
       AND EXISTS (SELECT 1 FROM "Commitment" WHERE "id" = ${commitmentId} AND "status" = ${to})`,
    recountOptions(dealId),
    promoteInOptions(dealId, now),
    recountOptions(dealId),
    syncCommitments(dealId, now),
    recountOptionsDeal(dealId),
    notify("waitlist-promoted", participantsOf(dealId, ["active"], sql`AND c."promotedAt" = ${now}`), now),
    ...winIfReachedStmts(dealId, commitmentId, now),
    // Those promoted into a deal that had already won are asked to pay.
    ...askToPayStmts(dealId, now, sql`AND c."promotedAt" = ${now}`),
  ];
}
