// The Cloudflare Workers entry: `fetch` serves the app over D1, `scheduled` (a Cron Trigger every
// minute) runs the deadline sweep and the outbox dispatch. The app is built once per isolate; the
// Prisma client and the database port are made per request, as D1 bindings are.
import type { D1Database, DurableObjectNamespace, ExecutionContext, Fetcher, ScheduledController } from "@cloudflare/workers-types";
import { PrismaD1 } from "@prisma/adapter-d1";
import { PrismaClient } from "./generated/prisma-worker/client.ts";
import type { PrismaClient as NodePrismaClient } from "./generated/prisma-node/client.ts";
import { ConfigError, loadConfig, refuseUnsafeProduction, type Config } from "./config.ts";
import { errorBody } from "./errors.ts";
import { createLogger, type Logger } from "./context.ts";
import { createApp, type RequestScope } from "./app.ts";
import { d1Sql } from "./db/d1.ts";
import { RateLimiter } from "./http/rate-limit.ts";
import { DealRoomObject, eventStreamDeal, ROOM_SCOPE, roomOf, RoomNotifier, type RoomScope } from "./deals/events-room.ts";
import type { Transport } from "./outbox/transport.ts";
import { webPages } from "./web.ts";
import { backgroundInWaitUntil } from "./background.ts";
import { compose, resendFor } from "./compose.ts";
import { noMetrics } from "./ops/metrics.ts";

export interface WorkerEnv {
  DB: D1Database;
  ASSETS: Fetcher;
  /** One DealRoom per deal holds its live streams (api/deals/events-room.ts). */
  DEAL_ROOM: DurableObjectNamespace;
  [name: string]: unknown;
}

interface Isolate {
  config: Config;
  limiter: RateLimiter;
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
  // Inside a deal's room, the room's own bus, and its reads counted.
  const room = env[ROOM_SCOPE] as RoomScope | undefined;
  const sql = room ? room.countReads(d1Sql(env.DB)) : d1Sql(env.DB);
  // The Workers client has the same API as the Node one; their generated types differ.
  const prisma = new PrismaClient({ adapter: new PrismaD1(env.DB) }) as unknown as NodePrismaClient;
  const { deps, background } = compose({
    config: s.config,
    log: s.log,
    prisma,
    sql,
    events: room?.events ?? new RoomNotifier(env.DEAL_ROOM, (p) => ctx.waitUntil(p), s.log),
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
    // Loaded on the first picture only: most requests never need the WebAssembly and fonts, and
    // importing this entry (tests do, on Node) doesn't pull in .wasm modules.
    imageAssets: () => import("./share/image-assets.worker.ts").then((m) => m.loadImageAssets()),
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

/** The Durable Object that holds one deal's live streams; it serves them with this same app. */
export class DealRoom extends DealRoomObject {
  protected serve(request: Request, env: WorkerEnv, ctx: ExecutionContext) {
    return setup(env).app.fetch(request, env, ctx);
  }
}

export default {
  fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext) {
    const refused = misconfigured(env);
    if (refused) return refused;
    // A live stream is held by its deal's room; in development mode the room's read count is visible.
    const dealId = eventStreamDeal(request.url);
    if (dealId) return roomOf(env.DEAL_ROOM, dealId).fetch(request);
    const stats = /^\/api\/dev\/rooms\/([^/]+)$/.exec(new URL(request.url).pathname);
    if (stats && setup(env).config.devMode) return roomOf(env.DEAL_ROOM, stats[1]!).fetch("https://deal-room/stats");
    return setup(env).app.fetch(request, env, ctx);
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
