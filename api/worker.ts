// The Cloudflare Workers entry: `fetch` serves the app over D1, `scheduled` (a Cron Trigger every
// minute) runs the deadline sweep and the outbox dispatch. The app is built once per isolate; the
// Prisma client and the database port are made per request, as D1 bindings are.
import type { D1Database, ExecutionContext, Fetcher, ScheduledController } from "@cloudflare/workers-types";
import { PrismaD1 } from "@prisma/adapter-d1";
import { PrismaClient } from "./generated/prisma-worker/client.ts";
import type { PrismaClient as NodePrismaClient } from "./generated/prisma-node/client.ts";
import { loadConfig, type Config } from "./config.ts";
import { createLogger, type Deps } from "./context.ts";
import { createApp, type RequestScope } from "./app.ts";
import { d1Sql } from "./db/d1.ts";
import { RateLimiter } from "./http/rate-limit.ts";
import { PollingDealEvents } from "./deals/events.ts";
import { sweepExpiredDeals } from "./deals/sweep.ts";
import { dispatchOutbox } from "./outbox/dispatch.ts";
import { mailboxTransport } from "./outbox/mailbox.ts";
import { resendTransport } from "./outbox/resend.ts";
import type { Transport } from "./outbox/transport.ts";
import { webPages } from "./web.ts";
import { loadImageAssets } from "./share/image-assets.worker.ts";
import type { Background } from "./background.ts";

export interface WorkerEnv {
  DB: D1Database;
  ASSETS: Fetcher;
  [name: string]: unknown;
}

interface Isolate {
  config: Config;
  limiter: RateLimiter;
  events: PollingDealEvents;
  log: Deps["log"];
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
  const transport = s.resend ?? mailboxTransport(sql);
  const deps: Deps = {
    config: s.config,
    prisma,
    sql,
    limiter: s.limiter,
    events: s.events,
    log: s.log,
    kickOutbox: () => ctx.waitUntil(dispatchOutbox(deps, transport).catch((e) => s.log.error("dispatch failed", { error: String(e) }))),
  };
  const background: Background = {
    kick: deps.kickOutbox,
    async runNow() {
      const { failed } = await sweepExpiredDeals(deps);
      const d = await dispatchOutbox(deps, transport);
      return { failed: failed.length, sent: d.sent, retried: d.retried, undeliverable: d.failed };
    },
    start() {},
    async stop() {},
  };
  return { deps, background };
}

function setup(env: WorkerEnv): Isolate {
  if (isolate) return isolate;
  const config = loadConfig(stringVars(env));
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
    resend: config.resend ? resendTransport({ ...config.resend, mailFrom: config.mailFrom }, log) : null,
    app,
  };
  return isolate;
}

export default {
  fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext) {
    return setup(env).app.fetch(request, env, ctx);
  },
  async scheduled(_controller: ScheduledController, env: WorkerEnv, ctx: ExecutionContext) {
    const { background, deps } = scopeFor(env, ctx);
    try {
      deps.log.info("scheduled run", await background.runNow());
    } catch (e) {
      deps.log.error("scheduled run failed", { error: String(e) });
      throw e;
    }
  },
};
