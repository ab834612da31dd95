// The edge of every request, in one middleware: its dependencies, its id, and for /api the body
// limit, the same-origin check and the session before the route; after it, the answer's
// Cache-Control and Date (for /api), the security headers, the request id, the metrics and the log.
//
// Issue 17 (decision 015, finding 10): this was seven middleware, each a layer of Hono's compose,
// and their after parts read and wrote the answer's headers: on Node that turns node-server's
// light answer into a Headers object, then back into Node's. Now on Node the id and the security
// headers go on Node's response before the route (Node merges them when it writes the head, the
// answer's own taking precedence), and only what must override the route (Cache-Control of a
// private answer, the Date of a moved clock) touches the answer after it. On Workers, with no
// Node response, the after part sets them all, as before.
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "./http/env.ts";
import type { RequestScope } from "./app.ts";
import type { ServerResponse } from "node:http";
import {
  applySecurityHeaders,
  assertSameOrigin,
  bodyVerdict,
  countBody,
  onError,
  presetSecurityHeaders,
  tooLarge,
} from "./http/middleware.ts";
import { logRequest, requestIdFor } from "./http/request-log.ts";
import { loadSession, markPrivate } from "./auth/session-cookie.ts";
import { stampServerDate } from "./http/server-date.ts";

/** Stripe's webhook carries no session and no origin: only its signature counts (payments/webhook.ts). */
const STRIPE_WEBHOOK_PATH = "/api/webhooks/stripe";

export function edge(scope: (c: Context<AppEnv>) => RequestScope): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { deps, background, limiter } = scope(c);
    c.set("deps", deps);
    c.set("background", background);
    c.set("limiter", limiter);
    const started = performance.now();
    const id = requestIdFor(c);
    c.set("requestId", id);
    // On Node, the id and the security headers go on the response before the route (below).
    const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
    const preset = outgoing !== undefined && !outgoing.headersSent;
    if (preset) {
      outgoing.setHeader("x-request-id", id);
      presetSecurityHeaders(c, outgoing);
    }
    const path = c.req.path;
    // What Hono's "/api/*" matched when these were middleware on it: /api itself too.
    const api = path === "/api" || path.startsWith("/api/");
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
    if (guarded) markPrivate(c);
    if (api) stampServerDate(c);
    if (!preset) {
      c.res.headers.set("x-request-id", id);
      applySecurityHeaders(c);
    }
    logRequest(c, id, started);
  };
}
