// Sessions: who a session cookie belongs to, and ending a session. Sessions are read on every
// signed-in request, so a looked-up session is kept in memory for a few seconds. Ending a session
// and changing the user drop it at once in this process; another process on the same database
// may still honour a just-ended session for SESSION_CACHE_MS.
import type { Deps } from "../context.ts";
import { clock } from "../clock.ts";
import { fromSqlTime, query, sql } from "../db/sql.ts";
import { userColumns, userFromRow, type SessionUser } from "./user.ts";
import { hashSecret } from "./tokens.ts";

const SESSION_CACHE_MS = 5_000;
const SESSION_CACHE_MAX = 50_000;
type Cached = { user: SessionUser; expiresAt: number; cachedUntil: number };
const sessionCaches = new WeakMap<Deps, Map<string, Cached>>();
function sessionCache(deps: Deps) {
  let cache = sessionCaches.get(deps);
  if (!cache) sessionCaches.set(deps, (cache = new Map()));
  return cache;
}

export async function userForSession(deps: Deps, sessionToken: string): Promise<SessionUser | null> {
  if (sessionToken.length < 20 || sessionToken.length > 100) return null;
  const id = hashSecret(sessionToken);
  const now = clock.nowMs();
  const cache = sessionCache(deps);
  const hit = cache.get(id);
  if (hit && hit.cachedUntil > now) return hit.expiresAt > now ? hit.user : null;
  const [row] = await query(
    deps.sql,
    sql`SELECT ${userColumns}, s."expiresAt" FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE s."id" = ${id} AND u."blockedAt" IS NULL`,
  );
  if (!row) {
    cache.delete(id);
    return null;
  }
  const user = userFromRow(row);
  const expiresAt = fromSqlTime(row.expiresAt)!.getTime();
  if (cache.size >= SESSION_CACHE_MAX) cache.clear();
  cache.set(id, { user, expiresAt, cachedUntil: now + SESSION_CACHE_MS });
  return expiresAt > now ? user : null;
}

export async function endSession(deps: Deps, sessionToken: string): Promise<void> {
  const id = hashSecret(sessionToken);
  sessionCache(deps).delete(id);
  await deps.sql.batch([sql`DELETE FROM "Session" WHERE "id" = ${id}`]);
}

/** Drops the user's cached sessions, so the next request reads the user as it now is. */
export function forgetCachedUser(deps: Deps, userId: string): void {
  const cache = sessionCache(deps);
  for (const [key, entry] of cache) if (entry.user.id === userId) cache.delete(key);
}
