// Claiming due notifications for one dispatcher. A claim is a lease: a dispatcher that dies
// mid-send leaves its claim to expire, and the next one retries.
import type { Deps } from "../context.ts";
import { sql, sqlTime, type Stmt } from "../db/sql.ts";
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
  attempts: number;
  priority: number;
}

/**
 * Drops what expired unsent, by the expiresAt index: only sign-in links have one. Named, because
 * SQLite would choose otherwise: the batchKey index walks every sent notification (their batchKey
 * is NULL), 7 ms a claim with 100,000 sent (issue 17); with statistics, a scan.
 */
export const dropExpiredStmt = (now: string): Stmt =>
  sql`UPDATE "Notification" INDEXED BY "Notification_expiresAt_idx"
     SET "state" = 'expired', "payload" = '{}', "claimedBy" = NULL, "claimedUntil" = NULL
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
  const [, rows] = await deps.sql.batch([
    dropExpiredStmt(now),
    sql`WITH
         -- Materialized: filtering it on "batch" must not send SQLite through the batchKey
         -- index, whose NULL entries are every sent notification.
         due AS MATERIALIZED (
           SELECT "id", "batchKey" AS "batch", "priority" FROM "Notification"
           WHERE ("state" = 'pending' AND "nextAttemptAt" <= ${now}) OR ("state" = 'sending' AND "claimedUntil" <= ${now})),
         head AS (SELECT "batch" FROM due ORDER BY "priority", "id" LIMIT 1),
         chosen AS (
           SELECT n."id" FROM "Notification" n, head
           WHERE head."batch" IS NOT NULL AND n."state" IN ('pending', 'sending') AND n."batchKey" = head."batch"
             AND NOT EXISTS (
               SELECT 1 FROM "Notification" m
               WHERE m."state" = 'sending' AND m."claimedUntil" > ${now} AND m."batchKey" = head."batch")
           UNION ALL
           SELECT "id" FROM (
             SELECT due."id" FROM due, head WHERE head."batch" IS NULL AND due."batch" IS NULL
             ORDER BY due."priority", due."id" LIMIT ${limit}))
       UPDATE "Notification" SET "state" = 'sending', "claimedBy" = ${owner},
         "claimedUntil" = ${sqlTime(nowMs + CLAIM_LEASE_MS)}, "attempts" = "attempts" + 1
       WHERE "id" IN (SELECT "id" FROM chosen)
       RETURNING "id", "key", "kind", "dealId", "userId", "toEmail", "payload", "attempts", "priority"`,
  ]);
  return ((rows ?? []) as unknown as Claimed[]).sort((a, b) => a.priority - b.priority || a.id - b.id);
}
