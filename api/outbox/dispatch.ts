// The outbox dispatcher: claims due notifications, renders them, hands them to the transport in
// batches, and records each result. A claim is a lease: a dispatcher that dies mid-send leaves
// its claim to expire, and the next one retries with the same idempotency key.
import { randomUUID } from "node:crypto";
import type { Deps } from "../context.ts";
import { stmt } from "../db/sql.ts";
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

/** Atomically leases up to `limit` due notifications to this dispatcher. */
async function claim(deps: Deps, owner: string, limit: number): Promise<Claimed[]> {
  const now = clock.nowMs();
  const [rows] = await deps.sql.batch([
    stmt(
      `UPDATE "Notification" SET "state" = 'sending', "claimedBy" = ?, "claimedUntil" = ?, "attempts" = "attempts" + 1
       WHERE "id" IN (
         SELECT "id" FROM "Notification"
         WHERE ("state" = 'pending' AND "nextAttemptAt" <= ?) OR ("state" = 'sending' AND "claimedUntil" <= ?)
         ORDER BY "id" LIMIT ?)
       RETURNING "id", "key", "kind", "dealId", "userId", "toEmail", "payload", "attempts"`,
      owner,
      now + CLAIM_LEASE_MS,
      now,
      now,
      limit,
    ),
  ]);
  return ((rows ?? []) as unknown as Claimed[]).sort((a, b) => a.id - b.id);
}

async function render(deps: Deps, claimed: Claimed[]): Promise<OutgoingEmail[]> {
  const dealIds = [...new Set(claimed.map((c) => c.dealId).filter((x): x is string => !!x))];
  const userIds = [...new Set(claimed.map((c) => c.userId).filter((x): x is string => !!x))];
  const [deals, users] = await Promise.all([
    deps.prisma.deal.findMany({
      where: { id: { in: dealIds } },
      select: {
        id: true,
        kind: true,
        title: true,
        threshold: true,
        seatsCommitted: true,
        deadline: true,
        departsOn: true,
        returnsOn: true,
      },
    }),
    deps.prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, locale: true } }),
  ]);
  const dealById = new Map<string, DealForEmail>(deals.map((d) => [d.id, d]));
  const localeById = new Map(users.map((u) => [u.id, u.locale]));
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
    return {
      notificationId: c.id,
      idempotencyKey: c.key,
      kind: c.kind,
      from: deps.config.mailFrom,
      to: c.toEmail,
      ...email,
    };
  });
}

async function record(deps: Deps, owner: string, claimed: Claimed[], results: SendResult[]) {
  const now = clock.nowMs();
  const stats = { sent: 0, retried: 0, failed: 0 };
  const stmts = claimed.map((c, i) => {
    const r = results[i] ?? { ok: false, permanent: false, error: "no result from transport" };
    if (r.ok) {
      stats.sent++;
      // A sent sign-in link is erased from the outbox; only its hash remains.
      return stmt(
        `UPDATE "Notification" SET "state" = 'sent', "sentAt" = ?, "providerMessageId" = ?, "claimedBy" = NULL,
           "claimedUntil" = NULL, "lastError" = NULL, "payload" = CASE WHEN "kind" = 'sign-in' THEN '{}' ELSE "payload" END
         WHERE "id" = ? AND "claimedBy" = ?`,
        now,
        r.messageId,
        c.id,
        owner,
      );
    }
    if (r.permanent || c.attempts >= MAX_ATTEMPTS) {
      stats.failed++;
      return stmt(
        `UPDATE "Notification" SET "state" = 'failed', "lastError" = ?, "claimedBy" = NULL, "claimedUntil" = NULL,
           "payload" = CASE WHEN "kind" = 'sign-in' THEN '{}' ELSE "payload" END
         WHERE "id" = ? AND "claimedBy" = ?`,
        r.error.slice(0, 500),
        c.id,
        owner,
      );
    }
    stats.retried++;
    return stmt(
      `UPDATE "Notification" SET "state" = 'pending', "nextAttemptAt" = ?, "lastError" = ?, "claimedBy" = NULL, "claimedUntil" = NULL
       WHERE "id" = ? AND "claimedBy" = ?`,
      now + backoffMs(c.attempts, r.retryAfterMs),
      r.error.slice(0, 500),
      c.id,
      owner,
    );
  });
  if (stmts.length) await deps.sql.batch(stmts);
  return stats;
}

/**
 * Sends everything that is due, a batch at a time, oldest first, until nothing is due or
 * `maxBatches` batches were sent.
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
    let results: SendResult[];
    try {
      results = await transport.send(await render(deps, claimed));
    } catch (e) {
      deps.log.error("outbox transport threw", { error: String(e) });
      results = claimed.map(() => ({ ok: false as const, permanent: false as const, error: "transport error" }));
    }
    const s = await record(deps, owner, claimed, results);
    total.sent += s.sent;
    total.retried += s.retried;
    total.failed += s.failed;
    deps.log.info("outbox batch", { transport: transport.name, size: claimed.length, ...s });
    if (s.sent === 0 && s.failed === 0) break;
  }
  return total;
}

export async function outboxCounts(deps: Deps): Promise<{ pending: number; sent: number; failed: number }> {
  const rows = await deps.prisma.notification.groupBy({ by: ["state"], _count: { _all: true } });
  const count = (s: string) => rows.find((r) => r.state === s)?._count._all ?? 0;
  return { pending: count("pending") + count("sending"), sent: count("sent"), failed: count("failed") };
}
