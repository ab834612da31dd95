// The session at the HTTP edge: the cookie that carries it, and the middleware that reads the
// signed-in user from it for every API request.
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../http/env.ts";
import { userForSession } from "./sessions.ts";
import { SESSION_TTL_MS } from "./tokens.ts";

export const SESSION_COOKIE = "quorum_session";

export const loadSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = getCookie(c, SESSION_COOKIE) ?? null;
  c.set("sessionToken", token);
  c.set("user", token ? await userForSession(c.var.deps, token) : null);
  await next();
};

const cookieOptions = (c: Context<AppEnv>) =>
  ({ path: "/", httpOnly: true, sameSite: "Lax", secure: c.var.deps.config.secureCookies }) as const;

export const setSessionCookie = (c: Context<AppEnv>, sessionToken: string) =>
  setCookie(c, SESSION_COOKIE, sessionToken, { ...cookieOptions(c), maxAge: SESSION_TTL_MS / 1000 });

export const clearSessionCookie = (c: Context<AppEnv>) => deleteCookie(c, SESSION_COOKIE, cookieOptions(c));
