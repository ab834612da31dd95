// Test harness: a real app on a fresh SQLite database, driven in process or over real HTTP, with
// a JSON request helper and the factories of factories.ts. Nothing is mocked; time moves through
// the clock module.
import { afterEach } from "vitest";
import { loadConfig, type Config } from "../../api/config.ts";
import { buildNodeApp, startServer, type RunningServer } from "../../api/server.ts";
import { clock } from "../../api/clock.ts";
import type { Transport } from "../../api/outbox/transport.ts";
import type { DealEvents } from "../../api/deals/events.ts";
import { factories } from "./factories.ts";
import { outboxCounts } from "../../api/outbox/dispatch.ts";

export const APP_URL = "http://localhost:3000";

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: "test",
    APP_URL,
    DATABASE_URL: "file::memory:",
    LOG_LEVEL: "silent",
    RATE_LIMITS: "off",
    // Every batch the tests run also proves its skipped statements would have changed nothing.
    SQL_CHECK_SKIPS: "on",
    MAIL_FROM: "Quorum <deals@quorum.test>",
    ...env,
  });
}

afterEach(() => clock.setOffset(0));

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** An app over a fresh in-memory database, driven through app.request(). */
export async function createTestApp(env: Record<string, string> = {}, opts: { transport?: Transport } = {}) {
  const built = await buildNodeApp(testConfig(env), opts);
  return withFactories(built.app.request.bind(built.app), built, async () => {
    await built.background.stop();
    await built.db.close();
  });
}

/** The same, listening on 127.0.0.1 for tests that need real HTTP and real concurrency. */
export async function startTestServer(env: Record<string, string> = {}, opts: { transport?: Transport; events?: DealEvents } = {}) {
  const server: RunningServer = await startServer(testConfig({ HOST: "127.0.0.1", PORT: "0", ...env }), {
    ...opts,
    background: false,
  });
  const request = (path: string, init?: RequestInit) => fetch(server.url + path, init);
  return { ...withFactories(request, server, () => server.close()), url: server.url };
}

type Requester = (path: string, init?: RequestInit) => Response | Promise<Response>;

function withFactories(
  request: Requester,
  built: Pick<RunningServer, "deps" | "background" | "db">,
  close: () => Promise<void>,
) {
  const { deps } = built;

  /** A JSON request, optionally as a user. */
  async function api(method: string, path: string, { as, body, headers }: { as?: { cookie: string }; body?: unknown; headers?: Record<string, string> } = {}) {
    const res = await request(path, {
      method,
      headers: {
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...(as ? { cookie: as.cookie } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json: any = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: res.status, json, text, headers: res.headers };
  }

  const notifications = (where: { dealId?: string; kind?: string } = {}) =>
    deps.prisma.notification.findMany({ where, orderBy: { id: "asc" } });

  const advance = (ms: number) => clock.setOffset(clock.offsetMs() + ms);

  /** The outbox counts (pending includes sending), read from the database; /metrics has them by kind. */
  const outbox = () => outboxCounts(deps);

  return { request, api, deps, built, ...factories(api, deps), notifications, outbox, advance, close };
}
