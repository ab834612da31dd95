// Claiming due notifications for one dispatcher. A claim is a lease: a dispatcher that dies
// mid-send leaves its claim to expire, and the next one retries.
import type { Deps } from "../context.ts";
import { raw, sql, sqlTime, type Stmt } from "../db/sql.ts";
import { clock } from "../clock.ts";

export const CLAIM_LEASE_MS = 120_000;

export interface Claimed {
  id: number;
  key: string;
  kind: string;
  dealId: string | null;
  userId: string | null;
  toEmail: string;
  payload: string;
  /** The member's email as its frozen batch sends it (JSON), or null when not frozen. */
  frozen: string | null;
  attempts: number;
  priority: number;
}

/**
 * Drops what expired unsent, by the expiresAt index: only sign-in links have one, and only while
 * they wait (a link leaves the index when it is sent, given up or dropped: record.ts, here), so
 * the range holds what is waiting, not every link ever sent. Named, because SQLite would choose
 * otherwise: the batchKey index walks every sent notification (their batchKey is NULL), 7 ms a
 * claim with 100,000 sent (issue 17); with statistics, a scan.
 */
export const dropExpiredStmt = (now: string): Stmt =>
  sql`UPDATE "Notification" INDEXED BY "Notification_expiresAt_idx"
     SET "state" = 'expired', "payload" = '{}', "claimedBy" = NULL, "claimedUntil" = NULL, "expiresAt" = NULL
     WHERE "expiresAt" <= ${now} AND ("state" = 'pending' OR ("state" = 'sending' AND "claimedUntil" <= ${now}))
       AND "batchKey" IS NULL`;

/**
 * Atomically leases due notifications to this dispatcher, the most urgent (lowest priority:
 * sign-in links) first, then oldest first. If the first due notification belongs to a frozen
 * batch, the claim takes exactly that batch's members, all of them; otherwise up to `limit` due
 * notifications that are in no batch yet. First, in the same batch, notifications past their
 * expiresAt that are in no frozen batch are dropped (state 'expired', the link erased): a sign-in
 * link that can no longer be used is never sent. A frozen batch is sent whole, as it was frozen.
 */
export async function claim(deps: Deps, owner: string, limit: number): Promise<Claimed[]> {
  const nowMs = clock.nowMs();
  const now = sqlTime(nowMs);
  const [, rows] = await deps.sql.batch([dropExpiredStmt(now), claimStmt(owner, nowMs, limit)]);
  return ((rows ?? []) as unknown as Claimed[]).sort((a, b) => a.priority - b.priority || a.id - b.id);
}

/**
 * The claim itself. What is due: pending notifications whose time has come, and sending ones
 * whose lease ran out. Each is read in (priority, id) order from the claim index and only as far
 * as needed: the head (the most urgent) is the first of either, and a batch of new ones the first
 * `limit` of either that are in no batch. So a claim costs the same with 100 notifications
 * waiting as with 100,000; building the whole due list first cost 7.6 ms a claim with 30,000
 * waiting (issue 17), on the thread that serves requests.
 */
export function claimStmt(owner: string, nowMs: number, limit: number): Stmt {
  const now = sqlTime(nowMs);
  const pending = (extra: Stmt, n: number) =>
    sql`SELECT "id", "batchKey" AS "batch", "priority" FROM "Notification" INDEXED BY "Notification_claim_idx"
        WHERE "state" = 'pending' AND "nextAttemptAt" <= ${now} ${extra} ORDER BY "priority", "id" LIMIT ${n}`;
  const expired = (extra: Stmt, n: number) =>
    sql`SELECT "id", "batchKey" AS "batch", "priority" FROM "Notification" INDEXED BY "Notification_claim_idx"
        WHERE "state" = 'sending' AND "claimedUntil" <= ${now} ${extra} ORDER BY "priority", "id" LIMIT ${n}`;
  const any = raw("");
  const unbatched = raw(`AND "batchKey" IS NULL`);
  return sql`WITH
       head AS (
         SELECT "batch" FROM (SELECT * FROM (${pending(any, 1)}) UNION ALL SELECT * FROM (${expired(any, 1)}))
         ORDER BY "priority", "id" LIMIT 1),
       chosen AS (
         SELECT n."id" FROM "Notification" n, head
         WHERE head."batch" IS NOT NULL AND n."state" IN ('pending', 'sending') AND n."batchKey" = head."batch"
           AND NOT EXISTS (
             SELECT 1 FROM "Notification" m
             WHERE m."state" = 'sending' AND m."claimedUntil" > ${now} AND m."batchKey" = head."batch")
         UNION ALL
         SELECT "id" FROM (
           SELECT u."id" FROM (SELECT * FROM (${pending(unbatched, limit)}) UNION ALL SELECT * FROM (${expired(unbatched, limit)})) AS u, head
           WHERE head."batch" IS NULL
           ORDER BY u."priority", u."id" LIMIT ${limit}))
     UPDATE "Notification" SET "state" = 'sending', "claimedBy" = ${owner},
       "claimedUntil" = ${sqlTime(nowMs + CLAIM_LEASE_MS)}, "attempts" = "attempts" + 1
     WHERE "id" IN (SELECT "id" FROM chosen)
     RETURNING "id", "key", "kind", "dealId", "userId", "toEmail", "payload", "frozen", "attempts", "priority"`;
}
