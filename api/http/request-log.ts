// One JSON log line per request, and its request id: taken from X-Request-Id when a trusted proxy
// sent it, made up otherwise, and echoed on every answer. The same place counts the request for
// the metrics. A 500's detail (the stack) goes in its line, never to the client (see onError).
// Called by the edge (edge.ts), before and after the request.
import type { Context } from "hono";
import { routePath } from "hono/route";
import type { AppEnv } from "./env.ts";
import { clientIp, fromTrustedProxy } from "./client-ip.ts";

const REQUEST_ID = /^[\w.:@/+=-]{1,128}$/;

/** The request's id: a trusted proxy's X-Request-Id, or a new one. */
export function requestIdFor(c: Context<AppEnv>): string {
  const offered = c.req.header("x-request-id");
  return offered && REQUEST_ID.test(offered) && fromTrustedProxy(c) ? offered : crypto.randomUUID();
}

/** Counts the request and writes its line (info, or error for a 5xx). */
export function logRequest(c: Context<AppEnv>, id: string, started: number): void {
  const deps = c.get("deps");
  const status = c.res.status;
  // The matched route's template, not the path: bounded label values, no ids in the metrics.
  const route = routePath(c);
  const ms = performance.now() - started;
  deps.metrics.httpRequest({ method: c.req.method, route, status, seconds: ms / 1000 });
  // A line nobody reads is not built: at LOG_LEVEL=warn only the 5xx lines are written.
  if (status < 500 && deps.log.enabled?.("info") === false) return;
  const error = c.get("error");
  const user = c.get("user");
  const fields = {
    requestId: id,
    method: c.req.method,
    route,
    path: c.req.path,
    status,
    durationMs: Math.round(ms * 10) / 10,
    client: clientIp(c),
    ...(user ? { userId: user.id } : {}),
    ...(error ? { error: error.stack ?? String(error) } : {}),
  };
  if (status >= 500) deps.log.error("request", fields);
  else deps.log.info("request", fields);
}
