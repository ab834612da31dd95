// Passwordless sign-in: single-use links, hashed tokens, and sessions.
import { createHash, randomBytes } from "node:crypto";
import type { Deps } from "../context.ts";
import { AppError } from "../errors.ts";
import { clock } from "../clock.ts";
import { ipLimitKey, LIMITS } from "../http/rate-limit.ts";
import { fromSqlTime, sqlTime, stmt } from "../db/sql.ts";
import { newId } from "../ids.ts";

export const TOKEN_TTL_MS = 10 * 60_000;
export const SESSION_TTL_MS = 30 * 24 * 3_600_000;

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
/** 256 bits from the CSPRNG, URL-safe. */
const secret = () => randomBytes(32).toString("base64url");

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  locale: string;
}

/**
 * Records a sign-in link in the outbox. Known and unknown addresses take the same path (the user
 * is created only when the link is used), so neither the answer nor its timing tells them apart.
 */
export async function requestSignIn(
  deps: Deps,
  { email, locale, ip }: { email: string; locale: string; ip: string },
): Promise<void> {
  const address = email.trim().toLowerCase();
  deps.limiter.hit(`sign-in:ip:${ipLimitKey(ip)}`, LIMITS.signInPerIp);
  deps.limiter.hit(`sign-in:email:${address}`, LIMITS.signInPerEmail);
  const token = secret();
  const id = sha256(token);
  const now = clock.nowMs();
  const link = `${deps.config.appUrl}/auth/callback?token=${token}`;
  // The link has to wait in the outbox until it is sent; the dispatcher erases it from the row
  // once it has been delivered. Only the hash stays.
  await deps.sql.batch([
    stmt(
      `INSERT INTO "SignInToken" ("id", "email", "expiresAt", "createdAt") VALUES (?, ?, ?, ?)`,
      id,
      address,
      sqlTime(now + TOKEN_TTL_MS),
      sqlTime(now),
    ),
    stmt(
      `INSERT INTO "Notification" ("key", "kind", "dealId", "userId", "toEmail", "payload", "state", "attempts", "nextAttemptAt", "createdAt")
       VALUES (?, 'sign-in', NULL, NULL, ?, ?, 'pending', 0, ?, ?)`,
      `sign-in:${id.slice(0, 32)}:${address}`,
      address,
      JSON.stringify({ link, locale }),
      sqlTime(now),
      sqlTime(now),
    ),
  ]);
  deps.kickOutbox();
}

/**
 * Uses a sign-in token once, creates the user on first sign-in and starts a new session, in one
 * atomic batch: a link is never used up without a session (D1 has no interactive transactions,
 * so this is guarded SQL rather than a Prisma upsert).
 */
export async function completeSignIn(
  deps: Deps,
  { token, locale }: { token: string; locale: string },
): Promise<{ user: SessionUser; sessionToken: string; expiresAt: Date }> {
  const nowMs = clock.nowMs();
  const now = sqlTime(nowMs);
  const tokenId = sha256(token);
  const sessionToken = secret();
  const expiresAt = new Date(nowMs + SESSION_TTL_MS);
  // Every statement after the first acts only if the first used the token at this instant.
  const used = `SELECT "email" FROM "SignInToken" WHERE "id" = ? AND "usedAt" = ?`;
  const results = await deps.sql.batch([
    stmt(
      `UPDATE "SignInToken" SET "usedAt" = ? WHERE "id" = ? AND "usedAt" IS NULL AND "expiresAt" > ? RETURNING "email"`,
      now,
      tokenId,
      now,
    ),
    stmt(
      `INSERT INTO "User" ("id", "email", "displayName", "locale", "createdAt")
       SELECT ?, "email", ?, ?, ? FROM (${used}) WHERE true
       ON CONFLICT ("email") DO NOTHING`,
      newId(),
      `Member ${(randomBytes(2).readUInt16BE() % 9000) + 1000}`,
      locale,
      now,
      tokenId,
      now,
    ),
    stmt(
      `INSERT INTO "Session" ("id", "userId", "expiresAt", "createdAt")
       SELECT ?, u."id", ?, ? FROM "User" u WHERE u."email" = (${used})`,
      sha256(sessionToken),
      sqlTime(expiresAt.getTime()),
      now,
      tokenId,
      now,
    ),
    stmt(
      `SELECT u."id", u."email", u."displayName", u."locale" FROM "User" u WHERE u."email" = (${used})`,
      tokenId,
      now,
    ),
  ]);
  const row = results[3]?.[0];
  if (!results[0]?.length || !row) {
    throw new AppError("TOKEN_INVALID", "This sign-in link is invalid, used or expired. Ask for a new one.");
  }
  const user: SessionUser = {
    id: String(row.id),
    email: String(row.email),
    displayName: String(row.displayName),
    locale: String(row.locale),
  };
  return { user, sessionToken, expiresAt };
}

/** A new session for a user; the cookie value is returned, only its hash is stored. */
export async function createSession(deps: Deps, userId: string) {
  const now = clock.nowMs();
  const sessionToken = secret();
  const expiresAt = new Date(now + SESSION_TTL_MS);
  await deps.prisma.session.create({
    data: { id: sha256(sessionToken), userId, expiresAt, createdAt: new Date(now) },
  });
  return { sessionToken, expiresAt };
}

/**
 * Sessions are read on every signed-in request, so a looked-up session is kept in memory for a
 * few seconds. Signing out and changing the user drop it at once in this process; another
 * process on the same database may still honour a just-ended session for SESSION_CACHE_MS.
 */
export const SESSION_CACHE_MS = 5_000;
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
  const id = sha256(sessionToken);
  const now = clock.nowMs();
  const cache = sessionCache(deps);
  const hit = cache.get(id);
  if (hit && hit.cachedUntil > now) return hit.expiresAt > now ? hit.user : null;
  const [row] = await deps.sql.all(
    `SELECT u."id", u."email", u."displayName", u."locale", s."expiresAt"
     FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE s."id" = ?`,
    [id],
  );
  if (!row) {
    cache.delete(id);
    return null;
  }
  const user: SessionUser = {
    id: String(row.id),
    email: String(row.email),
    displayName: String(row.displayName),
    locale: String(row.locale),
  };
  const expiresAt = fromSqlTime(row.expiresAt)!.getTime();
  if (cache.size >= SESSION_CACHE_MAX) cache.clear();
  cache.set(id, { user, expiresAt, cachedUntil: now + SESSION_CACHE_MS });
  return expiresAt > now ? user : null;
}

export async function endSession(deps: Deps, sessionToken: string): Promise<void> {
  const id = sha256(sessionToken);
  sessionCache(deps).delete(id);
  await deps.prisma.session.deleteMany({ where: { id } });
}

export async function updateUser(
  deps: Deps,
  { userId, changes }: { userId: string; changes: { displayName?: string; locale?: string } },
): Promise<SessionUser> {
  const user = await deps.prisma.user.update({
    where: { id: userId },
    data: changes,
    select: { id: true, email: true, displayName: true, locale: true },
  });
  for (const [key, entry] of sessionCache(deps)) if (entry.user.id === userId) sessionCache(deps).delete(key);
  return user;
}
