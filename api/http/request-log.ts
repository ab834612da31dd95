// One JSON log line per request, and its request id: taken from X-Request-Id when a trusted proxy
// sent it, made up otherwise, and echoed on every answer. The same place counts the request for
// the metrics. A 500's detail (the stack) goes in its line, never to the client (see onError).
import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import type { AppEnv } from "./env.ts";
import { clientIp, fromTrustedProxy } from "./client-ip.ts";

const REQUEST_ID = /^[\w.:@/+=-]{1,128}$/;

export const requestLog: MiddlewareHandler<AppEnv> = async (c, next) => {
  const started = performance.now();
  const offered = c.req.header("x-request-id");
  const id = offered && REQUEST_ID.test(offered) && fromTrustedProxy(c) ? offered : crypto.randomUUID();
  c.set("requestId", id);
  await next();
  c.res.headers.set("x-request-id", id);
  const deps = c.get("deps");
  const status = c.res.status;
  // The matched route's template, not the path: bounded label values, no ids in the metrics.
  const route = routePath(c);
  const ms = performance.now() - started;
  deps.metrics.httpRequest({ method: c.req.method, route, status, seconds: ms / 1000 });
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
};
