// The periodic work, the deadline sweep and the outbox dispatch, and how each target runs it.
// What the work is comes from compose.ts; this module only decides when it runs.
import type { Logger } from "./context.ts";
import type { OutboxPace } from "./outbox/dispatch.ts";
type RunStats = { failed: number; sent: number; retried: number; undeliverable: number };

export interface BackgroundWork {
  /** Sends what the outbox holds; `more`: it stopped at its cap with more due. */
  dispatch(pace?: OutboxPace): Promise<{ more: boolean }>;
  /** The deadline sweep, then the dispatch. */
  sweepAndDispatch(pace?: OutboxPace): Promise<RunStats & { more: boolean }>;
}

export interface Background {
  /** A state change wrote notifications: dispatch soon. */
  kick(): void;
  /** Sweep and dispatch now; resolves when both are done. */
  runNow(): Promise<RunStats>;
  start(): void;
  stop(): Promise<void>;
}

/**
 * Node: every `intervalMs`, and a dispatch soon after any state change that wrote notifications.
 * One run at a time per process; a kick during a run schedules one more. The dispatcher runs on
 * the thread that serves requests, so it keeps to `outboxShare` of that thread's time while more
 * is due (decision 015, finding 23); stop() ends its rest and its run after the current batch.
 */
export function backgroundLoop(
  work: BackgroundWork,
  { intervalMs, log, outboxShare = 1 }: { intervalMs: number; log: Logger; outboxShare?: number },
): Background {
  let timer: ReturnType<typeof setInterval> | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let kickPending = false;
  let stopped = false;
  // Aborted by stop(); a run asked for after stop() (tests drive the work by hand) gets a new one.
  let stopping = new AbortController();
  const pace = (): OutboxPace => ({ share: outboxShare, signal: stopping.signal });

  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = running.then(fn, fn);
    running = next.catch(() => undefined);
    return next;
  };

  const logFailure = (e: unknown) => log.error("background run failed", { error: String(e) });
  // A run that stopped at its cap with more due asks for another at once, behind anything queued
  // (a sweep), rather than leaving the rest to the next interval.
  const runNow = () =>
    serial(async () => {
      const { more, ...stats } = await work.sweepAndDispatch(pace());
      if (more) loop.kick();
      return stats;
    });

  const loop: Background = {
    kick() {
      // Every kick that arrives before the queued dispatch starts is served by it: under a flash
      // crowd the dispatcher runs a batch at a time, at its share of the thread, not once per
      // request.
      if (kickPending || stopped) return;
      kickPending = true;
      serial(async () => {
        kickPending = false;
        if (stopped) return;
        const { more } = await work.dispatch(pace());
        if (more) loop.kick();
      }).catch(logFailure);
    },
    runNow,
    start() {
      timer = setInterval(() => {
        runNow().catch(logFailure);
      }, intervalMs);
      timer.unref?.();
      runNow().catch(logFailure);
    },
    async stop() {
      stopped = true;
      stopping.abort();
      if (timer) clearInterval(timer);
      await running;
      stopping = new AbortController();
    },
  };
  return loop;
}

/**
 * Workers: a kick dispatches after the answer, in the request's waitUntil; a Cron Trigger calls
 * runNow. There is no timer of its own to start or stop.
 */
export function backgroundInWaitUntil(
  work: BackgroundWork,
  waitUntil: (p: Promise<unknown>) => void,
  log: Logger,
): Background {
  return {
    kick: () => waitUntil(work.dispatch().catch((e) => log.error("dispatch failed", { error: String(e) }))),
    runNow: async () => {
      const { more: _more, ...stats } = await work.sweepAndDispatch();
      return stats;
    },
    start() {},
    async stop() {},
  };
}
