// Cross-cutting HTTP concerns: security headers, body size, cross-site protection, the signed-in
// user, and the one error handler.
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { AppError, errorBody, errorStatus } from "../errors.ts";
import { mapSqliteError } from "../db/errors.ts";
import type { AppEnv } from "./env.ts";
import { HSTS, SECURITY_HEADERS } from "./security-headers.ts";

const MAX_BODY_BYTES = 64 * 1024;

const SECURITY_HEADER_LIST = Object.entries(SECURITY_HEADERS);

/** The security headers on an answer, unless the route set its own (edge.ts, after the route). */
export function applySecurityHeaders(c: Context<AppEnv>): void {
  const h = c.res.headers;
  for (const [name, value] of SECURITY_HEADER_LIST) if (!h.has(name)) h.set(name, value);
  if (c.get("deps")?.config.secureCookies) h.set("Strict-Transport-Security", HSTS);
}

/**
 * The same headers on Node's response before the route runs (edge.ts). Node merges them with
 * the answer's own when it writes the head, the answer's taking precedence, as above; the
 * answer's headers are then never turned into a Headers object only to add these.
 */
export function presetSecurityHeaders(c: Context<AppEnv>, outgoing: { setHeader(name: string, value: string): unknown }): void {
  for (const [name, value] of SECURITY_HEADER_LIST) outgoing.setHeader(name, value);
  if (c.get("deps")?.config.secureCookies) outgoing.setHeader("Strict-Transport-Security", HSTS);
}

export const tooLarge = (c: Context) =>
  c.json(errorBody("PAYLOAD_TOO_LARGE", "The request body is larger than 64 KB."), 413);
/** Counts a chunked body as it streams, answering 413 past 64 KB. */
export const countBody = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: tooLarge });

/**
 * Bodies over 64 KB are refused. Reads have no body; checking one would build a full Request.
 * A body with a Content-Length (and no Transfer-Encoding) is judged by that header alone, as
 * bodyLimit itself does, but before it touches `c.req.raw.body`: on Node that getter builds a web
 * Request with a ReadableStream and an AbortSignal, a fifth of a join's CPU (issue 17's profile).
 * A chunked body ("count") is counted as it streams, by countBody.
 */
export function bodyVerdict(c: Context<AppEnv>): "fits" | "too large" | "count" {
  if (c.req.method === "GET" || c.req.method === "HEAD") return "fits";
  const length = c.req.header("content-length");
  if (length !== undefined && c.req.header("transfer-encoding") === undefined) {
    return parseInt(length || "0", 10) > MAX_BODY_BYTES ? "too large" : "fits";
  }
  return "count";
}

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * State-changing requests must come from our own origin. Browsers send Origin on every
 * cross-site POST and Sec-Fetch-Site where they support it; a request without either comes from
 * a non-browser client, which cannot carry a victim's cookie anyway.
 */
export function assertSameOrigin(c: Context<AppEnv>): void {
  if (SAFE.has(c.req.method)) return;
  const origin = c.req.header("origin");
  // The request's own origin is parsed from its URL only for an Origin that is not the app's: a
  // URL parse was a few µs of every join, which mostly come with no Origin or the app's (issue 17).
  const foreign = (o: string) => o !== c.get("deps").config.appOrigin && o !== new URL(c.req.url).origin;
  if (origin === "null" || c.req.header("sec-fetch-site") === "cross-site" || (origin && foreign(origin))) {
    throw new AppError("CROSS_SITE_REQUEST", "Requests from other sites are not accepted.");
  }
}

export function requireUser(c: Context<AppEnv>) {
  const user = c.get("user");
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first.");
  return user;
}

/** The single error handler: known errors keep their code; anything else is a logged 500. */
export function onError(err: Error, c: Context<AppEnv>) {
  const mapped = mapSqliteError(err);
  if (mapped instanceof AppError) {
    if (mapped.extra.retryAfterSeconds) c.header("Retry-After", String(mapped.extra.retryAfterSeconds));
    return c.json(errorBody(mapped.code, mapped.message, mapped.extra.issues), mapped.status);
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    if (status === 413) return c.json(errorBody("PAYLOAD_TOO_LARGE", "The request body is larger than 64 KB."), 413);
    if (status === 400) return c.json(errorBody("BAD_JSON", "The request body is not valid JSON."), 400);
    if (status === 415)
      return c.json(errorBody("UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json."), 415);
  }
  // The request's log line (request-log.ts) carries the detail; the client gets none of it.
  c.set("error", err);
  return c.json(errorBody("INTERNAL", "Something went wrong on our side. Try again later."), errorStatus.INTERNAL);
}
