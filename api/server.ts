// Starts Quorum on Node: opens and migrates the database, wires the dependencies, and serves
// the API and the web app. Used by the entry (node.ts), the tests and the benchmark.
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import { answersAtTurnEnd } from "./turn-end.ts";
import type { Config } from "./config.ts";
import { createLogger, type Deps } from "./context.ts";
import { openDatabase, type NodeDatabase } from "./db/node.ts";
import { RateLimiter } from "./http/rate-limit.ts";
import { DealEvents } from "./deals/events.ts";
import { createApp } from "./app.ts";
import { webPages } from "./web.ts";
import { backgroundLoop, type Background } from "./background.ts";
import { compose, resendFor } from "./compose.ts";
import type { Transport } from "./outbox/transport.ts";
import { loadImageAssets } from "./share/image-assets.node.ts";
import { webDir } from "./paths.ts";
import { prometheusMetrics } from "./ops/prometheus.ts";

export interface RunningServer {
  url: string;
  deps: Deps;
  db: NodeDatabase;
  background: Background;
  app: ReturnType<typeof createApp>;
  close(): Promise<void>;
}

interface NodeOptions {
  /** Tests send email to a fake; otherwise Resend or the development mailbox, by configuration. */
  transport?: Transport;
  /** Tests watch the live events; otherwise the in-process DealEvents. */
  events?: DealEvents;
}

/**
 * The outbox dispatcher's largest share of the thread that also serves requests, while more is
 * due: a quarter. Under a crowd the joins come first and email follows; alone, the development
 * mailbox still takes ~1,300 emails a second, Resend's default pace 200 (decision 015, finding 23).
 */
export const OUTBOX_SHARE = 0.25;

export async function buildNodeApp(config: Config, { transport, events }: NodeOptions = {}) {
  const log = createLogger(config.logLevel);
  const db = await openDatabase(config.databaseUrl, {
    checkpoints: config.walCheckpoints,
    checkSkips: config.sqlCheckSkips,
    onCheckpointError: (message) => log.warn("WAL checkpoint failed", { message }),
  });
  const metrics = prometheusMetrics(() => db.sql);
  const { deps, background } = compose({
    config,
    log,
    prisma: db.prisma,
    sql: db.sql,
    events: events ?? new DealEvents(),
    metrics: metrics.port,
    transport: transport ?? resendFor(config, log),
    runBackground: (work) => backgroundLoop(work, { intervalMs: config.sweepIntervalMs, log, outboxShare: OUTBOX_SHARE }),
  });
  const scope = { deps, background, limiter: new RateLimiter(config.rateLimits) };
  const app = createApp({
    devMode: config.devMode,
    scope: () => scope,
    imageAssets: loadImageAssets,
    metrics,
    web: (app) => {
      const dist = join(webDir, "dist");
      const root = existsSync(join(dist, "index.html")) ? dist : webDir;
      app.use("/assets/*", serveStatic({ root }));
      // The icons at the site's root: web/public, which the build copies into web/dist.
      const icons = serveStatic({ root: root === dist ? dist : join(webDir, "public") });
      // Three fixed paths, not one parameter: the router cannot hold a parameter at the root beside
      // the fixed /api/ and /assets/ (http/router.ts).
      for (const icon of ["/favicon.ico", "/favicon.svg", "/apple-touch-icon.png"]) app.get(icon, icons);
      const shell = shellReader(root);
      app.get("*", webPages(async () => shell()));
    },
  });
  return { app, deps, db, background };
}

/**
 * Node's HTTP timeouts. A client has 10 s to send its headers and 30 s for its whole request
 * (bodies are at most 64 KB), checked every second, so slow clients (slowloris) cannot hold
 * sockets for long; Node's defaults are 60 s and 300 s, checked every 30 s. Responses, such as
 * the event stream, are not limited.
 */
export const HTTP_TIMEOUTS = { headersMs: 10_000, requestMs: 30_000, keepAliveMs: 5_000, checkIntervalMs: 1_000 };

/** Listens on config.host:config.port (port 0 picks a free one) and starts the background work. */
export async function startServer(config: Config, opts: NodeOptions & { background?: boolean } = {}) {
  const { app, deps, db, background } = await buildNodeApp(config, opts);
  const serverOptions = {
    headersTimeout: HTTP_TIMEOUTS.headersMs,
    requestTimeout: HTTP_TIMEOUTS.requestMs,
    keepAliveTimeout: HTTP_TIMEOUTS.keepAliveMs,
    connectionsCheckingInterval: HTTP_TIMEOUTS.checkIntervalMs,
  };
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: answersAtTurnEnd(app.fetch), port: config.port, hostname: config.host, serverOptions }, () => resolve(s));
  });
  if (opts.background !== false) background.start();
  const { port } = server.address() as AddressInfo;
  const host = config.host === "0.0.0.0" ? "localhost" : config.host;
  const running: RunningServer = {
    url: `http://${host}:${port}`,
    deps,
    db,
    background,
    app,
    async close() {
      await background.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await db.close();
    },
  };
  return running;
}

/** The built index.html, read again only when the file changes (a rebuild while running). */
function shellReader(root: string) {
  const file = join(root, "index.html");
  let cached: { mtimeMs: number; html: string } | null = null;
  return () => {
    try {
      const { mtimeMs } = statSync(file);
      if (!cached || cached.mtimeMs !== mtimeMs) cached = { mtimeMs, html: readFileSync(file, "utf8") };
    } catch (e) {
      // Mid-rebuild (`npm run build:web` empties web/dist): keep serving the last shell.
      if (!cached) throw e;
    }
    return cached.html;
  };
}
