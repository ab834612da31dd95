// What the domain functions get: plain dependencies, never Hono's context. compose.ts builds them
// for both targets.
import type { Config } from "./config.ts";
import type { Sql } from "./db/sql.ts";
import type { PrismaClient } from "./generated/prisma-node/client.ts";
import type { DealEvents } from "./deals/events.ts";
import type { Metrics } from "./ops/metrics.ts";

export interface Deps {
  config: Config;
  /** The Node and Workers clients have the same API; Workers casts its client once, in worker.ts. */
  prisma: PrismaClient;
  sql: Sql;
  events: DealEvents;
  /** Asks the outbox dispatcher to run soon (after a state change wrote notifications). */
  kickOutbox(): void;
  log: Logger;
  /** Counts for /metrics: prom-client on Node, nothing on Workers. */
  metrics: Metrics;
}

export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** Whether lines of this level are written; a logger without it writes them all. */
  enabled?(level: "info" | "warn" | "error"): boolean;
}

export function createLogger(level: Config["logLevel"]): Logger {
  const order = ["debug", "info", "warn", "error", "silent"];
  const min = order.indexOf(level);
  const emit = (lvl: string, msg: string, fields?: Record<string, unknown>) => {
    if (order.indexOf(lvl) < min) return;
    const line = JSON.stringify({ level: lvl, time: new Date().toISOString(), msg, ...fields });
    (lvl === "error" ? console.error : console.log)(line);
  };
  return {
    info: (m, f) => emit("info", m, f),
    warn: (m, f) => emit("warn", m, f),
    error: (m, f) => emit("error", m, f),
    enabled: (lvl) => order.indexOf(lvl) >= min,
  };
}
