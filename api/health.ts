// GET /api/health: 200 when the server and the database answer, with the outbox counts.
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { json, router } from "./http/openapi.ts";
import { errorBody } from "./errors.ts";
import { outboxCounts } from "./outbox/dispatch.ts";

const health = createRoute({
  method: "get",
  path: "/health",
  tags: ["health"],
  summary: "Liveness and readiness, with outbox counts",
  responses: {
    200: json(
      z.object({
        ok: z.literal(true),
        outbox: z.object({ pending: z.int(), sent: z.int(), failed: z.int() }),
      }),
      "Healthy",
    ),
    503: json(z.object({ error: z.object({ code: z.string(), message: z.string() }) }), "The database does not answer"),
  },
});

export const healthRoutes = router().openapi(health, async (c) => {
  try {
    const outbox = await outboxCounts(c.var.deps);
    return c.json({ ok: true as const, outbox }, 200);
  } catch (e) {
    c.var.deps.log.error("health check failed", { error: String(e) });
    return c.json(errorBody("DATABASE_UNAVAILABLE", "The database does not answer."), 503);
  }
});
