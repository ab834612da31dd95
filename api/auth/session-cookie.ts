// The session at the HTTP edge: the cookie that carries it, and the middleware that reads the
// signed-in user from it for every API request. Under https the cookie is `__Host-` prefixed, so
// the browser takes it only when Secure, on Path=/ and without a Domain: a sibling subdomain can
// neither set nor overwrite it.
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { Config } from "../config.ts";
import type { AppEnv } from "../http/env.ts";
import { userForSession } from "./sessions.ts";
import { SESSION_TTL_MS } from "./tokens.ts";

export const SESSION_COOKIE = "quorum_session";

/** The cookie's name: `__Host-quorum_session` under https, `quorum_session` on plain http. */
export const sessionCookieName = (config: Config) => (config.secureCookies ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE);

/** Reads the signed-in user (or none) from the session cookie, before the route (edge.ts). */
export async function loadSession(c: Context<AppEnv>): Promise<void> {
  const token = getCookie(c, sessionCookieName(c.get("deps").config)) ?? null;
  c.set("sessionToken", token);
  c.set("user", token ? await userForSession(c.get("deps"), token) : null);
}

/**
 * Marks every answer to a signed-in request (and every answer that sets the cookie)
 * `private, no-store`: what is personal must not stay in a shared or back-button cache.
 */
export function markPrivate(c: Context<AppEnv>): void {
  if (c.get("user") || c.get("setsCookie")) c.res.headers.set("Cache-Control", "private, no-store");
}

const cookieOptions = (c: Context<AppEnv>) =>
  ({ path: "/", httpOnly: true, sameSite: "Lax", secure: c.get("deps").config.secureCookies }) as const;

// The only two places that set a cookie; each marks the answer for markPrivate, which then need
// not read the answer's headers (on Node that would build them for every answer).
export const setSessionCookie = (c: Context<AppEnv>, sessionToken: string) => {
  c.set("setsCookie", true);
  setCookie(c, sessionCookieName(c.get("deps").config), sessionToken, { ...cookieOptions(c), maxAge: SESSION_TTL_MS / 1000 });
};

/** Clears the cookie whether or not it named a live session: signing out always leaves none. */
export const clearSessionCookie = (c: Context<AppEnv>) => {
  c.set("setsCookie", true);
  setCookie(c, sessionCookieName(c.get("deps").config), "", { ...cookieOptions(c), maxAge: 0 });
};
