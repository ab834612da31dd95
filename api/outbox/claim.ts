// Claiming due notifications for one dispatcher. A claim is a lease: a dispatcher that dies
// mid-send leaves its claim to expire, and the next one retries.
import type { Deps } from "../context.ts";
import { sql, sqlTime } from "../db/sql.ts";
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
}

/**
 * Atomically leases due notifications to this dispatcher, oldest first. If the oldest due
 * notification belongs to a frozen batch, the claim takes exactly that batch's members, all of
 * them; otherwise up to `limit` due notifications that are in no batch yet.
 */
export async function claim(deps: Deps, owner: string, limit: number): Promise<Claimed[]> {
  const nowMs = clock.nowMs();
  const now = sqlTime(nowMs);
  const [rows] = await deps.sql.batch([
    sql`WITH
         -- Materialized: filtering it on "batch" must not send SQLite through the batchKey
         -- index, whose NULL entries are every sent notification.
         due AS MATERIALIZED (
           SELECT "id", "batchKey" AS "batch" FROM "Notification"
           WHERE ("state" = 'pending' AND "nextAttemptAt" <= ${now}) OR ("state" = 'sending' AND "claimedUntil" <= ${now})),
         head AS (SELECT "batch" FROM due ORDER BY "id" LIMIT 1),
         chosen AS (
           SELECT n."id" FROM "Notification" n, head
           WHERE head."batch" IS NOT NULL AND n."state" IN ('pending', 'sending') AND n."batchKey" = head."batch"
             AND NOT EXISTS (
               SELECT 1 FROM "Notification" m
               WHERE m."state" = 'sending' AND m."claimedUntil" > ${now} AND m."batchKey" = head."batch")
           UNION ALL
           SELECT "id" FROM (
             SELECT due."id" FROM due, head WHERE head."batch" IS NULL AND due."batch" IS NULL
             ORDER BY due."id" LIMIT ${limit}))
       UPDATE "Notification" SET "state" = 'sending', "claimedBy" = ${owner},
         "claimedUntil" = ${sqlTime(nowMs + CLAIM_LEASE_MS)}, "attempts" = "attempts" + 1
       WHERE "id" IN (SELECT "id" FROM chosen)
       RETURNING "id", "key", "kind", "dealId", "userId", "toEmail", "payload", "attempts"`,
  ]);
  return ((rows ?? []) as unknown as Claimed[]).sort((a, b) => a.id - b.id);
}
