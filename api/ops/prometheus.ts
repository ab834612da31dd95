// The Node metrics: prom-client counters and histograms fed through the Metrics port, and gauges
// read from the database at scrape time (the database is the truth; a counter kept beside it
// would drift after a restart). One registry per app, so that tests' apps do not share counts.
import { Counter, Gauge, Registry } from "prom-client";
import { HttpMetrics } from "./http-metrics.ts";
import { clock } from "../clock.ts";
import { fromSqlTime, query, sql, type Sql } from "../db/sql.ts";
import type { Metrics } from "./metrics.ts";

export interface PrometheusMetrics {
  port: Metrics;
  /** The Prometheus text exposition of every metric, gauges read now. */
  render(): Promise<string>;
  contentType: string;
}

export function prometheusMetrics(db: () => Sql): PrometheusMetrics {
  const registry = new Registry();
  const registers = [registry];
  // The per-request pair, counted without prom-client's label checks on the hot path (http-metrics.ts).
  const http = new HttpMetrics(
    { requests: "quorum_http_requests_total", durations: "quorum_http_request_duration_seconds" },
    {
      requests: "HTTP requests answered, by method, route template and status",
      durations: "Time to answer an HTTP request (to the first byte of a stream), by route template and status",
    },
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  );
  for (const metric of http.metrics()) registry.registerMetric(metric as never);
  const joins = new Counter({
    name: "quorum_joins_total",
    help: "Join attempts by outcome: active, waitlisted, or refused (closed, already committed, too many seats)",
    labelNames: ["outcome"] as const,
    registers,
  });
  for (const outcome of ["active", "waitlisted", "refused"]) joins.inc({ outcome }, 0);
  const confirmations = new Counter({ name: "quorum_deal_confirmations_total", help: "Deals confirmed", registers });
  const signIns = new Counter({ name: "quorum_sign_in_emails_total", help: "Sign-in links put in the outbox", registers });
  const streams = new Gauge({ name: "quorum_event_streams_open", help: "Live deal event streams open now", registers });

  new Gauge({
    name: "quorum_notifications",
    help: "Notifications in the outbox by kind and state (pending, sending, sent, failed)",
    labelNames: ["kind", "state"] as const,
    registers,
    async collect() {
      this.reset();
      const rows = await query(db(), sql`SELECT "kind", "state", COUNT(*) AS "n" FROM "Notification" GROUP BY "kind", "state"`);
      for (const r of rows) this.set({ kind: String(r.kind), state: String(r.state) }, Number(r.n));
    },
  });
  new Gauge({
    name: "quorum_notifications_oldest_pending_age_seconds",
    help: "Age of the oldest notification not yet sent (pending or sending); 0 when none",
    registers,
    async collect() {
      const [r] = await query(db(), sql`SELECT MIN("createdAt") AS "oldest" FROM "Notification" WHERE "state" IN ('pending', 'sending')`);
      const oldest = fromSqlTime(r?.oldest);
      this.set(oldest ? Math.max(0, (clock.nowMs() - oldest.getTime()) / 1000) : 0);
    },
  });
  new Gauge({
    name: "quorum_deals",
    help: "Deals by stored status (open, confirmed, failed, cancelled)",
    labelNames: ["status"] as const,
    registers,
    async collect() {
      this.reset();
      const rows = await query(db(), sql`SELECT "status", COUNT(*) AS "n" FROM "Deal" GROUP BY "status"`);
      for (const r of rows) this.set({ status: String(r.status) }, Number(r.n));
    },
  });
  new Gauge({
    name: "quorum_database_size_bytes",
    help: "The SQLite database's size (page_count * page_size), without its WAL",
    registers,
    async collect() {
      const [r] = await query(db(), sql`SELECT page_count * page_size AS "bytes" FROM pragma_page_count(), pragma_page_size()`);
      this.set(Number(r?.bytes ?? 0));
    },
  });

  const port: Metrics = {
    httpRequest({ method, route, status, seconds }) {
      http.record(method, route, status, seconds);
    },
    join: (outcome) => joins.inc({ outcome }),
    confirmation: () => confirmations.inc(),
    signInEmail: () => signIns.inc(),
    streamOpened() {
      streams.inc();
      let open = true;
      return () => {
        if (open) streams.dec();
        open = false;
      };
    },
  };
  return { port, render: () => registry.metrics(), contentType: registry.contentType };
}
