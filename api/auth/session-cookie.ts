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

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * The value of the cookie `name` in a Cookie header, as hono/cookie's getCookie reads it. A
 * header that begins with this cookie and a token of the form newSecret makes (43 characters of
 * base64url) is read directly: the first cookie of a name is the one read, and such a value has
 * nothing to trim, unquote or decode. Any other header goes to getCookie, which parses the whole
 * header into a map with a regular expression per pair: ~5 µs of a join's CPU (issue 17).
 */
export function sessionTokenFrom(header: string | undefined, name: string, parse: () => string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const end = name.length + 44;
  if (header.startsWith(name) && header.charCodeAt(name.length) === 61 && (header.length === end || header.charCodeAt(end) === 59)) {
    const value = header.slice(name.length + 1, end);
    if (TOKEN.test(value)) return value;
  }
  return parse();
}

/** Reads the signed-in user (or none) from the session cookie, before the route (edge.ts). */
export async function loadSession(c: Context<AppEnv>): Promise<void> {
  const name = sessionCookieName(c.get("deps").config);
  const token = sessionTokenFrom(c.req.header("cookie"), name, () => getCookie(c, name)) ?? null;
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
