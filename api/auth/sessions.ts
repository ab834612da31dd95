// Sessions: who a session cookie belongs to, and ending sessions. Sessions are read on every
// signed-in request, so a looked-up session is kept in memory for a few seconds. Ending a session
// and changing the user drop it at once in this process; another process on the same database
// may still honour a just-ended session for SESSION_CACHE_MS.
import type { Deps } from "../context.ts";
import { clock } from "../clock.ts";
import { fromSqlTime, query, sql } from "../db/sql.ts";
import { userColumns, userFromRow, type SessionUser } from "./user.ts";
import { hashSecret } from "./tokens.ts";
import { ArrivalQueue } from "../arrival-queue.ts";

const SESSION_CACHE_MS = 5_000;
/**
 * Enough for every session seen in the last SESSION_CACHE_MS at 2,000 distinct sessions a second.
 * A crowd of first-time joiners (each session seen once) would otherwise fill the cache with
 * entries never read again: 50,000 of them held ~25 MB of the heap, and the old generation grew
 * to several times that before the collector ran (issue 6's peak memory).
 */
export const SESSION_CACHE_MAX = 10_000;
type Cached = { user: SessionUser; expiresAt: number; cachedUntil: number };

/**
 * The cached sessions, and which of them are each user's, so a user's are dropped without a walk.
 * Every entry is kept for the same SESSION_CACHE_MS, so the order in which entries arrived (an
 * ArrivalQueue: not the map's own, which costs more to walk from the front with every entry
 * dropped) is also the order in which they go stale: each new entry drops the stale ones from
 * the front, and the oldest beyond SESSION_CACHE_MAX.
 */
export class SessionCache {
  private byId = new Map<string, Cached>();
  /** A user's cached sessions: the one id, as most users have, or a Set of them (~0.2 KB less an entry). */
  private byUser = new Map<string, string | Set<string>>();
  private queue = new ArrivalQueue<Cached>((id) => this.byId.get(id), SESSION_CACHE_MAX);

  get size() {
    return this.byId.size;
  }

  /** The queue's slots, passed ones included (for the tests: it must stay bounded). */
  get queued() {
    return this.queue.length;
  }

  get(id: string) {
    return this.byId.get(id);
  }

  set(id: string, entry: Cached, now: number) {
    this.delete(id);
    this.byId.set(id, entry);
    const ids = this.byUser.get(entry.user.id);
    if (ids === undefined) this.byUser.set(entry.user.id, id);
    else if (typeof ids === "string") this.byUser.set(entry.user.id, new Set([ids, id]));
    else ids.add(id);
    this.queue.push(id, entry);
    this.queue.trim((oldest, e) => {
      if (e.cachedUntil > now && this.byId.size <= SESSION_CACHE_MAX) return false;
      this.delete(oldest);
      return true;
    });
  }

  delete(id: string) {
    const entry = this.byId.get(id);
    if (!entry) return;
    this.byId.delete(id);
    const ids = this.byUser.get(entry.user.id);
    if (ids === id) this.byUser.delete(entry.user.id);
    else if (typeof ids === "object") {
      ids.delete(id);
      if (ids.size === 0) this.byUser.delete(entry.user.id);
    }
  }

  forgetUser(userId: string) {
    const ids = this.byUser.get(userId);
    for (const id of typeof ids === "string" ? [ids] : (ids ?? [])) this.byId.delete(id);
    this.byUser.delete(userId);
  }
}

const sessionCaches = new WeakMap<Deps, SessionCache>();
function sessionCache(deps: Deps) {
  let cache = sessionCaches.get(deps);
  if (!cache) sessionCaches.set(deps, (cache = new SessionCache()));
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
  cache.set(id, { user, expiresAt, cachedUntil: now + SESSION_CACHE_MS }, now);
  return expiresAt > now ? user : null;
}

export async function endSession(deps: Deps, sessionToken: string): Promise<void> {
  const id = hashSecret(sessionToken);
  sessionCache(deps).delete(id);
  await deps.sql.batch([sql`DELETE FROM "Session" WHERE "id" = ${id}`]);
}

/** Ends every session of the user, on every device ("sign out everywhere"). */
export async function endAllSessions(deps: Deps, userId: string): Promise<number> {
  forgetCachedUser(deps, userId);
  const [rows] = await deps.sql.batch([sql`DELETE FROM "Session" WHERE "userId" = ${userId} RETURNING "id"`]);
  return rows?.length ?? 0;
}

/** Drops the user's cached sessions, so the next request reads the user as it now is. */
export function forgetCachedUser(deps: Deps, userId: string): void {
  sessionCache(deps).forgetUser(userId);
}
