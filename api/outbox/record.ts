// Recording what the transport answered for each member of a batch: sent, failed for good, or
// pending again after a backoff. Guarded by the lease: a dispatcher whose lease ran out and was
// taken over records nothing; the new holder resends the frozen batch under the same key and
// records the replayed answer.
import type { Deps } from "../context.ts";
import { raw, sql, sqlTime, type Stmt } from "../db/sql.ts";
import { clock } from "../clock.ts";
import type { SendResult } from "./transport.ts";
import type { Claimed } from "./claim.ts";

const BASE_BACKOFF_MS = 2_000;
const MAX_BACKOFF_MS = 60 * 60_000;
const MAX_ATTEMPTS = 20;

function backoffMs(attempts: number, retryAfterMs?: number): number {
  const exp = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));
  // Full jitter, but never sooner than the provider asked.
  return Math.max(retryAfterMs ?? 0, Math.round(exp / 2 + Math.random() * (exp / 2)));
}

// A resolved notification keeps no rendered email; a sign-in link is erased, only its hash remains.
const resolvedPayload = raw(`CASE WHEN "kind" = 'sign-in' THEN '{}' ELSE "payload" END`);
// A resolved sign-in link leaves the expiresAt index, which then holds only the waiting ones
// (claim.ts). Only sign-in links have an expiry: other rows leave the column, and so the index, alone.
const leavesExpiry = (c: Claimed) => raw(c.kind === "sign-in" ? `, "expiresAt" = NULL` : "");

/**
 * Records the results. `fresh` says the batch was frozen by this dispatch, so no earlier call
 * with its key exists; a re-claimed frozen batch may have been accepted by an earlier call.
 */
export async function record(deps: Deps, owner: string, claimed: Claimed[], results: SendResult[], fresh: boolean) {
  const now = clock.nowMs();
  const resultOf = (i: number): SendResult =>
    results[i] ?? { ok: false, permanent: false, error: "no result from transport" };
  const retryable = claimed.map((_, i) => resultOf(i)).filter((r) => !r.ok && !r.permanent);
  const countsAsAttempt = retryable.some((r) => !("hold" in r && r.hold));
  const giveUp = countsAsAttempt && claimed.some((c) => c.attempts >= MAX_ATTEMPTS);
  const retryAfter = Math.max(0, ...retryable.map((r) => ("retryAfterMs" in r ? (r.retryAfterMs ?? 0) : 0)));
  const attemptsSoFar = Math.max(0, ...claimed.map((c) => c.attempts));
  const nextAttemptAt = now + backoffMs(attemptsSoFar, retryAfter);
  const released = sql`"claimedBy" = NULL, "claimedUntil" = NULL`;

  const stmts: Stmt[] = claimed.map((c, i) => {
    const r = resultOf(i);
    const mine = sql`WHERE "id" = ${c.id} AND "claimedBy" = ${owner} RETURNING "state"`;
    if (r.ok) {
      return sql`UPDATE "Notification" SET "state" = 'sent', "sentAt" = ${sqlTime(now)}, "providerMessageId" = ${r.messageId},
           ${released}, "lastError" = NULL, "payload" = ${resolvedPayload}, "frozen" = NULL, "batchKey" = NULL${leavesExpiry(c)}
         ${mine}`;
    }
    if (r.permanent || giveUp) {
      const error = r.permanent ? r.error : `gave up after ${c.attempts} attempts: ${r.error}`;
      return sql`UPDATE "Notification" SET "state" = 'failed', "lastError" = ${error.slice(0, 500)}, ${released},
           "payload" = ${resolvedPayload}, "frozen" = NULL, "batchKey" = NULL${leavesExpiry(c)}
         ${mine}`;
    }
    // Certainly never sent under this key: the notification may join a new batch, rendered
    // afresh. Otherwise some call with the key may have been accepted (a lost answer, a crash),
    // so the batch stays frozen and is retried whole, at one time, under the same key.
    const unfreeze = r.unsent === "key" || (r.unsent === "call" && fresh);
    return sql`UPDATE "Notification" SET "state" = 'pending', "nextAttemptAt" = ${sqlTime(nextAttemptAt)},
         "lastError" = ${r.error.slice(0, 500)}, ${released}, "attempts" = "attempts" - ${r.hold ? 1 : 0},
         "frozen" = ${raw(unfreeze ? "NULL" : `"frozen"`)}, "batchKey" = ${raw(unfreeze ? "NULL" : `"batchKey"`)}
       ${mine}`;
  });
  const applied = stmts.length ? await deps.sql.batch(stmts) : [];
  const stats = { sent: 0, retried: 0, failed: 0, lost: 0 };
  for (const rows of applied) {
    const state = rows[0]?.state;
    if (state === "sent") stats.sent++;
    else if (state === "failed") stats.failed++;
    else if (state === "pending") stats.retried++;
    else stats.lost++;
  }
  return stats;
}
