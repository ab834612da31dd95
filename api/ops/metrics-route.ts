// GET /metrics: the Prometheus text format, for a scraper holding METRICS_TOKEN as a bearer token.
// Unset token: the route does not exist (404). Outside /api and the OpenAPI document on purpose:
// it is the operator's, not the app's.
import { timingSafeEqual } from "node:crypto";
import type { Hono } from "hono";
import type { AppEnv } from "../http/env.ts";
import { errorBody } from "../errors.ts";
import type { PrometheusMetrics } from "./prometheus.ts";

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function mountMetrics(app: Hono<AppEnv>, metrics: PrometheusMetrics) {
  app.get("/metrics", async (c) => {
    const expected = c.get("deps").config.metricsToken;
    if (!expected) return c.json(errorBody("NOT_FOUND", "There is no such page."), 404);
    const given = /^Bearer (.+)$/i.exec(c.req.header("authorization") ?? "")?.[1] ?? "";
    if (!sameToken(given, expected)) {
      c.header("WWW-Authenticate", 'Bearer realm="metrics"');
      return c.json(errorBody("UNAUTHENTICATED", "The metrics need the bearer token METRICS_TOKEN."), 401);
    }
    c.header("Cache-Control", "no-store");
    return c.body(await metrics.render(), 200, { "Content-Type": metrics.contentType });
  });
}
