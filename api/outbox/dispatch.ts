// The outbox dispatcher: claims due notifications (claim.ts), freezes them into a batch
// (freeze.ts), hands the batch to the transport, and records each result (record.ts), a batch at
// a time. See docs/decisions/003-email-delivery.md.
import { randomUUID } from "node:crypto";
import type { Deps } from "../context.ts";
import { query, sql } from "../db/sql.ts";
import type { SendResult, Transport } from "./transport.ts";
import { claim } from "./claim.ts";
import { freeze } from "./freeze.ts";
import { record } from "./record.ts";

/**
 * Sends everything that is due, a batch at a time, oldest first, until nothing is due, a batch
 * could not be sent, or `maxBatches` batches were sent.
 */
export async function dispatchOutbox(
  deps: Deps,
  transport: Transport,
  { owner = randomUUID(), maxBatches = 50 }: { owner?: string; maxBatches?: number } = {},
) {
  const total = { claimed: 0, sent: 0, retried: 0, failed: 0 };
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
      job: "dispatch",
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
  const rows = await query(deps.sql, sql`SELECT "state", COUNT(*) AS "n" FROM "Notification" GROUP BY "state"`);
  const count = (s: string) => Number(rows.find((r) => r.state === s)?.n ?? 0);
  return { pending: count("pending") + count("sending"), sent: count("sent"), failed: count("failed") };
}
