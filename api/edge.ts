// The edge of every request, in one middleware: its dependencies, its id, and for /api the body
// limit, the same-origin check and the session before the route; after it, the answer's
// Cache-Control and Date (for /api), the security headers, the request id, the metrics and the log.
//
// Issue 17: this was seven middleware, each a layer of Hono's compose with its own promise and
// closure; the signed-out deal read spent half its time in them (33 of ~65 µs of CPU a read, in
// `npm run bench`'s conditions on a 2-core VM). One layer does the same work in the same order.
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "./http/env.ts";
import type { RequestScope } from "./app.ts";
import { applySecurityHeaders, assertSameOrigin, bodyVerdict, countBody, onError, tooLarge } from "./http/middleware.ts";
import { logRequest, requestIdFor } from "./http/request-log.ts";
import { loadSession, markPrivate } from "./auth/session-cookie.ts";
import { stampServerDate } from "./http/server-date.ts";

/** Stripe's webhook carries no session and no origin: only its signature counts (payments/webhook.ts). */
export const STRIPE_WEBHOOK_PATH = "/api/webhooks/stripe";

export function edge(scope: (c: Context<AppEnv>) => RequestScope): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { deps, background, limiter } = scope(c);
    c.set("deps", deps);
    c.set("background", background);
    c.set("limiter", limiter);
    const started = performance.now();
    const id = requestIdFor(c);
    c.set("requestId", id);
    const path = c.req.path;
    const api = path.startsWith("/api/");
    const guarded = api && path !== STRIPE_WEBHOOK_PATH;
    // The route, behind the checks of an API request. What they throw is answered by onError, as
    // Hono answers what a route throws, and the answer still gets the "after" part below.
    const guardedRoute = async () => {
      if (guarded) {
        assertSameOrigin(c);
        await loadSession(c);
      }
      await next();
    };
    try {
      const verdict = api ? bodyVerdict(c) : "fits";
      if (verdict === "too large") c.res = tooLarge(c);
      else if (verdict === "count") {
        const answer = await countBody(c, guardedRoute);
        if (answer) c.res = answer;
      } else await guardedRoute();
    } catch (err) {
      c.res = await onError(err instanceof Error ? err : new Error(String(err)), c);
    }
    if (guarded) {
      markPrivate(c);
      stampServerDate(c);
    }
    applySecurityHeaders(c);
    logRequest(c, id, started);
  };
}
