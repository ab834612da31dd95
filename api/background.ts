// The periodic work, the deadline sweep and the outbox dispatch, and how each target runs it.
// What the work is comes from compose.ts; this module only decides when it runs.
import type { Logger } from "./context.ts";
type RunStats = { failed: number; sent: number; retried: number; undeliverable: number };

export interface BackgroundWork {
  /** Sends what the outbox holds. */
  dispatch(): Promise<unknown>;
  /** The deadline sweep, then the dispatch. */
  sweepAndDispatch(): Promise<RunStats>;
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
 * One run at a time per process; a kick during a run schedules one more.
 */
export function backgroundLoop(work: BackgroundWork, { intervalMs, log }: { intervalMs: number; log: Logger }): Background {
  let timer: ReturnType<typeof setInterval> | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let kickPending = false;
  let stopped = false;

  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = running.then(fn, fn);
    running = next.catch(() => undefined);
    return next;
  };

  const runNow = () => serial(() => work.sweepAndDispatch());
  const logFailure = (e: unknown) => log.error("background run failed", { error: String(e) });

  return {
    kick() {
      // Every kick that arrives before the queued dispatch starts is served by it: under a flash
      // crowd the dispatcher runs back to back, a batch at a time, not once per request.
      if (kickPending || stopped) return;
      kickPending = true;
      serial(async () => {
        kickPending = false;
        if (!stopped) await work.dispatch();
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
      if (timer) clearInterval(timer);
      await running;
    },
  };
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
    runNow: () => work.sweepAndDispatch(),
    start() {},
    async stop() {},
  };
}
