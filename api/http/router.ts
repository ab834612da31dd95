// The app's router: Hono's RegExpRouter, which matches a request with one regular expression
// (~0.2 µs), where the TrieRouter that Hono otherwise falls back to walks its nodes (1–4 µs: 7–15%
// of a cached deal read's CPU on Node; decision 015, finding 13).
//
// RegExpRouter cannot hold a fixed segment and a parameter at the same place of two routes of one
// method, and DESIGN's API has one such pair: DELETE /api/deals/:id/commitments/mine (withdraw)
// beside DELETE /api/deals/:id/commitments/:commitmentId (the initiator removes a participant).
// The fixed one is filed under a method of its own, "DELETE /api/deals/:id/commitments/mine",
// which no request can have (a method has no spaces), and a DELETE of that path is looked up
// there, with the routes of every method (the edge middleware, the API's 404). What a handler sees
// is unchanged: the request's own method and path, the route's own pattern (`routePath`, the
// metrics' label) and its parameters. Any other such pair makes RegExpRouter throw when the route
// is added, so the app does not start (tests/api/router.test.ts).
import type { Result, Router } from "hono/router";
import { RegExpRouter } from "hono/router/reg-exp-router";

/** Fixed routes that sit beside a parameter of another route of their method. */
const ASIDE = [{ method: "DELETE", route: "/api/deals/:id/commitments/mine" }].map(({ method, route }) => ({
  method,
  route,
  filed: `${method} ${route}`,
  /** The route's last segment: only a path that ends in it is tested against `request`. */
  segment: route.slice(route.lastIndexOf("/")),
  request: new RegExp(`^${route.replace(/:\w+/g, "[^/]+")}$`),
}));

export class ApiRouter<T> implements Router<T> {
  readonly name = "ApiRouter (RegExpRouter)";
  readonly #inner = new RegExpRouter<T>();

  add(method: string, path: string, handler: T): void {
    const aside = ASIDE.find((a) => a.method === method && a.route === path);
    this.#inner.add(aside ? aside.filed : method, path, handler);
  }

  match(method: string, path: string): Result<T> {
    for (const a of ASIDE) {
      if (method === a.method && path.endsWith(a.segment) && a.request.test(path)) return this.#inner.match(a.filed, path);
    }
    return this.#inner.match(method, path);
  }
}
