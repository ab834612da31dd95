// The guarded steps that several deal state changes share: who to tell, confirming a deal that
// reached its threshold, recounting, and promoting the waitlist. Each step re-checks its own
// preconditions in its WHERE clause, so a batch that races with another simply changes nothing;
// nothing here reads and then writes. See docs/decisions/001-never-oversell-confirm-once.md.
import { onlyAfter, raw, sql, type Stmt } from "../db/sql.ts";
import { notify } from "../outbox/enqueue.ts";
import { askToPayAfterStmts, askToPayStmts } from "../payments/ask-to-pay.ts";

type Party = "active" | "waitlisted";
const inList = (statuses: Party[]) => raw(statuses.map((s) => `'${s}'`).join(", "));
/** One deal by id, or every deal a subquery selects. */
const inDeals = (deals: string | Stmt) => (typeof deals === "string" ? sql`= ${deals}` : sql`IN (${deals})`);

/** Participants with the given commitment statuses, as outbox recipients; `extra` narrows them. */
export const participantsOf = (deals: string | Stmt, statuses: Party[], extra = sql``) => sql`
  SELECT c."dealId" AS dealId, c."userId" AS userId, u."email" AS email,
    json_object('seats', c."seats", 'status', c."status") AS payload
  FROM "Commitment" c JOIN "User" u ON u."id" = c."userId"
  WHERE c."dealId" ${inDeals(deals)} AND c."status" IN (${inList(statuses)}) ${extra}`;

/** The initiator, as an outbox recipient; `extra` narrows on the deal d. */
export const initiatorOf = (deals: string | Stmt, extra = sql``) => sql`
  SELECT d."id" AS dealId, d."initiatorId" AS userId, u."email" AS email,
    json_object('seats', 0, 'status', 'initiator') AS payload
  FROM "Deal" d JOIN "User" u ON u."id" = d."initiatorId"
  WHERE d."id" ${inDeals(deals)} ${extra}`;

/** Confirms an open deal whose active seats reached the threshold, crediting `commitmentId`; a deal with options is won through options.ts instead. */
const confirmIfReached = (dealId: string, commitmentId: string, now: string) => sql`
  UPDATE "Deal" SET "status" = 'confirmed', "confirmedAt" = ${now}, "confirmedByCommitmentId" = ${commitmentId}
  WHERE "id" = ${dealId} AND "status" = 'open' AND "deadline" > ${now} AND "seatsCommitted" >= "threshold"
    AND NOT EXISTS (SELECT 1 FROM "DealOption" WHERE "dealId" = ${dealId})`;

/**
 * Confirms the deal if it reached its threshold, crediting `commitmentId`, and then tells every
 * active participant and the initiator, only if it was this very step that confirmed it. Last,
 * every active participant of a confirmed deal not yet asked to pay is asked (at the tip, a join
 * of a confirmed deal, a promotion: every caller ends here). `mine`: see askToPayAfterStmts.
 */
export function confirmIfReachedStmts(dealId: string, commitmentId: string, now: string, mine?: Stmt): Stmt[] {
  // At this very moment too: removing the commitment that once tipped the deal must not tell again.
  const tippedBy = sql`AND EXISTS (SELECT 1 FROM "Deal" WHERE "id" = ${dealId} AND "confirmedByCommitmentId" = ${commitmentId}
    AND "confirmedAt" = ${now})`;
  const confirm = confirmIfReached(dealId, commitmentId, now);
  // What follows the tip is skipped, on Node, by a batch that did not tip (sql.ts, onlyAfter).
  return [
    confirm,
    onlyAfter(confirm, notify("deal-confirmed", participantsOf(dealId, ["active"], tippedBy), now)),
    onlyAfter(
      confirm,
      notify("deal-confirmed", initiatorOf(dealId, sql`AND d."confirmedByCommitmentId" = ${commitmentId} AND d."confirmedAt" = ${now}`), now),
    ),
    // Paying at the tip: everyone if this batch confirmed the deal, else this batch's own commitment.
    ...askToPayAfterStmts(dealId, commitmentId, now, confirm, mine),
  ];
}

/** Sets the deal's counters from its commitments: after anything but a plain join. */
export const recount = (dealId: string) => sql`
  UPDATE "Deal" SET
    "seatsCommitted" = (SELECT COALESCE(SUM("seats"), 0) FROM "Commitment" WHERE "dealId" = ${dealId} AND "status" = 'active'),
    "seatsWaitlisted" = (SELECT COALESCE(SUM("seats"), 0) FROM "Commitment" WHERE "dealId" = ${dealId} AND "status" = 'waitlisted'),
    "participantCount" = (SELECT COUNT(*) FROM "Commitment" WHERE "dealId" = ${dealId} AND "status" IN ('active', 'waitlisted')),
    -- issue 17: set wherever participantCount is; the join's read-back takes a place on the waitlist from it
    "waitlistCount" = (SELECT COUNT(*) FROM "Commitment" WHERE "dealId" = ${dealId} AND "status" = 'waitlisted')
  WHERE "id" = ${dealId}`;

/**
 * Promotion after seats were freed: walk the waitlist in first-come order and promote each
 * commitment whose seats fit in what remains (a recursive CTE carries the remaining capacity).
 * Then recount the deal, tell the promoted participants, and confirm the deal if the promoted
 * seats reached the threshold, crediting `creditId`. `afterDeadline`: a confirmed deal promotes
 * past its deadline too (seats freed by a lapsed payment go to the waitlist).
 */
export function promoteWaitlistStmts(dealId: string, now: string, creditId: string, afterDeadline = false): Stmt[] {
  const confirmedLate = afterDeadline ? sql`OR "status" = 'confirmed'` : sql``;
  return [
    sql`WITH RECURSIVE
         w AS (SELECT "id", "seats", ROW_NUMBER() OVER (ORDER BY "position") AS rn
               FROM "Commitment" WHERE "dealId" = ${dealId} AND "status" = 'waitlisted'),
         walk(rn, id, promoted, remaining) AS (
           SELECT 0, NULL, 0,
             (SELECT "capacity" - "seatsCommitted" FROM "Deal" WHERE "id" = ${dealId} AND "capacity" IS NOT NULL)
           UNION ALL
           SELECT w.rn, w.id, w.seats <= walk.remaining,
             CASE WHEN w.seats <= walk.remaining THEN walk.remaining - w.seats ELSE walk.remaining END
           FROM walk JOIN w ON w.rn = walk.rn + 1
           WHERE walk.remaining > 0
         )
       UPDATE "Commitment" SET "status" = 'active', "updatedAt" = ${now}, "promotedAt" = ${now}
       WHERE "id" IN (SELECT id FROM walk WHERE promoted)
         AND EXISTS (SELECT 1 FROM "Deal" WHERE "id" = ${dealId} AND (("status" IN ('open', 'confirmed') AND "deadline" > ${now})
           OR ("status" = 'grace' AND "graceEndsAt" > ${now}) ${confirmedLate}))
       RETURNING "id", "userId"`,
    recount(dealId),
    notify("waitlist-promoted", participantsOf(dealId, ["active"], sql`AND c."promotedAt" = ${now}`), now),
    ...confirmIfReachedStmts(dealId, creditId, now),
    // Paying at the tip: those this batch promoted into a confirmed deal are asked too.
    ...askToPayStmts(dealId, now, sql`AND c."promotedAt" = ${now}`),
  ];
}
