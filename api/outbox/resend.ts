// The Resend transport: one `batch.send` call per outbox batch (at most 100 emails, in the
// dispatcher's order), through the official SDK.
//
// - Permissive batch validation: an address Resend refuses for good fails alone, with its reason;
//   the rest of the batch is delivered.
// - The batch's idempotency key comes from the dispatcher, which resends a batch only with the
//   same members and the same content (docs/decisions/003-email-delivery.md). A lost answer
//   (`statusCode: null`) is therefore retried safely: Resend replays its first answer.
// - 429, 5xx and network errors are retryable; 401/403 (a bad key, an unverified domain) and an
//   exhausted quota hold the email until an operator acts, without using up its attempts.
// - A pacer keeps this process under RESEND_MAX_RPS and waits while `ratelimit-remaining` is 0.
// - No attachments: Resend's batch endpoint drops them. A trip's confirmation links to its
//   calendar.ics instead.
import { Resend } from "resend";
import type { Logger } from "../context.ts";
import type { OutgoingEmail, SendResult, Transport } from "./transport.ts";

const RESEND_API_URL = "https://api.resend.com";
const RESEND_MAX_BATCH = 100;
/** The SDK sets no timeout of its own; a timed-out call is a lost answer, retried with its key. */
const REQUEST_TIMEOUT_MS = 30_000;
/** Longer waits for the pacer are not spent holding a claim: the batch is retried later. */
const MAX_INLINE_WAIT_MS = 10_000;
/** How soon to try again after Resend refused the key: an operator has to fix it first. */
export const AUTH_RETRY_MS = 5 * 60_000;
const QUOTA_RETRY_MS = 60 * 60_000;

interface ResendSettings {
  apiKey: string;
  /** RESEND_BASE_URL; Resend's own API when unset. */
  baseUrl?: string | undefined;
  /** RESEND_MAX_RPS: requests per second this process may make. */
  maxRps: number;
  /** MAIL_FROM, only to warn at start when Resend cannot send from it. */
  mailFrom?: string;
}

/** The domain of "Name <user@domain>" or "user@domain". */
const senderDomain = (from: string) => /@([^>\s]+)>?\s*$/.exec(from)?.[1]?.toLowerCase() ?? "";

/**
 * Paces the requests of one process: starts are spaced 1/maxRps apart, one request at a time,
 * and nothing starts while the provider says the window is used up. Runs on the monotonic
 * performance clock, not the app clock: this is about real seconds at the provider, and tests
 * that move the app clock must not move it.
 */
export class Pacer {
  private tail: Promise<unknown> = Promise.resolve();
  private lastStart = -Infinity;
  private blockedUntil = 0;
  private readonly spacingMs: number;

  constructor(maxRps: number) {
    // A 2% margin so that timer and network jitter never squeeze two starts into one window.
    this.spacingMs = (1000 / maxRps) * 1.02;
  }

  /** Runs `fn` when allowed; if that would mean waiting longer than `maxWaitMs`, doesn't, and says how long. */
  run<T>(fn: () => Promise<T>, maxWaitMs: number): Promise<{ ran: true; value: T } | { ran: false; waitMs: number }> {
    const turn = this.tail.then(async () => {
      const wait = this.waitMs();
      if (wait > maxWaitMs) return { ran: false as const, waitMs: Math.ceil(wait) };
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      this.lastStart = performance.now();
      return { ran: true as const, value: await fn() };
    });
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  /** Learns from the provider's rate-limit headers. */
  observe(headers: Record<string, string> | null, status: number | null): void {
    if (!headers) return;
    const now = performance.now();
    const seconds = (name: string) => {
      const v = Number(headers[name]);
      return Number.isFinite(v) && v >= 0 ? v : null;
    };
    const reset = seconds("ratelimit-reset") ?? 1;
    if (status === 429) {
      this.blockedUntil = Math.max(this.blockedUntil, now + (seconds("retry-after") ?? reset) * 1000);
    } else if (seconds("ratelimit-remaining") === 0) {
      this.blockedUntil = Math.max(this.blockedUntil, now + reset * 1000);
    }
  }

  private waitMs(): number {
    const now = performance.now();
    return Math.max(0, this.lastStart + this.spacingMs - now, this.blockedUntil - now);
  }
}

const allFailed = (batch: OutgoingEmail[], r: SendResult): SendResult[] => batch.map(() => r);

export function resendTransport(settings: ResendSettings, log: Logger): Transport {
  // The base URL is passed explicitly so the SDK never falls back to process.env.
  const baseUrl = (settings.baseUrl ?? RESEND_API_URL).replace(/\/+$/, "");
  const resend = new Resend(settings.apiKey, { baseUrl });
  const pacer = new Pacer(settings.maxRps);
  if (settings.mailFrom !== undefined) {
    const domain = senderDomain(settings.mailFrom);
    if (!domain.includes(".") || domain === "localhost") {
      log.error("MAIL_FROM is not an address Resend can send from: set it to one on your verified domain", {
        mailFrom: settings.mailFrom,
      });
    }
  }

  return {
    name: "resend",
    maxBatch: RESEND_MAX_BATCH,
    async send(batch, { batchKey }) {
      if (batch.length === 0) return [];
      if (batch.length > RESEND_MAX_BATCH) throw new Error(`a Resend batch holds at most ${RESEND_MAX_BATCH} emails`);
      // Everything here is fixed by the frozen batch, so a retry sends the same request body.
      const emails = batch.map((e) => ({
        from: e.from,
        to: e.to,
        subject: e.subject,
        text: e.text,
        html: e.html,
        tags: [
          { name: "kind", value: e.kind },
          { name: "notification", value: String(e.notificationId) },
        ],
      }));
      const turn = await pacer.run(
        () =>
          resend.batch.send(emails, {
            idempotencyKey: batchKey,
            batchValidation: "permissive",
            signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          }),
        MAX_INLINE_WAIT_MS,
      );
      if (!turn.ran) {
        return allFailed(batch, {
          ok: false,
          permanent: false,
          hold: true,
          unsent: "call",
          retryAfterMs: turn.waitMs,
          error: `paced: Resend's rate limit leaves no request for ${turn.waitMs} ms`,
        });
      }
      const { data, error, headers } = turn.value;
      pacer.observe(headers, error ? error.statusCode : 200);

      if (!error) {
        const failedAt = new Map((data.errors ?? []).map((e) => [e.index, e.message]));
        const ids = data.data.map((d) => d.id);
        let next = 0;
        const badSender = [...failedAt.values()].find((m) => m.includes("`from`"));
        if (badSender) {
          log.error("RESEND REFUSED THE SENDER: email is held until MAIL_FROM is fixed", { message: badSender });
        }
        return batch.map((_, i): SendResult => {
          const refused = failedAt.get(i);
          // A refused sender is ours to fix, not the recipient's: held, not failed.
          if (refused?.includes("`from`")) {
            const error = `refused by Resend: ${refused}`;
            return { ok: false, permanent: false, hold: true, unsent: "key", retryAfterMs: AUTH_RETRY_MS, error };
          }
          if (refused !== undefined) return { ok: false, permanent: true, error: `refused by Resend: ${refused}` };
          const id = ids[next++];
          return id
            ? { ok: true, messageId: id }
            : { ok: false, permanent: true, error: "Resend accepted the batch but returned no id for this email" };
        });
      }

      const status = error.statusCode;
      const what = `${status ?? "no answer"} ${error.name}: ${error.message}`;
      if (status === null) {
        // The request may or may not have been accepted; only a retry with the same key is safe.
        return allFailed(batch, { ok: false, permanent: false, error: `network error, outcome unknown: ${error.message}` });
      }
      if (status === 401 || status === 403) {
        log.error("RESEND REFUSED THE API KEY OR SENDER: email is held until this is fixed", {
          status,
          name: error.name,
          message: error.message,
          hint: "check RESEND_API_KEY, and that the MAIL_FROM domain is verified in Resend",
        });
        return allFailed(batch, { ok: false, permanent: false, hold: true, unsent: "call", retryAfterMs: AUTH_RETRY_MS, error: what });
      }
      if (status === 429) {
        const retryAfterS = Number(headers?.["retry-after"] ?? headers?.["ratelimit-reset"]);
        const retryAfterMs = Number.isFinite(retryAfterS) ? retryAfterS * 1000 : undefined;
        if (error.name === "daily_quota_exceeded" || error.name === "monthly_quota_exceeded") {
          log.error("Resend quota exhausted: email is held", { name: error.name, message: error.message });
          return allFailed(batch, {
            ok: false,
            permanent: false,
            hold: true,
            unsent: "call",
            retryAfterMs: Math.max(retryAfterMs ?? 0, QUOTA_RETRY_MS),
            error: what,
          });
        }
        // Refused before processing: nothing was sent.
        return allFailed(batch, { ok: false, permanent: false, unsent: "call", retryAfterMs, error: what });
      }
      if (status >= 500 || error.name === "concurrent_idempotent_requests") {
        return allFailed(batch, { ok: false, permanent: false, error: what });
      }
      // Any other 4xx refuses the request as a whole and would refuse it again. A 409
      // invalid_idempotent_request means the key was accepted before with other content, which
      // the frozen batches rule out; it is surfaced rather than resent under a new key.
      log.error("Resend refused a batch", { status, name: error.name, message: error.message, size: batch.length });
      return allFailed(batch, { ok: false, permanent: true, error: what });
    },
  };
}
