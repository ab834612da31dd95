// The one wiring of both targets. An entry (server.ts for Node, worker.ts for Workers) passes what
// differs between them: the database, the live-events implementation, the mail transport, and
// how background work runs. Everything else, the Deps every use case gets and what the sweep and
// the dispatch do, is built here.
import type { Config } from "./config.ts";
import type { Deps, Logger } from "./context.ts";
import type { Sql } from "./db/sql.ts";
import type { PrismaClient } from "./generated/prisma-node/client.ts";
import type { DealEvents } from "./deals/events.ts";
import { sweepExpiredDeals } from "./deals/sweep-expired-deals.ts";
import { sweepEndingSoon } from "./deals/sweep-ending-soon.ts";
import { sweepGrace } from "./deals/sweep-grace.ts";
import { sweepCoCreate } from "./deals/sweep-co-create.ts";
import { sweepPayments } from "./payments/sweep-payments.ts";
import { dispatchOutbox, type OutboxPace } from "./outbox/dispatch.ts";
import { purgeRateCounters } from "./http/rate-counter.ts";
import { purgeIfDue } from "./users/purge-personal-data.ts";
import { mailboxTransport } from "./outbox/mailbox.ts";
import { resendTransport } from "./outbox/resend.ts";
import type { Transport } from "./outbox/transport.ts";
import type { Background, BackgroundWork } from "./background.ts";
import type { Metrics } from "./ops/metrics.ts";

interface Target {
  config: Config;
  log: Logger;
  prisma: PrismaClient;
  sql: Sql;
  events: DealEvents;
  metrics: Metrics;
  /** Where email goes; the development mailbox in this database when null. */
  transport: Transport | null;
  /** How this target runs the sweep and the dispatch. */
  runBackground(work: BackgroundWork): Background;
}

export function compose({ config, log, prisma, sql, events, metrics, transport, runBackground }: Target) {
  const mail = transport ?? mailboxTransport(sql);
  let background: Background | undefined;
  const deps: Deps = { config, log, prisma, sql, events, metrics, kickOutbox: () => background?.kick() };
  const dispatch = (pace?: OutboxPace) => dispatchOutbox(deps, mail, pace);
  background = runBackground({
    dispatch,
    async sweepAndDispatch(pace) {
      const started = performance.now();
      const { failed } = await sweepExpiredDeals(deps);
      await sweepEndingSoon(deps);
      const grace = await sweepGrace(deps);
      await purgeRateCounters(deps);
      await purgeIfDue(deps);
      // One line per sweep, whether or not it found anything: a silent log means a stopped sweep.
      log.info("sweep", { job: "sweep", failedDeals: failed.length, durationMs: Math.round(performance.now() - started) });
      await sweepCoCreate(deps);
      await sweepPayments(deps);
      const d = await dispatch(pace);
      return { failed: failed.length + grace.failed.length, sent: d.sent, retried: d.retried, undeliverable: d.failed, more: d.more };
    },
  });
  return { deps, background };
}

/**
 * With RESEND_API_KEY, email goes through Resend; otherwise (null) to the development mailbox.
 * Made once per process or isolate: its pacer counts the requests of that process.
 */
export const resendFor = (config: Config, log: Logger): Transport | null =>
  config.resend ? resendTransport({ ...config.resend, mailFrom: config.mailFrom }, log) : null;
