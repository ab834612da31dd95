// The periodic work: the deadline sweep and the outbox dispatch, every SWEEP_INTERVAL_MS, and a
// dispatch soon after any state change that wrote notifications. One run at a time per process;
// a kick during a run schedules one more.
import type { Deps } from "./context.ts";
import { sweepExpiredDeals } from "./deals/sweep.ts";
import { dispatchOutbox } from "./outbox/dispatch.ts";
import type { Transport } from "./outbox/transport.ts";

export interface Background {
  kick(): void;
  /** Sweep and dispatch now; resolves when both are done. */
  runNow(): Promise<{ failed: number; sent: number; retried: number; undeliverable: number }>;
  start(): void;
  stop(): Promise<void>;
}

export function createBackground(getDeps: () => Deps, transport: () => Transport): Background {
  let timer: ReturnType<typeof setInterval> | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let kickPending = false;
  let stopped = false;

  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = running.then(fn, fn);
    running = next.catch(() => undefined);
    return next;
  };

  const dispatch = () => dispatchOutbox(getDeps(), transport());

  const runNow = () =>
    serial(async () => {
      const { failed } = await sweepExpiredDeals(getDeps());
      const d = await dispatch();
      return { failed: failed.length, sent: d.sent, retried: d.retried, undeliverable: d.failed };
    });

  const logFailure = (e: unknown) => getDeps().log.error("background run failed", { error: String(e) });

  return {
    kick() {
      // Every kick that arrives before the queued dispatch starts is served by it: under a flash
      // crowd the dispatcher runs back to back, a batch at a time, not once per request.
      if (kickPending || stopped) return;
      kickPending = true;
      serial(async () => {
        kickPending = false;
        if (!stopped) await dispatch();
      }).catch(logFailure);
    },
    runNow,
    start() {
      const ms = getDeps().config.sweepIntervalMs;
      timer = setInterval(() => {
        runNow().catch(logFailure);
      }, ms);
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
