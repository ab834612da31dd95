// The outbox dispatcher: claims due notifications, renders them, hands them to the transport in
// batches, and records each result. A claim is a lease: a dispatcher that dies mid-send leaves
// its claim to expire, and the next one retries.
//
// A batch is frozen before it is sent: its idempotency key (from its members' keys) and each
// member's rendered email are written into the members' payloads. Until the provider answers
// definitively, a frozen batch is only ever claimed whole and resent byte for byte under the same
// key, so the provider replays its first answer instead of sending twice, even after a crash.
// See docs/decisions/003-email-delivery.md.
import { createHash, randomUUID } from "node:crypto";
import type { Deps } from "../context.ts";
import { fromSqlTime, sqlTime, stmt, type Stmt } from "../db/sql.ts";
import { clock } from "../clock.ts";
import { renderEmail, type DealForEmail } from "./templates.ts";
import type { EmailKind } from "./messages.ts";
import type { OutgoingEmail, SendResult, Transport } from "./transport.ts";

export const CLAIM_LEASE_MS = 120_000;
const BASE_BACKOFF_MS = 2_000;
const MAX_BACKOFF_MS = 60 * 60_000;
export const MAX_ATTEMPTS = 20;

export interface DispatchStats {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
}

export function backoffMs(attempts: number, retryAfterMs?: number): number {
  const exp = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));
  // Full jitter, but never sooner than the provider asked.
  return Math.max(retryAfterMs ?? 0, Math.round(exp / 2 + Math.random() * (exp / 2)));
}

/** What a frozen batch keeps on each member, under `payload.out`. */
interface Frozen {
  batch: string;
  email: { from: string; to: string; subject: string; text: string; html: string; links: string[] };
}

/**
 * The idempotency key of a batch, from its members' unique keys and what each is sent: the same
 * members with the same content always give the same key. Content only changes when a batch is
 * rendered again, which happens only after the provider certainly did not accept it.
 */
export function batchKeyOf(members: { key: string; email: Frozen["email"] }[]): string {
  const h = createHash("sha256");
  for (const m of [...members].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    const e = m.email;
    h.update(JSON.stringify([m.key, e.from, e.to, e.subject, e.text, e.html])).update("\n");
  }
  return `quorum-batch-v1-${h.digest("hex")}`;
}

interface Claimed {
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
async function claim(deps: Deps, owner: string, limit: number): Promise<Claimed[]> {
  const now = clock.nowMs();
  const batchOf = (t: string) => `${t}"batchKey"`;
  const [rows] = await deps.sql.batch([
    stmt(
      `WITH
         -- Materialized: filtering it on "batch" must not send SQLite through the batchKey
         -- index, whose NULL entries are every sent notification.
         due AS MATERIALIZED (
           SELECT "id", ${batchOf("")} AS "batch" FROM "Notification"
           WHERE ("state" = 'pending' AND "nextAttemptAt" <= ?) OR ("state" = 'sending' AND "claimedUntil" <= ?)),
         head AS (SELECT "batch" FROM due ORDER BY "id" LIMIT 1),
         chosen AS (
           SELECT n."id" FROM "Notification" n, head
           WHERE head."batch" IS NOT NULL AND n."state" IN ('pending', 'sending') AND ${batchOf("n.")} = head."batch"
             AND NOT EXISTS (
               SELECT 1 FROM "Notification" m
               WHERE m."state" = 'sending' AND m."claimedUntil" > ? AND ${batchOf("m.")} = head."batch")
           UNION ALL
           SELECT "id" FROM (
             SELECT due."id" FROM due, head WHERE head."batch" IS NULL AND due."batch" IS NULL
             ORDER BY due."id" LIMIT ?))
       UPDATE "Notification" SET "state" = 'sending', "claimedBy" = ?, "claimedUntil" = ?, "attempts" = "attempts" + 1
       WHERE "id" IN (SELECT "id" FROM chosen)
       RETURNING "id", "key", "kind", "dealId", "userId", "toEmail", "payload", "attempts"`,
      sqlTime(now),
      sqlTime(now),
      sqlTime(now),
      limit,
      owner,
      sqlTime(now + CLAIM_LEASE_MS),
    ),
  ]);
  return ((rows ?? []) as unknown as Claimed[]).sort((a, b) => a.id - b.id);
}

const frozenOf = (c: Claimed): Frozen | null => (JSON.parse(c.payload) as { out?: Frozen }).out ?? null;

async function render(deps: Deps, claimed: Claimed[]): Promise<Frozen["email"][]> {
  const dealIds = [...new Set(claimed.map((c) => c.dealId).filter((x): x is string => !!x))];
  const userIds = [...new Set(claimed.map((c) => c.userId).filter((x): x is string => !!x))];
  // One prepared statement each (json_each takes the id list), on the dispatcher's hot path.
  const [dealRows, users] = await Promise.all([
    deps.sql.all(
      `SELECT "id", "kind", "title", "threshold", "seatsCommitted", "deadline", "departsOn", "returnsOn"
       FROM "Deal" WHERE "id" IN (SELECT "value" FROM json_each(?))`,
      [JSON.stringify(dealIds)],
    ),
    deps.sql.all(`SELECT "id", "locale" FROM "User" WHERE "id" IN (SELECT "value" FROM json_each(?))`, [
      JSON.stringify(userIds),
    ]),
  ]);
  const deals: DealForEmail[] = dealRows.map((d) => ({
    id: String(d.id),
    kind: String(d.kind),
    title: String(d.title),
    threshold: Number(d.threshold),
    seatsCommitted: Number(d.seatsCommitted),
    deadline: fromSqlTime(d.deadline)!,
    departsOn: d.departsOn as string | null,
    returnsOn: d.returnsOn as string | null,
  }));
  const dealById = new Map<string, DealForEmail>(deals.map((d) => [d.id, d]));
  const localeById = new Map(users.map((u) => [String(u.id), String(u.locale)]));
  return claimed.map((c) => {
    const payload = JSON.parse(c.payload) as { seats?: number; status?: string; link?: string; locale?: string };
    const locale = (c.userId && localeById.get(c.userId)) || payload.locale || "en";
    const email = renderEmail({
      kind: c.kind as EmailKind,
      appUrl: deps.config.appUrl,
      locale,
      payload,
      deal: c.dealId ? (dealById.get(c.dealId) ?? null) : null,
    });
    return { from: deps.config.mailFrom, to: c.toEmail, ...email };
  });
}

/**
 * Returns the batch to send: a re-claimed frozen batch as it was frozen, or a fresh claim
 * rendered, keyed and frozen now. Null when this dispatcher lost its lease before freezing.
 */
async function freeze(
  deps: Deps,
  owner: string,
  claimed: Claimed[],
): Promise<{ batchKey: string; emails: OutgoingEmail[]; fresh: boolean } | null> {
  const frozen = claimed.map(frozenOf);
  let batch: Frozen[];
  const fresh = !frozen.every((f): f is Frozen => f !== null);
  if (!fresh) {
    batch = frozen as Frozen[];
  } else {
    // The claim never mixes frozen and unfrozen rows; a fresh batch is frozen before it is sent.
    const emails = await render(deps, claimed);
    const batchKey = batchKeyOf(claimed.map((c, i) => ({ key: c.key, email: emails[i]! })));
    batch = emails.map((email) => ({ batch: batchKey, email }));
    const updated = await deps.sql.batch(
      claimed.map((c, i) =>
        stmt(
          `UPDATE "Notification" SET "payload" = json_set("payload", '$.out', json(?)), "batchKey" = ?
           WHERE "id" = ? AND "claimedBy" = ? RETURNING "id"`,
          JSON.stringify(batch[i]),
          batchKey,
          c.id,
          owner,
        ),
      ),
    );
    if (updated.some((r) => r.length === 0)) return null;
  }
  const batchKey = batch[0]!.batch;
  return {
    batchKey,
    fresh,
    emails: claimed.map((c, i) => ({
      notificationId: c.id,
      idempotencyKey: c.key,
      kind: c.kind,
      ...batch[i]!.email,
    })),
  };
}

/**
 * Records the results. `fresh` says the batch was frozen by this dispatch, so no earlier call
 * with its key exists; a re-claimed frozen batch may have been accepted by an earlier call.
 */
async function record(deps: Deps, owner: string, claimed: Claimed[], results: SendResult[], fresh: boolean) {
  const now = clock.nowMs();
  const resultOf = (i: number): SendResult =>
    results[i] ?? { ok: false, permanent: false, error: "no result from transport" };
  const retryable = claimed.map((_, i) => resultOf(i)).filter((r) => !r.ok && !r.permanent);
  const countsAsAttempt = retryable.some((r) => !("hold" in r && r.hold));
  const giveUp = countsAsAttempt && claimed.some((c) => c.attempts >= MAX_ATTEMPTS);
  const retryAfter = Math.max(0, ...retryable.map((r) => ("retryAfterMs" in r ? (r.retryAfterMs ?? 0) : 0)));
  const attemptsSoFar = Math.max(0, ...claimed.map((c) => c.attempts));
  const nextAttemptAt = now + backoffMs(attemptsSoFar, retryAfter);
  const resolvedPayload = `CASE WHEN "kind" = 'sign-in' THEN '{}' ELSE json_remove("payload", '$.out') END`;

  const stmts: Stmt[] = claimed.map((c, i) => {
    const r = resultOf(i);
    if (r.ok) {
      // A sent sign-in link is erased from the outbox; only its hash remains.
      return stmt(
        `UPDATE "Notification" SET "state" = 'sent', "sentAt" = ?, "providerMessageId" = ?, "claimedBy" = NULL,
           "claimedUntil" = NULL, "lastError" = NULL, "payload" = ${resolvedPayload}, "batchKey" = NULL
         WHERE "id" = ? AND "claimedBy" = ? RETURNING "state"`,
        sqlTime(now),
        r.messageId,
        c.id,
        owner,
      );
    }
    if (r.permanent || giveUp) {
      const error = r.permanent ? r.error : `gave up after ${c.attempts} attempts: ${r.error}`;
      return stmt(
        `UPDATE "Notification" SET "state" = 'failed', "lastError" = ?, "claimedBy" = NULL, "claimedUntil" = NULL,
           "payload" = ${resolvedPayload}, "batchKey" = NULL
         WHERE "id" = ? AND "claimedBy" = ? RETURNING "state"`,
        error.slice(0, 500),
        c.id,
        owner,
      );
    }
    // Certainly never sent under this key: the notification may join a new batch, rendered
    // afresh. Otherwise some call with the key may have been accepted (a lost answer, a crash),
    // so the batch stays frozen and is retried whole, at one time, under the same key.
    const unfreeze = r.unsent === "key" || (r.unsent === "call" && fresh);
    return stmt(
      `UPDATE "Notification" SET "state" = 'pending', "nextAttemptAt" = ?, "lastError" = ?, "claimedBy" = NULL,
         "claimedUntil" = NULL, "attempts" = "attempts" - ?,
         "payload" = ${unfreeze ? `json_remove("payload", '$.out')` : `"payload"`},
         "batchKey" = ${unfreeze ? "NULL" : `"batchKey"`}
       WHERE "id" = ? AND "claimedBy" = ? RETURNING "state"`,
      sqlTime(nextAttemptAt),
      r.error.slice(0, 500),
      r.hold ? 1 : 0,
      c.id,
      owner,
    );
  });
  // Guarded by the lease: a dispatcher whose lease ran out and was taken over records nothing;
  // the new holder resends the frozen batch under the same key and records the replayed answer.
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

/**
 * Sends everything that is due, a batch at a time, oldest first, until nothing is due, a batch
 * could not be sent, or `maxBatches` batches were sent.
 */
export async function dispatchOutbox(
  deps: Deps,
  transport: Transport,
  { owner = randomUUID(), maxBatches = 50 }: { owner?: string; maxBatches?: number } = {},
): Promise<DispatchStats> {
  const total: DispatchStats = { claimed: 0, sent: 0, retried: 0, failed: 0 };
  for (let i = 0; i < maxBatches; i++) {
    const claimed = await claim(deps, owner, transport.maxBatch);
    if (claimed.length === 0) break;
    total.claimed += claimed.length;
    const batch = await freeze(deps, owner, claimed);
    if (!batch) {
      deps.log.warn("outbox lease lost before sending", { size: claimed.length });
      break;
    }
    let results: SendResult[];
    try {
      results = await transport.send(batch.emails, { batchKey: batch.batchKey });
    } catch (e) {
      deps.log.error("outbox transport threw", { error: String(e) });
      results = claimed.map(() => ({ ok: false as const, permanent: false as const, error: "transport error" }));
    }
    const { lost, ...s } = await record(deps, owner, claimed, results, batch.fresh);
    total.sent += s.sent;
    total.retried += s.retried;
    total.failed += s.failed;
    const firstError = results.find((r) => !r.ok);
    deps.log.info("outbox batch", {
      transport: transport.name,
      batchKey: batch.batchKey.slice(-12),
      size: claimed.length,
      ...s,
      ...(lost ? { leaseLost: lost } : {}),
      ...(firstError && !firstError.ok ? { error: firstError.error } : {}),
    });
    if (s.sent === 0 && s.failed === 0) break;
  }
  return total;
}

export async function outboxCounts(deps: Deps): Promise<{ pending: number; sent: number; failed: number }> {
  const rows = await deps.sql.all(`SELECT "state", COUNT(*) AS "n" FROM "Notification" GROUP BY "state"`);
  const count = (s: string) => Number(rows.find((r) => r.state === s)?.n ?? 0);
  return { pending: count("pending") + count("sending"), sent: count("sent"), failed: count("failed") };
}
