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
 * How the dispatcher shares the thread with the requests it serves beside (Node: see
 * docs/decisions/015, finding 23).
 */
export interface OutboxPace {
  /**
   * The largest share of the thread's time the dispatcher's own work (claim, render and freeze,
   * record; not the transport's wait) takes while more is due: after a full batch whose own work
   * took t ms it rests t × (1 − share) ÷ share ms before the next. 1 (the default): no rest.
   */
  share?: number;
  /** Aborted: no rest and no batch after the current one. */
  signal?: AbortSignal;
  /** For tests: the clock the own work is timed with, and the rest. */
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const sleepFor = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });

/**
 * Sends everything that is due, a batch at a time, oldest first, until nothing is due, a batch
 * could not be sent, or `maxBatches` batches were sent. `more`: it stopped at `maxBatches` after
 * a full batch, so more may be due.
 */
export async function dispatchOutbox(
  deps: Deps,
  transport: Transport,
  {
    owner = randomUUID(),
    maxBatches = 50,
    share = 1,
    signal,
    now = () => performance.now(),
    sleep = sleepFor,
  }: { owner?: string; maxBatches?: number } & OutboxPace = {},
) {
  if (!(share > 0 && share <= 1)) throw new RangeError(`the outbox's share of the thread must be in (0, 1], not ${share}`);
  const total = { claimed: 0, sent: 0, retried: 0, failed: 0, more: false };
  let restMs = 0;
  for (let i = 0; i < maxBatches && !signal?.aborted; i++) {
    if (restMs > 0) {
      await sleep(restMs, signal);
      if (signal?.aborted) break;
    }
    const started = now();
    const claimed = await claim(deps, owner, transport.maxBatch);
    if (claimed.length === 0) break;
    total.claimed += claimed.length;
    const batch = await freeze(deps, owner, claimed);
    if (!batch) {
      deps.log.warn("outbox lease lost before sending", { size: claimed.length });
      break;
    }
    let results: SendResult[];
    const sending = now();
    try {
      results = await transport.send(batch.emails, { batchKey: batch.batchKey });
    } catch (e) {
      deps.log.error("outbox transport threw", { error: String(e) });
      results = claimed.map(() => ({ ok: false as const, permanent: false as const, error: "transport error" }));
    }
    const sent = now();
    const { lost, ...s } = await record(deps, owner, claimed, results, batch.fresh);
    // Only a full batch leaves more due. The wait for the transport is not the thread's time (the
    // development mailbox's insert, a few per cent of a batch, is left out with it).
    const ownMs = sending - started + (now() - sent);
    restMs = claimed.length === transport.maxBatch ? (ownMs * (1 - share)) / share : 0;
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
      ...(restMs > 0 ? { restMs: Math.round(restMs * 10) / 10 } : {}),
      ...(firstError && !firstError.ok ? { error: firstError.error } : {}),
    });
    if (s.sent === 0 && s.failed === 0) break;
    total.more = i === maxBatches - 1 && claimed.length === transport.maxBatch;
  }
  return total;
}

export async function outboxCounts(deps: Deps): Promise<{ pending: number; sent: number; failed: number }> {
  const rows = await query(deps.sql, sql`SELECT "state", COUNT(*) AS "n" FROM "Notification" GROUP BY "state"`);
  const count = (s: string) => Number(rows.find((r) => r.state === s)?.n ?? 0);
  return { pending: count("pending") + count("sending"), sent: count("sent"), failed: count("failed") };
}
