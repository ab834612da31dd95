// GET /api/health: 200 {ok: true} when the server and the database answer, to anyone. The outbox
// counts are the operator's business and live on /metrics.
import { z } from "zod";
import { json, router, routesTagged } from "./http/openapi.ts";
import { errorBody } from "./errors.ts";
import { query, sql } from "./db/sql.ts";

const health = routesTagged("health")("get", "/health", "Liveness and readiness: the server and its database answer", {
  responses: {
    200: json(z.object({ ok: z.literal(true) }), "Healthy"),
    503: json(z.object({ error: z.object({ code: z.string(), message: z.string() }) }), "The database does not answer"),
  },
});

export const healthRoutes = router().openapi(health, async (c) => {
  try {
    await query(c.get("deps").sql, sql`SELECT 1 AS "ok"`);
    c.header("Cache-Control", "no-store");
    return c.json({ ok: true as const }, 200);
  } catch (e) {
    c.get("deps").log.error("health check failed", { error: String(e) });
    return c.json(errorBody("DATABASE_UNAVAILABLE", "The database does not answer."), 503);
  }
});
