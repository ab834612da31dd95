// Guarded SQL for the deal state changes. Each function returns the statements of one atomic
// batch. Every statement re-checks its own preconditions in its WHERE clause, so a batch that
// races with another simply changes nothing; nothing here reads and then writes.
// See docs/decisions/001-never-oversell-confirm-once.md.
import { sqlTime, stmt, type Stmt } from "../db/sql.ts";

/** Rows for the outbox: key is kind:deal:recipient, unique, so a retry never adds a second one. */
const notify = (kind: string, select: string) => `
  INSERT INTO "Notification" ("key", "kind", "dealId", "userId", "toEmail", "payload", "state",
    "attempts", "nextAttemptAt", "createdAt")
  SELECT '${kind}:' || n.dealId || ':' || n.userId, '${kind}', n.dealId, n.userId, n.email, n.payload,
    'pending', 0, ?, ?
  FROM (${select}) AS n WHERE true
  ON CONFLICT ("key") DO NOTHING`;

/** Participants of a deal with the given commitment statuses, as notification recipients. */
const participantsOf = (statuses: string, extra = "") => `
  SELECT c."dealId" AS dealId, c."userId" AS userId, u."email" AS email,
    json_object('seats', c."seats", 'status', c."status") AS payload
  FROM "Commitment" c JOIN "User" u ON u."id" = c."userId"
  WHERE c."dealId" = ? AND c."status" IN (${statuses}) ${extra}`;

const initiatorOf = (extra = "") => `
  SELECT d."id" AS dealId, d."initiatorId" AS userId, u."email" AS email,
    json_object('seats', 0, 'status', 'initiator') AS payload
  FROM "Deal" d JOIN "User" u ON u."id" = d."initiatorId"
  WHERE d."id" = ? ${extra}`;

/** The fan-out when `confirmedBy` is the commitment that tipped the deal. */
function confirmationStmts(dealId: string, commitmentId: string, now: string): Stmt[] {
  const tippedBy = `AND EXISTS (SELECT 1 FROM "Deal" WHERE "id" = ? AND "confirmedByCommitmentId" = ?)`;
  return [
    stmt(notify("deal-confirmed", participantsOf(`'active'`, tippedBy)), now, now, dealId, dealId, commitmentId),
    stmt(notify("deal-confirmed", initiatorOf(`AND d."confirmedByCommitmentId" = ?`)), now, now, dealId, commitmentId),
  ];
}

/** Confirms an open deal whose active seats reached the threshold, crediting `commitmentId`. */
const confirmIfReached = (dealId: string, commitmentId: string, now: string) =>
  stmt(
    `UPDATE "Deal" SET "status" = 'confirmed', "confirmedAt" = ?, "confirmedByCommitmentId" = ?
     WHERE "id" = ? AND "status" = 'open' AND "deadline" > ? AND "seatsCommitted" >= "threshold"`,
    now,
    commitmentId,
    dealId,
    now,
  );

export interface JoinInput {
  dealId: string;
  userId: string;
  seats: number;
  commitmentId: string;
  now: number;
}

/**
 * One join, as one atomic batch:
 * 1. forget an earlier withdrawn commitment of this user, if the deal takes commitments;
 * 2. insert the commitment, active if its seats fit in the remaining capacity, else waitlisted,
 *    guarded by the deal's status, deadline and per-commitment limit, and by the unique
 *    (deal, user) key;
 * 3. add its seats to the deal's counters;
 * 4. confirm the deal if this commitment brought active seats to the threshold;
 * 5. fan out deal-confirmed if it did; or tell this participant if the deal was already confirmed.
 * The last statement reads back the commitment: no row means nothing changed.
 */
export function joinStmts({ dealId, userId, seats, commitmentId: id, now: nowMs }: JoinInput): Stmt[] {
  const now = sqlTime(nowMs);
  const takes = `"status" IN ('open', 'confirmed') AND "deadline" > ? AND "maxSeatsPerCommitment" >= ?`;
  return [
    stmt(
      `DELETE FROM "Commitment" WHERE "dealId" = ? AND "userId" = ? AND "status" = 'withdrawn'
       AND EXISTS (SELECT 1 FROM "Deal" WHERE "id" = ? AND ${takes})`,
      dealId,
      userId,
      dealId,
      now,
      seats,
    ),
    stmt(
      `INSERT INTO "Commitment" ("id", "dealId", "userId", "seats", "status", "position", "createdAt", "updatedAt")
       SELECT ?, d."id", ?, ?,
         CASE WHEN d."capacity" IS NULL OR d."seatsCommitted" + ? <= d."capacity" THEN 'active' ELSE 'waitlisted' END,
         d."nextPosition", ?, ?
       FROM "Deal" d WHERE d."id" = ? AND d."status" IN ('open', 'confirmed') AND d."deadline" > ?
         AND d."maxSeatsPerCommitment" >= ?
       ON CONFLICT ("dealId", "userId") DO NOTHING`,
      id,
      userId,
      seats,
      seats,
      now,
      now,
      dealId,
      now,
      seats,
    ),
    stmt(
      `UPDATE "Deal" SET
         "seatsCommitted" = "seatsCommitted" + (SELECT CASE WHEN "status" = 'active' THEN "seats" ELSE 0 END FROM "Commitment" WHERE "id" = ?),
         "seatsWaitlisted" = "seatsWaitlisted" + (SELECT CASE WHEN "status" = 'waitlisted' THEN "seats" ELSE 0 END FROM "Commitment" WHERE "id" = ?),
         "participantCount" = "participantCount" + 1,
         "nextPosition" = "nextPosition" + 1
       WHERE "id" = ? AND EXISTS (SELECT 1 FROM "Commitment" WHERE "id" = ?)`,
      id,
      id,
      dealId,
      id,
    ),
    confirmIfReached(dealId, id, now),
    ...confirmationStmts(dealId, id, now),
    stmt(
      notify(
        "deal-confirmed",
        participantsOf(
          `'active'`,
          `AND c."id" = ? AND EXISTS (SELECT 1 FROM "Deal" WHERE "id" = c."dealId" AND "status" = 'confirmed')`,
        ),
      ),
      now,
      now,
      dealId,
      id,
    ),
    stmt(
      `SELECT c."id", c."seats", c."status", c."position", c."createdAt",
         d."status" AS dealStatus, d."confirmedByCommitmentId" = c."id" AS tipped,
         CASE WHEN c."status" = 'waitlisted' THEN
           (SELECT COUNT(*) FROM "Commitment" w WHERE w."dealId" = c."dealId" AND w."status" = 'waitlisted' AND w."position" <= c."position")
         END AS waitlistPosition
       FROM "Commitment" c JOIN "Deal" d ON d."id" = c."dealId"
       WHERE c."id" = ?`,
      id,
    ),
  ];
}

/**
 * Promotion after seats were freed: walk the waitlist in first-come order and promote each
 * commitment whose seats fit in what remains (a recursive CTE carries the remaining capacity).
 * Then recount the deal, confirm it if the promoted seats reached the threshold, and tell the
 * promoted participants.
 */
function promoteStmts(dealId: string, now: string, creditId: string): Stmt[] {
  return [
    stmt(
      `WITH RECURSIVE
         w AS (SELECT "id", "seats", ROW_NUMBER() OVER (ORDER BY "position") AS rn
               FROM "Commitment" WHERE "dealId" = ? AND "status" = 'waitlisted'),
         walk(rn, id, promoted, remaining) AS (
           SELECT 0, NULL, 0,
             (SELECT "capacity" - "seatsCommitted" FROM "Deal" WHERE "id" = ? AND "capacity" IS NOT NULL)
           UNION ALL
           SELECT w.rn, w.id, w.seats <= walk.remaining,
             CASE WHEN w.seats <= walk.remaining THEN walk.remaining - w.seats ELSE walk.remaining END
           FROM walk JOIN w ON w.rn = walk.rn + 1
           WHERE walk.remaining > 0
         )
       UPDATE "Commitment" SET "status" = 'active', "updatedAt" = ?, "promotedAt" = ?
       WHERE "id" IN (SELECT id FROM walk WHERE promoted)
         AND EXISTS (SELECT 1 FROM "Deal" WHERE "id" = ? AND "status" IN ('open', 'confirmed') AND "deadline" > ?)
       RETURNING "id", "userId"`,
      dealId,
      dealId,
      now,
      now,
      dealId,
      now,
    ),
    recount(dealId),
    stmt(
      notify("waitlist-promoted", participantsOf(`'active'`, `AND c."promotedAt" = ?`)),
      now,
      now,
      dealId,
      now,
    ),
    confirmIfReached(dealId, creditId, now),
    ...confirmationStmts(dealId, creditId, now),
  ];
}

const recount = (dealId: string) =>
  stmt(
    `UPDATE "Deal" SET
       "seatsCommitted" = (SELECT COALESCE(SUM("seats"), 0) FROM "Commitment" WHERE "dealId" = ? AND "status" = 'active'),
       "seatsWaitlisted" = (SELECT COALESCE(SUM("seats"), 0) FROM "Commitment" WHERE "dealId" = ? AND "status" = 'waitlisted'),
       "participantCount" = (SELECT COUNT(*) FROM "Commitment" WHERE "dealId" = ? AND "status" IN ('active', 'waitlisted'))
     WHERE "id" = ?`,
    dealId,
    dealId,
    dealId,
    dealId,
  );

export interface WithdrawInput {
  dealId: string;
  userId: string;
  /** The commitment as the caller read it; the guards make sure it is still so. */
  commitmentId: string;
  from: "active" | "waitlisted";
  now: number;
}

/**
 * Withdrawal. Active seats may leave only while the deal is open and before its deadline;
 * a waitlisted commitment may always leave. Freed active seats are offered to the waitlist.
 * The first statement returns the withdrawn row: no row means the guard refused.
 */
export function withdrawStmts({ dealId, userId, commitmentId, from, now: nowMs }: WithdrawInput): Stmt[] {
  const now = sqlTime(nowMs);
  const guard =
    from === "active"
      ? stmt(
          `AND "status" = 'active' AND EXISTS (SELECT 1 FROM "Deal" WHERE "id" = ? AND "status" = 'open' AND "deadline" > ?)`,
          dealId,
          now,
        )
      : stmt(`AND "status" = 'waitlisted'`);
  const stmts: Stmt[] = [
    stmt(
      `UPDATE "Commitment" SET "status" = 'withdrawn', "updatedAt" = ?
       WHERE "id" = ? AND "dealId" = ? AND "userId" = ? ${guard.sql}
       RETURNING "id", "seats"`,
      now,
      commitmentId,
      dealId,
      userId,
      ...guard.args,
    ),
    recount(dealId),
  ];
  if (from === "active") stmts.push(...promoteStmts(dealId, now, commitmentId));
  return stmts;
}

/** Cancellation by the initiator of an open deal before its deadline; everyone is told. */
export function cancelStmts(dealId: string, initiatorId: string, nowMs: number): Stmt[] {
  const now = sqlTime(nowMs);
  const open = `AND EXISTS (SELECT 1 FROM "Deal" WHERE "id" = ? AND "initiatorId" = ? AND "status" = 'open' AND "deadline" > ?)`;
  return [
    stmt(notify("deal-cancelled", participantsOf(`'active', 'waitlisted'`, open)), now, now, dealId, dealId, initiatorId, now),
    stmt(
      notify("deal-cancelled", initiatorOf(`AND d."initiatorId" = ? AND d."status" = 'open' AND d."deadline" > ?`)),
      now,
      now,
      dealId,
      initiatorId,
      now,
    ),
    stmt(
      `UPDATE "Deal" SET "status" = 'cancelled', "closedAt" = ?
       WHERE "id" = ? AND "initiatorId" = ? AND "status" = 'open' AND "deadline" > ?
       RETURNING "id"`,
      now,
      dealId,
      initiatorId,
      now,
    ),
  ];
}

/**
 * The deadline sweep: every open deal past its deadline fails, and every participant, active or
 * waitlisted, and the initiator get deal-failed. The notifications are written first with the
 * same predicate as the update, inside the same batch.
 */
export function sweepStmts(nowMs: number, limit = 500): Stmt[] {
  const now = sqlTime(nowMs);
  // The same ordered, limited set in every statement: within one atomic batch it cannot change.
  const expired = `SELECT "id" FROM "Deal" WHERE "status" = 'open' AND "deadline" <= ? ORDER BY "deadline", "id" LIMIT ${limit}`;
  return [
    stmt(
      notify(
        "deal-failed",
        `SELECT c."dealId" AS dealId, c."userId" AS userId, u."email" AS email,
           json_object('seats', c."seats", 'status', c."status") AS payload
         FROM "Commitment" c JOIN "User" u ON u."id" = c."userId"
         WHERE c."dealId" IN (${expired}) AND c."status" IN ('active', 'waitlisted')`,
      ),
      now,
      now,
      now,
    ),
    stmt(
      notify(
        "deal-failed",
        `SELECT d."id" AS dealId, d."initiatorId" AS userId, u."email" AS email,
           json_object('seats', 0, 'status', 'initiator') AS payload
         FROM "Deal" d JOIN "User" u ON u."id" = d."initiatorId"
         WHERE d."id" IN (${expired})`,
      ),
      now,
      now,
      now,
    ),
    stmt(
      `UPDATE "Deal" SET "status" = 'failed', "closedAt" = ?
       WHERE "id" IN (${expired}) AND "status" = 'open'
       RETURNING "id"`,
      now,
      now,
    ),
  ];
}
