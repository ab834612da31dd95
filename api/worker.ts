// The Cloudflare Workers entry: `fetch` serves the app over D1, `scheduled` (a Cron Trigger every
// minute) runs the deadline sweep and the outbox dispatch. The app is built once per isolate; the
// Prisma client and the database port are made per request, as D1 bindings are.
import type { D1Database, ExecutionContext, Fetcher, ScheduledController } from "@cloudflare/workers-types";
import { PrismaD1 } from "@prisma/adapter-d1";
import { PrismaClient } from "./generated/prisma-worker/client.ts";
import type { PrismaClient as NodePrismaClient } from "./generated/prisma-node/client.ts";
import { ConfigError, loadConfig, refuseUnsafeProduction, type Config } from "./config.ts";
import { errorBody } from "./errors.ts";
import { createLogger, type Logger } from "./context.ts";
import { createApp, type RequestScope } from "./app.ts";
import { d1Sql } from "./db/d1.ts";
import { RateLimiter } from "./http/rate-limit.ts";
import { PollingDealEvents } from "./deals/events.ts";
import type { Transport } from "./outbox/transport.ts";
import { webPages } from "./web.ts";
import { backgroundInWaitUntil } from "./background.ts";
import { compose, resendFor } from "./compose.ts";
import { loadImageAssets } from "./share/image-assets.worker.ts";
import { noMetrics } from "./ops/metrics.ts";

export interface WorkerEnv {
  DB: D1Database;
  ASSETS: Fetcher;
  [name: string]: unknown;
}

interface Isolate {
  config: Config;
  limiter: RateLimiter;
  events: PollingDealEvents;
  log: Logger;
  resend: Transport | null;
  app: ReturnType<typeof createApp>;
  shell?: Promise<string>;
}

let isolate: Isolate | undefined;

/** Only the string variables are configuration; bindings (DB, ASSETS) are not. */
const stringVars = (env: WorkerEnv) =>
  Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => typeof e[1] === "string"));

function scopeFor(env: WorkerEnv, ctx: { waitUntil(p: Promise<unknown>): void }): RequestScope {
  const s = setup(env);
  const sql = d1Sql(env.DB);
  // The Workers client has the same API as the Node one; their generated types differ.
  const prisma = new PrismaClient({ adapter: new PrismaD1(env.DB) }) as unknown as NodePrismaClient;
  const { deps, background } = compose({
    config: s.config,
    log: s.log,
    prisma,
    sql,
    events: s.events,
    // A per-isolate registry would describe one isolate of many: see docs/OPERATING.md, Workers.
    metrics: noMetrics,
    transport: s.resend,
    runBackground: (work) => backgroundInWaitUntil(work, (p) => ctx.waitUntil(p), s.log),
  });
  return { deps, background, limiter: s.limiter };
}

function setup(env: WorkerEnv): Isolate {
  if (isolate) return isolate;
  // A deployed Worker is a server: without NODE_ENV it is production, and production refuses to run misconfigured.
  const config = refuseUnsafeProduction(loadConfig(stringVars(env), { defaultNodeEnv: "production" }));
  const log = createLogger(config.logLevel);
  const app = createApp({
    devMode: config.devMode,
    scope: (c) => scopeFor(c.env as WorkerEnv, c.executionCtx),
    imageAssets: loadImageAssets,
    web: (app) => {
      app.get(
        "*",
        webPages((c) => {
          const s = setup(c.env as WorkerEnv);
          s.shell ??= (c.env as WorkerEnv).ASSETS.fetch(new URL("/", c.req.url).toString()).then((r) => r.text());
          return s.shell;
        }),
      );
    },
  });
  isolate = {
    config,
    limiter: new RateLimiter(config.rateLimits),
    events: new PollingDealEvents(2_000),
    log,
    resend: resendFor(config, log),
    app,
  };
  return isolate;
}

/**
 * A Worker can't refuse to start, so a misconfigured one refuses to run: one JSON log line naming
 * the variables, and a generic 500 (the detail is the operator's, not the client's).
 */
function misconfigured(env: WorkerEnv): Response | null {
  try {
    setup(env);
    return null;
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    const line = { level: "error", time: new Date().toISOString(), msg: "refusing to run: invalid configuration", variables: e.variables, error: e.message };
    console.error(JSON.stringify(line));
    return Response.json(errorBody("INTERNAL", "Something went wrong on our side. Try again later."), { status: 500 });
  }
}

export default {
  fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext) {
    return misconfigured(env) ?? setup(env).app.fetch(request, env, ctx);
  },
  async scheduled(_controller: ScheduledController, env: WorkerEnv, ctx: ExecutionContext) {
    if (misconfigured(env)) return;
    const { background, deps } = scopeFor(env, ctx);
    try {
      deps.log.info("scheduled run", await background.runNow());
    } catch (e) {
      deps.log.error("scheduled run failed", { error: String(e) });
      throw e;
    }
  },
};
